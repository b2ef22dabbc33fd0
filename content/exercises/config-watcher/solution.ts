// watchConfig(zk, path, onValue): report the value of `path` now, and again every time it
// changes, forever.
//
// A watch fires once: each read sets the next watch, in the same call (getData with a
// watcher), so no change can slip between reading and re-arming. A read that fails with
// CONNECTIONLOSS is tried again: the client reconnects by itself, and re-registers the
// watches it had.
async function watchConfig(zk: ZooKeeperClient, path: string, onValue: (value: string) => void): Promise<void> {
  const read = async (): Promise<void> => {
    for (;;) {
      try {
        const { data } = await zk.getData(path, (event) => {
          if (event.type === 'NodeDataChanged' || event.type === 'NodeCreated') void read();
        });
        onValue(decode(data) ?? '');
        return;
      } catch (err) {
        if (err instanceof KeeperException && err.code === 'CONNECTIONLOSS') {
          await sleep(100);
          continue;
        }
        throw err;
      }
    }
  };
  await read();
}
export {};
