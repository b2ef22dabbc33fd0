// Your first ZooKeeper program: connect, create, watch, update, observe the event.
const zk = await connect();

// The configuration every process reads. A real server keeps /config from an earlier run,
// so a second create fails with NODEEXISTS: then set it back to blue and carry on.
try {
  await zk.create('/config', 'color=blue', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
} catch (err) {
  if (!(err instanceof KeeperException && err.code === 'NODEEXISTS')) throw err;
  await zk.setData('/config', 'color=blue', -1);
}

// Ephemeral is a create mode: the znode goes away when this session ends.
await zk.create('/alive', '', OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);

// A read sets the watch; the server fires it once, on the next change.
let fire: (e: WatcherEvent) => void = () => {};
const changed = new Promise<WatcherEvent>((resolve) => (fire = resolve));
const { data, stat } = await zk.getData('/config', (e) => fire(e));
console.log(`read ${decode(data)} at version ${stat.version}`);

// setData takes the version we expect: it fails with BADVERSION if someone got there first.
const after = await zk.setData('/config', 'color=green', stat.version);
console.log(`updated /config to version ${after.version}`);

const e = await changed;
console.log(`event ${e.type} ${e.path}`);

await zk.close();
export {};
