// WRONG: keeps the value in a cache that a data watch refreshes, and answers from the cache.
// The watch event comes from the same lagging server, and only after it has applied the
// change: the cache is as old as that server.
let cached: string | undefined;
async function refresh(zk: ZooKeeperClient, path: string): Promise<void> {
  for (;;) {
    try {
      const { data } = await zk.getData(path, () => void refresh(zk, path).catch(() => undefined));
      cached = decode(data) ?? '';
      return;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(200);
    }
  }
}
async function readFresh(zk: ZooKeeperClient, path: string): Promise<string> {
  if (cached === undefined) await refresh(zk, path);
  return cached!;
}
export {};
