// join(zk, group, name, data)：让 `name` 成为 `group` 的成员，只要这个会话还在。
// watchMembers(zk, group, onChange)：现在用成员名单调用 onChange，之后每次名单变了再调用。
//
// 检查的代码运行三个成员和一个监控进程；其间成员会崩溃并重启、会离开、会被隔离到会话过期，
// 连接也会断开。监控进程的名单必须跟上真实发生的事。这个版本就是大多数人第一次写出来的样子。
async function join(zk: ZooKeeperClient, group: string, name: string, data: string): Promise<void> {
  await zk.create(`${group}/${name}`, data, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
}

async function watchMembers(zk: ZooKeeperClient, group: string, onChange: (members: string[]) => void): Promise<void> {
  const members = await zk.getChildren(group, async () => {
    // 成员变了：重新列出来。
    onChange(await zk.getChildren(group));
  });
  onChange(members);
}
export {};
