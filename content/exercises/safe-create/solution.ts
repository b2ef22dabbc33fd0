// createOnce(zk, dir, data): create one EPHEMERAL_SEQUENTIAL child of `dir` holding `data`,
// and return its path, exactly once, whatever the network does.
//
// A create that fails with CONNECTIONLOSS may have happened, and with a sequential name we
// cannot guess the path. So (ZooKeeper Recipes, "Recoverable Errors and the GUID") the name
// carries an id unique to this call; after a CONNECTIONLOSS we list the children and look
// for it: found, the create happened; not found, it did not, and we create again. The list
// is read after a sync, so that it is at least as new as the leader's state when we ask.
let calls = 0;

async function createOnce(zk: ZooKeeperClient, dir: string, data: string): Promise<string> {
  const guid = `${zk.sessionId.toString(16)}-${++calls}-`;
  for (;;) {
    try {
      return await zk.create(`${dir}/${guid}`, data, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
    }
    // Did it happen? Look for our id.
    for (;;) {
      try {
        await zk.sync(dir);
        const mine = (await zk.getChildren(dir)).find((name) => name.startsWith(guid));
        if (mine !== undefined) return `${dir}/${mine}`;
        break; // it did not: create again
      } catch (err) {
        if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
        await sleep(100);
      }
    }
  }
}
export {};
