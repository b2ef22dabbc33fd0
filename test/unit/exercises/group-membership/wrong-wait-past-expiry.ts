// WRONG: waits for the old session's znode with a watcher that hears only NodeDeleted. If this
// member's own session expires meanwhile (it was cut off longer than its timeout), the watcher
// gets an event with state Expired and ignores it: join neither returns nor throws, and the
// member never joins again with a new session.
async function join(zk: ZooKeeperClient, group: string, name: string, data: string): Promise<void> {
  const path = `${group}/${name}`;
  for (;;) {
    try {
      await zk.create(path, data, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
      return;
    } catch (err) {
      if (!(err instanceof KeeperException)) throw err;
      if (err.code === 'CONNECTIONLOSS') {
        await sleep(100);
        continue;
      }
      if (err.code !== 'NODEEXISTS') throw err;
    }
    // The name is taken: by this session (an earlier try went through), or by another.
    try {
      let gone: () => void = () => {};
      const deleted = new Promise<void>((resolve) => (gone = resolve));
      const stat = await zk.exists(path, (e) => {
        if (e.type === 'NodeDeleted') gone();
      });
      if (stat !== null && stat.ephemeralOwner === zk.sessionId) return;
      if (stat !== null) await deleted; // an old session's znode: wait until it goes
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
export {};
