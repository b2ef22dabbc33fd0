// readFresh(zk, path)：`path` 的数据，至少和这次调用之前已经确认的每一次写入一样新。
// 检查的代码每确认一次对 /x 的写入，就从另一个客户端（连在另一台服务器上）调用
// readFresh，一共十二次；其间那台服务器会与领导者隔开一段时间，之后又落后它几秒。
//
// 这个版本只是读。回答这次读的是哪台服务器？它看到了什么？
async function readFresh(zk: ZooKeeperClient, path: string): Promise<string> {
  const { data } = await zk.getData(path);
  return decode(data) ?? '';
}
export {};
