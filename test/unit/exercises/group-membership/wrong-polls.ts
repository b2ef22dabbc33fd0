// WRONG: the monitor polls: it lists the group every 100 ms and reports changes. Its list is
// right, but it costs a read per tenth of a second per monitor, for nothing.
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
