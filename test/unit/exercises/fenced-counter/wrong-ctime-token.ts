// WRONG: the lock znode's ctime as the token. It looks as if it grows (a later grant is a
// znode created later), but ctime is the leader's wall clock when it stamped the create: the
// servers' clocks disagree, and after a leader change the new leader's clock can be behind the
// old one's, so a later grant can carry a lower ctime (the czxid would still grow).
async function tokenOf(zk: ZooKeeperClient, lockNode: string): Promise<bigint | null> {
  for (;;) {
    try {
      const stat = await zk.exists(lockNode);
      return stat === null ? null : BigInt(stat.ctime);
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
export {};
