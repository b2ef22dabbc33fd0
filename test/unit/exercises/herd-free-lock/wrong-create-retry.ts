// WRONG: the herd-free recipe, but the lock znode's name carries no id of the worker: after
// a CONNECTIONLOSS under the create it creates again, and the first one, if it was made, is
// an orphan standing in the line.
async function lock(zk: ZooKeeperClient, dir: string): Promise<string> {
  let mine: string;
  for (;;) {
    try {
      mine = (await zk.create(`${dir}/lock-`, '', OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL)).slice(dir.length + 1);
      break;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
  for (;;) {
    try {
      const children = await zk.getChildren(dir);
      const below = children.filter((c) => sequenceOf(c) < sequenceOf(mine));
      if (below.length === 0) return `${dir}/${mine}`;
      const predecessor = below.reduce((a, b) => (sequenceOf(a) > sequenceOf(b) ? a : b));
      let wake: () => void = () => {};
      const gone = new Promise<void>((resolve) => (wake = resolve));
      if ((await zk.exists(`${dir}/${predecessor}`, () => wake())) !== null) await gone;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
export {};
