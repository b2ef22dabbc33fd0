// WRONG: the lock znode's mtime as the token (for a lock znode, never written after its create, it is its ctime). It looks as if it grows (a later grant is a
// znode created later), but ctime is the leader's wall clock when it stamped the create: the
// servers' clocks disagree, and after a leader change the new leader's clock can be behind the
// old one's, so a later grant can carry a lower ctime (the czxid would still grow).
interface Resource {
  read(token?: bigint): Promise<number | 'rejected'>;
  write(value: number, token?: bigint): Promise<'accepted' | 'rejected'>;
}
async function tokenOf(zk: ZooKeeperClient, lockNode: string): Promise<bigint | null> {
  for (;;) {
    try {
      const stat = await zk.exists(lockNode);
      return stat === null ? null : BigInt(stat.mtime);
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
async function increment(zk: ZooKeeperClient, lockNode: string, resource: Resource): Promise<void> {
  const token = await tokenOf(zk, lockNode);
  if (token === null) return;
  const value = await resource.read(token);
  if (value === 'rejected') return;
  await resource.write(value + 1, token);
}
export {};
