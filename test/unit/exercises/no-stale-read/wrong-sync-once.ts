// WRONG: syncs once, on the first call, as if a server once caught up stayed caught up.
let synced = false;
async function readFresh(zk: ZooKeeperClient, path: string): Promise<string> {
  for (;;) {
    try {
      if (!synced) {
        await zk.sync(path);
        synced = true;
      }
      const { data } = await zk.getData(path);
      return decode(data) ?? '';
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(200);
    }
  }
}
export {};
