// WRONG: the lock znode's version as the token. A lock znode is never modified, so every
// grant carries version 0: the resource cannot tell a late holder from the current one.
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
  const token = BigInt(stat.version);
  const value = await resource.read(token);
  if (value === 'rejected') return;
  await resource.write(value + 1, token);
}
export {};
