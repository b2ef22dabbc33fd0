// increment(zk, lockNode, resource): add 1 to the counter kept in `resource`, a store outside
// ZooKeeper. The check's code (below the editor) calls it while this worker holds the lock
// whose znode is `lockNode`, and releases the lock afterwards.
//
// The resource checks fencing tokens: it remembers the highest token it has seen and refuses
// any request that carries a lower one ('rejected'). A request without a token is not checked.
interface Resource {
  /** The counter's value, or 'rejected' if the token is lower than one the resource has seen. */
  read(token?: bigint): Promise<number | 'rejected'>;
  /** Set the counter; 'rejected' if the token is lower than one the resource has seen. */
  write(value: number, token?: bigint): Promise<'accepted' | 'rejected'>;
}

// This is safe while the lock holds. But a worker can pause (a long garbage collection) in
// the middle, lose its session and its lock, and come back to write. Fence it.
async function increment(zk: ZooKeeperClient, lockNode: string, resource: Resource): Promise<void> {
  const value = await resource.read();
  if (value === 'rejected') return;
  await resource.write(value + 1);
}
export {};
