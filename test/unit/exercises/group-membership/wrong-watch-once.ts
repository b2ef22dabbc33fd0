// WRONG: the monitor lists with a watch and, when it fires, lists again, but without a new
// watch: it hears of the first change only.
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
