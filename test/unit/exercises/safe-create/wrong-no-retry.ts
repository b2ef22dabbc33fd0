// WRONG: no handling of CONNECTIONLOSS at all: the first broken connection under a create
// throws out of createOnce, whether or not the znode was made.
async function createOnce(zk: ZooKeeperClient, dir: string, data: string): Promise<string> {
  return zk.create(`${dir}/task-`, data, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
}
export {};
