// Your first ZooKeeper program. It runs, but it makes the three classic mistakes:
// find them and fix them (the Check button tells you which one it sees first).
const zk = await connect();

// The configuration every process reads.
await zk.create('/config', 'color=blue', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

// "I am alive": should disappear by itself when this session ends.
await zk.create('/alive', '', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);

const watcher = (e: WatcherEvent) => console.log(`event ${e.type} ${e.path}`);

const { data } = await zk.getData('/config');
console.log(`read ${decode(data)}`);

// Update the configuration, whatever its version.
await zk.setData('/config', 'color=green', -1);

// Tell the watcher that /config changed.
watcher({ type: 'NodeDataChanged', state: 'SyncConnected', path: '/config' });

await zk.close();
export {};
