// increment(zk, lockNode, resource): add 1 to the counter kept in `resource`, a store outside
// ZooKeeper, while holding the lock whose znode is `lockNode`.
//
// The fencing token is the lock znode's czxid: the zxid of the transaction that created it.
// A later grant of the lock is a znode created later, so its czxid is larger, across leader
// changes too. The token goes with every request, the read first: the resource then refuses
// the late write of a holder that paused and lost the lock. A refusal means the lock is gone:
// stop, and let the worker take the lock again.
interface Resource {
  /** The counter's value, or 'rejected' if the token is lower than one the resource has seen. */
  read(token?: bigint): Promise<number | 'rejected'>;
  /** Set the counter; 'rejected' if the token is lower than one the resource has seen. */
  write(value: number, token?: bigint): Promise<'accepted' | 'rejected'>;
}

async function tokenOf(zk: ZooKeeperClient, lockNode: string): Promise<bigint | null> {
  for (;;) {
    try {
      const stat = await zk.exists(lockNode);
      return stat === null ? null : stat.czxid;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100); // the client reconnects by itself: ask again
    }
  }
}

async function increment(zk: ZooKeeperClient, lockNode: string, resource: Resource): Promise<void> {
  const token = await tokenOf(zk, lockNode);
  if (token === null) return; // the lock znode is gone: so is the lock
  const value = await resource.read(token);
  if (value === 'rejected') return;
  await resource.write(value + 1, token);
}
export {};
