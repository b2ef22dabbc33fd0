// WRONG: the czxid as the token, but only on the write. A new holder that reads without
// presenting its token lets a late write of the previous holder in between its read and its
// write: the resource has not seen the newer token yet.
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
  const value = await resource.read();
  if (value === 'rejected') return;
  await resource.write(value + 1, stat.czxid);
}
export {};
