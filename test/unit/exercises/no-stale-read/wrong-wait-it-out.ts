// WRONG: waits before reading, so that a lagging server has time to catch up. No wait is
// long enough for every lag, and a healthy server needs none.
async function readFresh(zk: ZooKeeperClient, path: string): Promise<string> {
  await sleep(2000);
  for (;;) {
    try {
      return decode((await zk.getData(path)).data) ?? '';
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(200);
    }
  }
}
export {};
