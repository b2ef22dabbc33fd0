// createOnce(zk, dir, data): create one EPHEMERAL_SEQUENTIAL child of `dir` holding `data`,
// and return its path. The check's code calls it eighteen times from three workers while
// their connections break. Each call must leave exactly one znode: the one it returns.
//
// This version retries when the connection breaks. Run the check: what did the retry do
// when the first create had in fact happened?
async function createOnce(zk: ZooKeeperClient, dir: string, data: string): Promise<string> {
  for (;;) {
    try {
      return await zk.create(`${dir}/task-`, data, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
    } catch (err) {
      if (err instanceof KeeperException && err.code === 'CONNECTIONLOSS') continue; // try again
      throw err;
    }
  }
}
export {};
