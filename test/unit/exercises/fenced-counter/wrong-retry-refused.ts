// WRONG: the czxid as the token, on every request, but a refused request is tried again. A
// refused token is never accepted again: the lock is gone, and the worker must stop.
async function statOf(zk: ZooKeeperClient, lockNode: string): Promise<Stat | null> {
  for (;;) {
    try {
      return await zk.exists(lockNode);
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
async function increment(zk: ZooKeeperClient, lockNode: string, resource: Resource): Promise<void> {
  const stat = await statOf(zk, lockNode);
  if (stat === null) return;
  for (;;) {
    const value = await resource.read(stat.czxid);
    if (value === 'rejected') {
      await sleep(100);
      continue;
    }
    if ((await resource.write(value + 1, stat.czxid)) === 'accepted') return;
    await sleep(100);
  }
}
export {};
