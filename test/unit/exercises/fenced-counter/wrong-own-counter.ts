// WRONG: a token of the worker's own, counting the times this session took the lock. It
// grows for one worker, but not across workers: a grant to another worker can carry a lower
// number, and a late holder a higher one.
const grantsOf = new Map<bigint, bigint>();
async function increment(zk: ZooKeeperClient, lockNode: string, resource: Resource): Promise<void> {
  const token = (grantsOf.get(zk.sessionId) ?? 0n) + 1n;
  grantsOf.set(zk.sessionId, token);
  const value = await resource.read(token);
  if (value === 'rejected') return;
  await resource.write(value + 1, token);
}
export {};
