// readFresh(zk, path): the data of `path`, at least as new as every write that was
// acknowledged before this call.
//
// A read is answered by the client's own server, from its own copy, which may be behind the
// leader. sync(path) makes that server catch up first: its answer comes after every write
// the leader had committed when the sync reached it, and the read, sent after it on the same
// session, is served after that. If the server is cut off, the sync cannot be answered, and
// the connection is lost instead of old data being returned: connect again (the client does
// it by itself), and sync again.
async function readFresh(zk: ZooKeeperClient, path: string): Promise<string> {
  for (;;) {
    try {
      await zk.sync(path);
      const { data } = await zk.getData(path);
      return decode(data) ?? '';
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(200);
    }
  }
}
export {};
