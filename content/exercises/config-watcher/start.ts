// watchConfig(zk, path, onValue): report the value of `path` now, and again every time it
// changes, forever. The check's code (below the editor) calls it, then changes the znode
// twelve times, some changes only a millisecond apart, while servers crash and connections
// break. It must report the last value.
async function watchConfig(zk: ZooKeeperClient, path: string, onValue: (value: string) => void): Promise<void> {
  const { data } = await zk.getData(path, async (event) => {
    // Something changed: read the new value.
    const now = await zk.getData(path);
    onValue(decode(now.data) ?? '');
    console.log(`watcher: ${event.type}`);
  });
  onValue(decode(data) ?? '');
}
export {};
