// increment(zk, lockNode, resource)：给保存在 `resource`（ZooKeeper 之外的一个存储）里的
// 计数器加 1。检查的代码在这个 worker 持有锁（锁的 znode 是 `lockNode`）时调用它，
// 之后释放锁。
//
// 资源会检查防护令牌：它记住见过的最大令牌，拒绝任何带着更小令牌的请求（'rejected'）。
// 不带令牌的请求不做检查。
interface Resource {
  /** 计数器的值；如果令牌比资源见过的小，返回 'rejected'。 */
  read(token?: bigint): Promise<number | 'rejected'>;
  /** 设置计数器；如果令牌比资源见过的小，返回 'rejected'。 */
  write(value: number, token?: bigint): Promise<'accepted' | 'rejected'>;
}

// 只要锁还在，这样做是安全的。可是 worker 可能在中途暂停（一次很长的垃圾回收），
// 丢掉会话和锁，再回来写。给它加上防护。
async function increment(zk: ZooKeeperClient, lockNode: string, resource: Resource): Promise<void> {
  const value = await resource.read();
  if (value === 'rejected') return;
  await resource.write(value + 1);
}
export {};
