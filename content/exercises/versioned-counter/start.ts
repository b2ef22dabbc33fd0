// increment(zk, path): add 1 to the counter kept in `path`'s data (the count, in decimal,
// first). The check's code runs four workers that each call it five times, all at once,
// while connections break and servers crash. The counter must end at exactly 20.
//
// This version is right while the network is: the version makes a stale write fail with
// BADVERSION, and it then reads again. What does it do when setData fails with
// CONNECTIONLOSS — and what should it do?
async function increment(zk: ZooKeeperClient, path: string): Promise<void> {
  for (;;) {
    const { data, stat } = await zk.getData(path);
    const count = Number(decode(data));
    try {
      await zk.setData(path, String(count + 1), stat.version);
      return;
    } catch (err) {
      if (err instanceof KeeperException && err.code === 'BADVERSION') continue; // someone got there first
      throw err;
    }
  }
}
export {};
