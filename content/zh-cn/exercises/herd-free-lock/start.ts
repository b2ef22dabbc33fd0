// lock(zk, dir)：等到这个客户端持有锁 `dir`，返回它的锁 znode 的路径。
// unlock(zk, node)：释放锁。检查的代码让四个 worker 各拿三次锁，其间服务器会崩溃、
// 连接会断开、会话会过期。两个 worker 绝不能同时持有锁，一次释放只能唤醒一个等待者。
//
// 这个版本在安静的网络上能用，但每个等待者都监视锁的子节点：每次变化都把它们全部唤醒
// （羊群效应）。create 途中连接断了又会怎样？
async function lock(zk: ZooKeeperClient, dir: string): Promise<string> {
  const node = await zk.create(`${dir}/lock-`, '', OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
  for (;;) {
    let wake: () => void = () => {};
    const changed = new Promise<void>((resolve) => (wake = resolve));
    const children = await zk.getChildren(dir, () => wake());
    children.sort();
    if (`${dir}/${children[0]}` === node) return node;
    await changed;
  }
}

async function unlock(zk: ZooKeeperClient, node: string): Promise<void> {
  await zk.delete(node, -1);
}
export {};
