// watchConfig(zk, path, onValue)：现在报告 `path` 的值，之后每次值变了再报告，一直如此。
// 检查的代码（在编辑器下方）调用它，然后把这个 znode 改十二次，有几次只隔一毫秒；
// 其间服务器会崩溃，连接会断开。它必须报告最后一个值。
async function watchConfig(zk: ZooKeeperClient, path: string, onValue: (value: string) => void): Promise<void> {
  const { data } = await zk.getData(path, async (event) => {
    // 有东西变了：读新值。
    const now = await zk.getData(path);
    onValue(decode(now.data) ?? '');
    console.log(`watcher: ${event.type}`);
  });
  onValue(decode(data) ?? '');
}
export {};
