// WRONG: puts the session id in the name, and after a CONNECTIONLOSS looks for a child with
// it. But every call of this session carries the same id: it finds the znode of an earlier
// call and returns that one.
async function createOnce(zk: ZooKeeperClient, dir: string, data: string): Promise<string> {
  const guid = `${zk.sessionId.toString(16)}-`;
  for (;;) {
    try {
      return await zk.create(`${dir}/${guid}`, data, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
    }
    for (;;) {
      try {
        await zk.sync(dir);
        const mine = (await zk.getChildren(dir)).find((name) => name.startsWith(guid));
        if (mine !== undefined) return `${dir}/${mine}`;
        break;
      } catch (err) {
        if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
        await sleep(100);
      }
    }
  }
}
export {};
