// WRONG: the GUID recipe done right, but PERSISTENT_SEQUENTIAL: the znodes outlive the
// session that made them.
async function createOnce(zk: ZooKeeperClient, dir: string, data: string): Promise<string> {
  const guid = `${zk.sessionId.toString(16)}-${++calls}-`;
  for (;;) {
    try {
      return await zk.create(`${dir}/${guid}`, data, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL);
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
    }
    for (;;) {
      try {
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
