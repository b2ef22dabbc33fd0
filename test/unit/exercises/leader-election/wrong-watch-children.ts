// WRONG: every candidate watches the children of the election znode (getChildren with a
// watch) and looks again at each change: correct, but each change wakes every candidate.
async function elect(zk: ZooKeeperClient, dir: string, name: string): Promise<string> {
  const prefix = `${zk.sessionId.toString(16)}-n_`;
  for (;;) {
    try {
      let wake: () => void = () => {};
      const changed = new Promise<void>((resolve) => (wake = resolve));
      const children = await zk.getChildren(dir, () => wake());
      const mine = children.find((c) => c.startsWith(prefix));
      if (mine === undefined) {
        await zk.create(`${dir}/${prefix}`, name, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
        continue;
      }
      if (children.every((c) => sequenceOf(c) >= sequenceOf(mine))) return `${dir}/${mine}`;
      await changed;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
export {};
