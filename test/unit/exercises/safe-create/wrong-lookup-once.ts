// WRONG: after a CONNECTIONLOSS it looks for its GUID, but if the lookup itself fails with
// CONNECTIONLOSS it gives up on finding out and creates again.
async function createOnce(zk: ZooKeeperClient, dir: string, data: string): Promise<string> {
  const guid = `${zk.sessionId.toString(16)}-${++calls}-`;
  for (;;) {
    try {
      return await zk.create(`${dir}/${guid}`, data, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
    }
    try {
      await zk.sync(dir);
      const mine = (await zk.getChildren(dir)).find((name) => name.startsWith(guid));
      if (mine !== undefined) return `${dir}/${mine}`;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
    }
  }
}
export {};
