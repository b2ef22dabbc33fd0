// join(zk, group, name, data): make `name` a member of `group` for as long as this session
// lives. watchMembers(zk, group, onChange): call onChange with the member names now, and
// again whenever they change.
//
// The check's code runs three members and one monitor while members crash and restart,
// leave, are cut off until their sessions expire, and connections break. The monitor's
// list must follow what really happens. This version is what most first tries look like.
async function join(zk: ZooKeeperClient, group: string, name: string, data: string): Promise<void> {
  await zk.create(`${group}/${name}`, data, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
}

async function watchMembers(zk: ZooKeeperClient, group: string, onChange: (members: string[]) => void): Promise<void> {
  const members = await zk.getChildren(group, async () => {
    // The members changed: list them again.
    onChange(await zk.getChildren(group));
  });
  onChange(members);
}
export {};
