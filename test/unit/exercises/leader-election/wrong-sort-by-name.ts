// WRONG: the recipe, but the line is ordered by sorting the names (children.sort()). The
// names start with session ids, so the order is by session, not by sequence number.
async function elect(zk: ZooKeeperClient, dir: string, name: string): Promise<string> {
  const prefix = `${zk.sessionId.toString(16)}-n_`;
  for (;;) {
    try {
      const children = (await zk.getChildren(dir)).sort();
      const mine = children.find((c) => c.startsWith(prefix));
      if (mine === undefined) {
        await zk.create(`${dir}/${prefix}`, name, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
        continue;
      }
      const i = children.indexOf(mine);
      if (i === 0) return `${dir}/${mine}`;
      let wake: () => void = () => {};
      const woken = new Promise<void>((resolve) => (wake = resolve));
      if ((await zk.exists(`${dir}/${children[i - 1]}`, () => wake())) !== null) await woken;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
export {};
