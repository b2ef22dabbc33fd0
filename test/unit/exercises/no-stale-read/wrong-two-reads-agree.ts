// WRONG: reads until two reads in a row agree, taking agreement for freshness. A follower cut
// off from its leader answers the same old value every time.
async function readFresh(zk: ZooKeeperClient, path: string): Promise<string> {
  for (;;) {
    try {
      const first = decode((await zk.getData(path)).data);
      const second = decode((await zk.getData(path)).data);
      if (first === second) return second ?? '';
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(200);
    }
  }
}
export {};
