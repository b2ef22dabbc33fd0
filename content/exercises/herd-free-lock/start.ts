// lock(zk, dir): wait until this client holds the lock `dir`; resolve with the path of its
// lock znode. unlock(zk, node): give the lock up. The check's code runs four workers that
// each take the lock three times, while servers crash, connections break and sessions
// expire. Two workers must never hold it at once, and a release must wake one waiter only.
//
// This version works on a quiet network, but every waiter watches the lock's children: each
// change wakes them all (the herd effect). And a broken connection under its create?
async function lock(zk: ZooKeeperClient, dir: string): Promise<string> {
  const node = await zk.create(`${dir}/lock-`, '', OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
  for (;;) {
    let wake: () => void = () => {};
    const changed = new Promise<void>((resolve) => (wake = resolve));
    const children = await zk.getChildren(dir, () => wake());
    children.sort();
    if (`${dir}/${children[0]}` === node) return node;
    await changed;
  }
}

async function unlock(zk: ZooKeeperClient, node: string): Promise<void> {
  await zk.delete(node, -1);
}
export {};
