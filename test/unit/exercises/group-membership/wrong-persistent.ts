// WRONG: members as PERSISTENT znodes (handling CONNECTIONLOSS and NODEEXISTS): a member that
// leaves, crashes or loses its session stays in the group.
async function join(zk: ZooKeeperClient, group: string, name: string, data: string): Promise<void> {
  for (;;) {
    try {
      await zk.create(`${group}/${name}`, data, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
      return;
    } catch (err) {
      if (err instanceof KeeperException && err.code === 'NODEEXISTS') return;
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
export {};
