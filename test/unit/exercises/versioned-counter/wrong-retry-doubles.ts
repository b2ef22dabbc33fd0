// WRONG: on CONNECTIONLOSS it simply starts over (read, add 1, write). When the lost
// setData had been applied, the retry adds 1 a second time.
async function increment(zk: ZooKeeperClient, path: string): Promise<void> {
  for (;;) {
    try {
      const { data, stat } = await zk.getData(path);
      await zk.setData(path, String(Number(decode(data)) + 1), stat.version);
      return;
    } catch (err) {
      if (err instanceof KeeperException && (err.code === 'BADVERSION' || err.code === 'CONNECTIONLOSS')) continue;
      throw err;
    }
  }
}
export {};
