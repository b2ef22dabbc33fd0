// WRONG (and sly): ignores the handle it is given and increments through a session of its
// own, opened on first use, which the connection breaks are not aimed at; and it retries
// blindly, which a lost reply would catch out.
let own: Promise<ZooKeeperClient> | undefined;
async function increment(_zk: ZooKeeperClient, path: string): Promise<void> {
  own ??= connect();
  const zk = await own;
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
