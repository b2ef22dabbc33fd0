// WRONG: sync, then read, but no handling of CONNECTIONLOSS: when the cut-off server gives
// up on its leader, it closes the connection, and the pending sync fails.
async function readFresh(zk: ZooKeeperClient, path: string): Promise<string> {
  await zk.sync(path);
  const { data } = await zk.getData(path);
  return decode(data) ?? '';
}
export {};
