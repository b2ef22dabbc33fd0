// WRONG: the monitor watches each member's znode (exists) instead of the group: it hears
// when a member goes, but never when one joins.
async function watchMembers(zk: ZooKeeperClient, group: string, onChange: (members: string[]) => void): Promise<void> {
  const list = async (): Promise<void> => {
    for (;;) {
      try {
        const members = (await zk.getChildren(group)).sort();
        for (const m of members) await zk.exists(`${group}/${m}`, (e) => e.type === 'NodeDeleted' && void list());
        onChange(members);
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
