// WRONG: takes a CONNECTIONLOSS on setData for success ("it probably went through"). When
// the write never reached the leader, the increment is lost.
async function increment(zk: ZooKeeperClient, path: string): Promise<void> {
  for (;;) {
    try {
      const { data, stat } = await zk.getData(path);
      await zk.setData(path, String(Number(decode(data)) + 1), stat.version);
      return;
    } catch (err) {
      if (!(err instanceof KeeperException)) throw err;
      if (err.code === 'BADVERSION') continue;
      if (err.code === 'CONNECTIONLOSS') return;
      throw err;
    }
  }
}
export {};
