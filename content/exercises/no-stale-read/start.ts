// readFresh(zk, path): the data of `path`, at least as new as every write that was
// acknowledged before this call. The check's code acknowledges a write to /x, then calls
// readFresh from another client, connected to another server, twelve times, while that
// server is cut off from the leader for a while, and later falls seconds behind it.
//
// This version just reads. Which server answers that read, and what has it seen?
async function readFresh(zk: ZooKeeperClient, path: string): Promise<string> {
  const { data } = await zk.getData(path);
  return decode(data) ?? '';
}
export {};
