// WRONG: the czxid's low 32 bits as the token (the counter, without the epoch in the high
// half). The counter starts again from 0 when a new leader takes over: a later grant then
// carries a lower token, and the resource refuses the rightful holder.
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
export {};
