// WRONG: watches the znode just below its own (no herd), but takes the watch event for "I
// lead" without listing again. When the candidate below gives up (its session expires)
// while the leader is still there, two candidates lead.
async function elect(zk: ZooKeeperClient, dir: string, name: string): Promise<string> {
  const prefix = `${zk.sessionId.toString(16)}-n_`;
  for (;;) {
    try {
      const children = await zk.getChildren(dir);
      const mine = children.find((c) => c.startsWith(prefix));
      if (mine === undefined) {
        await zk.create(`${dir}/${prefix}`, name, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
        continue;
      }
      const below = children.filter((c) => sequenceOf(c) < sequenceOf(mine));
      if (below.length === 0) return `${dir}/${mine}`;
      const next = below.reduce((a, b) => (sequenceOf(a) > sequenceOf(b) ? a : b));
      let wake: (type: string) => void = () => {};
      const woken = new Promise<string>((resolve) => (wake = resolve));
      if ((await zk.exists(`${dir}/${next}`, (e) => wake(e.type))) === null) return `${dir}/${mine}`;
      if ((await woken) === 'NodeDeleted') return `${dir}/${mine}`; // the one before me is gone: my turn
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
export {};
