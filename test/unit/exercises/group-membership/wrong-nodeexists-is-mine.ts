// WRONG: takes NODEEXISTS for "my earlier create went through". After a crash and restart the
// znode is the old session's: it goes when that session ends, and the member with it.
async function join(zk: ZooKeeperClient, group: string, name: string, data: string): Promise<void> {
  for (;;) {
    try {
      await zk.create(`${group}/${name}`, data, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
      return;
    } catch (err) {
      if (err instanceof KeeperException && err.code === 'NODEEXISTS') return;
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
export {};
