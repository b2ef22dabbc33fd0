// WRONG: the observer polls: it lists the group every 100 ms and reports changes. Its list is
// right, but it costs a read per tenth of a second per observer, for nothing.
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
    try {
      let gone: () => void = () => {};
      const deleted = new Promise<void>((resolve) => (gone = resolve));
      const stat = await zk.exists(path, (e) => e.type === 'NodeDeleted' && gone());
      if (stat !== null && stat.ephemeralOwner === zk.sessionId) return;
      if (stat !== null) await deleted;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}

async function watchMembers(zk: ZooKeeperClient, group: string, onChange: (members: string[]) => void): Promise<void> {
  let last = '';
  const poll = async (): Promise<void> => {
    for (;;) {
      try {
        const members = (await zk.getChildren(group)).sort();
        if (members.join(',') !== last) {
          last = members.join(',');
          onChange(members);
        }
      } catch (err) {
        if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      }
      await sleep(100);
    }
  };
  void poll();
}
export {};
