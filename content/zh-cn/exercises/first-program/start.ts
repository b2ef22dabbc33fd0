// 你的第一个 ZooKeeper 程序。它能运行，但犯了三个经典错误：
// 找出来并改正（“检查”按钮会告诉你它最先看到的是哪一个）。
const zk = await connect();

// 每个进程都要读的配置。
await zk.create('/config', 'color=blue', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

// “我还活着”：会话结束时应自动消失。
await zk.create('/alive', '', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

const watcher = (e: WatcherEvent) => console.log(`event ${e.type} ${e.path}`);

const { data } = await zk.getData('/config');
console.log(`read ${decode(data)}`);

// 更新配置，不管版本号是多少。
await zk.setData('/config', 'color=green', -1);

// 通知 Watcher：/config 变了。
watcher({ type: 'NodeDataChanged', state: 'SyncConnected', path: '/config' });

await zk.close();
export {};
