// WRONG: after a CONNECTIONLOSS, reads again and compares values: if the count is the one it
// wrote and the version moved by one, it takes the write for its own. But another worker
// that read the same count writes the very same value: that increment is then counted as
// ours, and ours is lost (or the reverse).
async function increment(zk: ZooKeeperClient, path: string): Promise<void> {
  for (;;) {
    try {
      const { data, stat } = await zk.getData(path);
      const next = Number(decode(data)) + 1;
      try {
        await zk.setData(path, String(next), stat.version);
        return;
      } catch (err) {
        if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
        await sleep(100);
        const again = await zk.getData(path);
        if (again.stat.version === stat.version + 1 && Number(decode(again.data)) === next) return; // it was ours
      }
    } catch (err) {
      if (err instanceof KeeperException && (err.code === 'BADVERSION' || err.code === 'CONNECTIONLOSS')) continue;
      throw err;
    }
  }
}
export {};
