// createOnce(zk, dir, data)：在 `dir` 下创建一个 EPHEMERAL_SEQUENTIAL 子节点，内容是 `data`，
// 返回它的路径。检查的代码让三个 worker 一共调用它十八次，其间它们的连接会断开。
// 每次调用必须留下恰好一个 znode：就是它返回的那个。
//
// 这个版本在连接断开时重试。运行检查：如果第一次 create 其实已经成功了，重试做了什么？
async function createOnce(zk: ZooKeeperClient, dir: string, data: string): Promise<string> {
  for (;;) {
    try {
      return await zk.create(`${dir}/task-`, data, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
    } catch (err) {
      if (err instanceof KeeperException && err.code === 'CONNECTIONLOSS') continue; // 再试一次
      throw err;
    }
  }
}
export {};
