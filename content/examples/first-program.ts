// Your first ZooKeeper program: connect, create a znode, watch it, change it, clean up.
//
// It runs unchanged on the simulated ensemble and on a real ZooKeeper:
//   npm run client -- --target sim  content/examples/first-program.ts
//   npm run client -- --target real --connect 127.0.0.1:2181 content/examples/first-program.ts
// `connect`, `sleep`, `console`, `CreateMode`, `OPEN_ACL_UNSAFE`, `decode`, ... are in scope.

const zk = await connect({ sessionTimeoutMs: 10000 });
console.log('session:', zk.state);

const path = '/first-program';
try {
  // A persistent znode holding 5 bytes: "hello".
  const created = await zk.create(path, 'hello', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
  console.log('created', created);

  // A watch is set by a read. Here: getData with a watcher function. The server fires it
  // once, at the first change of the node's data (or its deletion), and then it is used up.
  const events: WatcherEvent[] = [];
  let firstEvent: (e: WatcherEvent) => void = () => {};
  const fired = new Promise<WatcherEvent>((resolve) => (firstEvent = resolve));
  const { data, stat } = await zk.getData(path, (event) => {
    events.push(event);
    firstEvent(event);
  });
  console.log('read', decode(data), 'at version', stat.version);

  // Update it, but only if nobody changed it since we read it (version 0).
  const v1 = await zk.setData(path, 'world', stat.version);
  console.log('setData with version', stat.version, '-> version', v1.version);

  // The watch fired. ZooKeeper sends the event before the reply to the write that caused
  // it, so it is already here.
  const event = await fired;
  console.log('watch fired:', event.type, event.path);

  // A second write with the old version fails: someone (we) changed the node meanwhile.
  try {
    await zk.setData(path, 'stale', stat.version);
  } catch (err) {
    if (!(err instanceof KeeperException)) throw err;
    console.log('setData with version', stat.version, 'failed:', err.code);
  }

  // A second update with the current version succeeds, and fires nothing: the watch was
  // used up by the first change. To hear about the next change, read again with a watch.
  const v2 = await zk.setData(path, 'again', v1.version);
  console.log('setData with version', v1.version, '-> version', v2.version);
  const now = await zk.getData(path);
  console.log('read', decode(now.data), 'at version', now.stat.version);
  console.log('watch events seen:', events.length);

  // Clean up: delete the node, expecting the version we last saw.
  await zk.delete(path, v2.version);
  console.log('deleted', path, '- exists now?', (await zk.exists(path)) !== null);
} finally {
  await zk.close();
  console.log('session:', zk.state);
}

// Makes this file a module for `tsc`, so top-level `await` type-checks; the runner ignores it.
export {};
