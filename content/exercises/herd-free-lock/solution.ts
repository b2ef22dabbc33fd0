// lock(zk, dir): wait until this client holds the lock `dir`; resolve with the path of its
// lock znode. unlock(zk, node): give the lock up.
//
// The recipe (ZooKeeper Recipes, "Locks"): create an EPHEMERAL_SEQUENTIAL child; the lowest
// sequence number holds the lock; every other client watches only the child just below its
// own, so a release wakes exactly one waiter. The child's name carries this session's id,
// so after a CONNECTIONLOSS (did the create happen or not?) we can find our own child
// instead of creating a second one.
const sequenceOf = (name: string): number => Number(name.slice(-10));

async function lock(zk: ZooKeeperClient, dir: string): Promise<string> {
  const prefix = `lock-${zk.sessionId.toString(16)}-`;
  for (;;) {
    try {
      const children = await zk.getChildren(dir);
      const mine = children.find((c) => c.startsWith(prefix));
      if (mine === undefined) {
        await zk.create(`${dir}/${prefix}`, '', OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
        continue; // list again: the children read above are older than our znode
      }
      const below = children.filter((c) => sequenceOf(c) < sequenceOf(mine));
      if (below.length === 0) return `${dir}/${mine}`;
      const predecessor = below.reduce((a, b) => (sequenceOf(a) > sequenceOf(b) ? a : b));
      let wake: () => void = () => {};
      const gone = new Promise<void>((resolve) => (wake = resolve));
      // exists, not getChildren: only our predecessor's deletion wakes us.
      if ((await zk.exists(`${dir}/${predecessor}`, () => wake())) !== null) await gone;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}

async function unlock(zk: ZooKeeperClient, node: string): Promise<void> {
  for (;;) {
    try {
      await zk.delete(node, -1);
      return;
    } catch (err) {
      if (err instanceof KeeperException && err.code === 'NONODE') return;
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
export {};
