// WRONG: no token; instead, check that the lock znode still exists just before writing. A
// pause can fall between the check and the write: the write then lands after the lock has
// passed on, and the resource has no way to refuse it.
async function increment(zk: ZooKeeperClient, lockNode: string, resource: Resource): Promise<void> {
  const value = await resource.read();
  if (value === 'rejected') return;
  for (;;) {
    try {
      if ((await zk.exists(lockNode)) === null) return; // the lock is gone: do not write
      break;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
  await resource.write(value + 1);
}
export {};
