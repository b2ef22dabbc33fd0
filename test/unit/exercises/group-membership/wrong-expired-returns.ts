// WRONG: takes SESSIONEXPIRED for "nothing more to do" and returns. The member's znode went
// with its session, and join returned as though the member were in the group: its caller
// never learns that it must join again with a new session.
async function join(zk: ZooKeeperClient, group: string, name: string, data: string): Promise<void> {
  const path = `${group}/${name}`;
  for (;;) {
    try {
      await zk.create(path, data, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
      return;
    } catch (err) {
      if (!(err instanceof KeeperException)) throw err;
      if (err.code === 'SESSIONEXPIRED') return; // the session is over: nothing more to do
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
        // Gone, or our session is: then the create above throws SESSIONEXPIRED for the caller.
        if (e.type === 'NodeDeleted' || e.state === 'Expired') gone();
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
