// WRONG: writes with version -1 ("whatever it is now"), retrying on CONNECTIONLOSS. Two
// workers that read the same count both write count + 1: one increment is lost.
async function increment(zk: ZooKeeperClient, path: string): Promise<void> {
  for (;;) {
    try {
      const { data } = await zk.getData(path);
      await zk.setData(path, String(Number(decode(data)) + 1), -1);
      return;
    } catch (err) {
      if (err instanceof KeeperException && err.code === 'CONNECTIONLOSS') continue;
      throw err;
    }
  }
}
export {};
