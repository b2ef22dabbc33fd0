// join(zk, group, name, data): make `name` a member of `group` for as long as this session
// lives. watchMembers(zk, group, onChange): call onChange with the member names now, and
// again whenever they change.
//
// A member is an EPHEMERAL child: it goes when its session ends, whether the member closed
// it, crashed, or was cut off until the ensemble expired it (ZooKeeper paper, §2.4, "Group
// Membership"). Two things make join tricky. A create that fails with CONNECTIONLOSS may
// have happened: create again, and NODEEXISTS with our session as the ephemeralOwner means
// it did. And a member that restarts after a crash finds the znode of its old session, which
// lives until that session expires: it must wait for it to go, then create its own.
// join never outlives its session: when the session expires (the member was cut off longer
// than its timeout), its znode is gone and no call on this handle can bring it back, so join
// throws SESSIONEXPIRED, and the member joins again with a new session.
//
// The monitor lists the children with a watch, in one call, and lists again each time the
// watch fires, so no change falls between a list and its watch. A list that fails with
// CONNECTIONLOSS is tried again.
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

async function watchMembers(zk: ZooKeeperClient, group: string, onChange: (members: string[]) => void): Promise<void> {
  const list = async (): Promise<void> => {
    for (;;) {
      try {
        const members = await zk.getChildren(group, (e) => {
          if (e.type === 'NodeChildrenChanged') void list();
        });
        onChange(members.sort());
        return;
      } catch (err) {
        if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
        await sleep(100);
      }
    }
  };
  await list();
}
export {};
