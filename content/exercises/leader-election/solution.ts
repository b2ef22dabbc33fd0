// elect(zk, dir, name): volunteer under `dir`, and resolve, with the path of this
// candidate's znode, once it leads.
//
// The recipe (ZooKeeper Recipes, "Leader Election"): each candidate creates an
// EPHEMERAL_SEQUENTIAL child; the smallest sequence number leads. Every other candidate
// watches only the child just below its own ("it is sufficient to watch for the next znode
// down"), so a leader's end wakes one candidate. Woken, it lists again: the child below it
// may have gone because that candidate gave up, not because the leader did. The name carries
// the session id, so after a CONNECTIONLOSS under the create we find our own child instead
// of making an orphan; the session is ours alone, so one child per session is enough.
const sequenceOf = (child: string): number => Number(child.slice(-10));

async function elect(zk: ZooKeeperClient, dir: string, name: string): Promise<string> {
  const prefix = `${zk.sessionId.toString(16)}-n_`;
  for (;;) {
    try {
      const children = await zk.getChildren(dir);
      const mine = children.find((c) => c.startsWith(prefix));
      if (mine === undefined) {
        await zk.create(`${dir}/${prefix}`, name, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
        continue; // list again: the list above is older than our child
      }
      const below = children.filter((c) => sequenceOf(c) < sequenceOf(mine));
      if (below.length === 0) return `${dir}/${mine}`;
      const next = below.reduce((a, b) => (sequenceOf(a) > sequenceOf(b) ? a : b));
      let wake: () => void = () => {};
      const woken = new Promise<void>((resolve) => (wake = resolve));
      // Any event wakes us (the child's deletion, or the session's end): then list again.
      if ((await zk.exists(`${dir}/${next}`, () => wake())) !== null) await woken;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
export {};
