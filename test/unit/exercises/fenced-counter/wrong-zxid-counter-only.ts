// WRONG: the czxid's low 32 bits as the token (the counter, without the epoch in the high
// half). The counter starts again from 0 when a new leader takes over: a later grant then
// carries a lower token, and the resource refuses the rightful holder.
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
      return stat === null ? null : stat.czxid & 0xffffffffn; // the counter, without the epoch
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
