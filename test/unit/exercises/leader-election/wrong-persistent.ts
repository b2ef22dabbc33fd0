// WRONG: PERSISTENT_SEQUENTIAL candidates: a leader that retires (its session closes) leaves
// its znode behind, and nobody can take over.
async function elect(zk: ZooKeeperClient, dir: string, name: string): Promise<string> {
  const prefix = `${zk.sessionId.toString(16)}-n_`;
  for (;;) {
    try {
      const children = await zk.getChildren(dir);
      const mine = children.find((c) => c.startsWith(prefix));
      if (mine === undefined) {
        await zk.create(`${dir}/${prefix}`, name, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
        continue;
      }
      const below = children.filter((c) => sequenceOf(c) < sequenceOf(mine));
      if (below.length === 0) return `${dir}/${mine}`;
      const next = below.reduce((a, b) => (sequenceOf(a) > sequenceOf(b) ? a : b));
      let wake: () => void = () => {};
      const woken = new Promise<void>((resolve) => (wake = resolve));
      if ((await zk.exists(`${dir}/${next}`, () => wake())) !== null) await woken;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
export {};
