// increment(zk, path)：给保存在 `path` 数据里的计数器加 1（计数是十进制数，写在最前面）。
// 检查的代码让四个 worker 同时各调用它五次，其间连接会断开、服务器会崩溃。
// 计数器最后必须恰好是 20。
//
// 网络正常时这个版本是对的：版本号让基于旧值的写入失败、返回 BADVERSION，然后它重读。
// 可是 setData 失败、返回 CONNECTIONLOSS 时，它做了什么？又该做什么？
async function increment(zk: ZooKeeperClient, path: string): Promise<void> {
  for (;;) {
    const { data, stat } = await zk.getData(path);
    const count = Number(decode(data));
    try {
      await zk.setData(path, String(count + 1), stat.version);
      return;
    } catch (err) {
      if (err instanceof KeeperException && err.code === 'BADVERSION') continue; // 有人抢先写了
      throw err;
    }
  }
}
export {};
