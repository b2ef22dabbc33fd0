// WRONG: no watch at all: read /config every 100 ms and report a value when it differs from
// the last one. It never misses the last value, but it asks the ensemble all the time while
// nothing changes, which is what watches are for.
async function watchConfig(zk: ZooKeeperClient, path: string, onValue: (value: string) => void): Promise<void> {
  let last: string | undefined;
  const poll = async (): Promise<void> => {
    for (;;) {
      try {
        const value = decode((await zk.getData(path)).data) ?? '';
        if (value !== last) {
          last = value;
          onValue(value);
        }
      } catch (err) {
        if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) return;
      }
      await sleep(100);
    }
  };
  void poll();
  // Report the first value before returning, as the prompt asks.
  while (last === undefined) await sleep(10);
}
export {};
