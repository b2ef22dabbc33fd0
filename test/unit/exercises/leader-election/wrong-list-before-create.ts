// WRONG: lists the candidates, then volunteers, and decides from the list it read before
// its own create: a candidate that volunteered in between is not in it.
async function elect(zk: ZooKeeperClient, dir: string, name: string): Promise<string> {
  const prefix = `${zk.sessionId.toString(16)}-n_`;
  for (;;) {
    try {
      const children = await zk.getChildren(dir);
      let mine = children.find((c) => c.startsWith(prefix));
      if (mine === undefined) {
        mine = (await zk.create(`${dir}/${prefix}`, name, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL)).slice(dir.length + 1);
        children.push(mine); // no need to list again: we know what we created
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
