// elect(zk, dir, name): volunteer under `dir`, and resolve, with the path of this
// candidate's znode, once it leads. The check's code runs four candidates; each leader
// leads for a while and retires, and the next in line must take over, while servers crash,
// connections break and sessions expire.
//
// This version waits for the leader to go: every candidate watches the smallest child.
// Run the check: how many candidates wake when a leader retires?
async function elect(zk: ZooKeeperClient, dir: string, name: string): Promise<string> {
  const node = await zk.create(`${dir}/n_`, name, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
  for (;;) {
    const children = (await zk.getChildren(dir)).sort();
    if (`${dir}/${children[0]}` === node) return node;
    let wake: () => void = () => {};
    const woken = new Promise<void>((resolve) => (wake = resolve));
    if ((await zk.exists(`${dir}/${children[0]}`, () => wake())) !== null) await woken;
  }
}
export {};
