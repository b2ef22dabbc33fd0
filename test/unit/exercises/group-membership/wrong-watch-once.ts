// WRONG: the observer lists with a watch and, when it fires, lists again, but without a new
// watch: it hears of the first change only.
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
  const again = async (): Promise<void> => {
    for (;;) {
      try {
        onChange((await zk.getChildren(group)).sort());
        return;
      } catch (err) {
        if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
        await sleep(100);
      }
    }
  };
  for (;;) {
    try {
      onChange((await zk.getChildren(group, (e) => e.type === 'NodeChildrenChanged' && void again())).sort());
      return;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
export {};
