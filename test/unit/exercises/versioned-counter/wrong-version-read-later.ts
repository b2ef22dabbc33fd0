// WRONG: reads the count, then reads the version again just before writing ("the freshest
// version"): the version no longer belongs to the count the write was computed from, so a
// write based on a stale count passes the version check and overwrites an increment.
async function increment(zk: ZooKeeperClient, path: string): Promise<void> {
  for (;;) {
    try {
      const { data } = await zk.getData(path);
      const count = Number(decode(data));
      await sleep(5); // the time it takes to compute
      const stat = await zk.exists(path);
      await zk.setData(path, String(count + 1), stat!.version);
      return;
    } catch (err) {
      if (err instanceof KeeperException && (err.code === 'BADVERSION' || err.code === 'CONNECTIONLOSS')) continue;
      throw err;
    }
  }
}
export {};
