// WRONG: the session id as the token. Session ids do not grow with the lock's grants (the
// server's id is in their high bits): the holder of a later grant can carry a lower one.
async function increment(zk: ZooKeeperClient, lockNode: string, resource: Resource): Promise<void> {
  const token = zk.sessionId;
  const value = await resource.read(token);
  if (value === 'rejected') return;
  await resource.write(value + 1, token);
}
export {};
