// elect(zk, dir, name)：在 `dir` 下报名，当上领导者时用这个候选者的 znode 路径 resolve。
// 检查的代码运行四个候选者；每个领导者任职一段时间后卸任，排在下一个的必须接任；
// 其间服务器会崩溃，连接会断开，会话会过期。
//
// 这个版本等领导者离开：每个候选者都监视最小的子节点。
// 运行检查：领导者卸任时，有几个候选者被唤醒？
async function elect(zk: ZooKeeperClient, dir: string, name: string): Promise<string> {
  const node = await zk.create(`${dir}/n_`, name, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
  for (;;) {
    const children = (await zk.getChildren(dir)).sort();
    if (`${dir}/${children[0]}` === node) return node;
    let wake: () => void = () => {};
    const woken = new Promise<void>((resolve) => (wake = resolve));
    if ((await zk.exists(`${dir}/${children[0]}`, () => wake())) !== null) await woken;
  }
}
export {};
