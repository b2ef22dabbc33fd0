// WRONG: the counter's next value as the token. It grows with the counter, not with the
// lock's grants: a late holder's write carries the same number as the write it overwrites.
async function increment(zk: ZooKeeperClient, lockNode: string, resource: Resource): Promise<void> {
  const value = await resource.read();
  if (value === 'rejected') return;
  await resource.write(value + 1, BigInt(value + 1));
}
export {};
