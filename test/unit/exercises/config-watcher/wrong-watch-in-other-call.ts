// WRONG: reads the value, then sets the watch with a second call (exists): a change that
// lands between the two is never reported.
async function watchConfig(zk: ZooKeeperClient, path: string, onValue: (value: string) => void): Promise<void> {
  const read = async (): Promise<void> => {
    for (;;) {
      try {
        const { data } = await zk.getData(path);
        await zk.exists(path, (event) => {
          if (event.type === 'NodeDataChanged') void read();
        });
        onValue(decode(data) ?? '');
        return;
      } catch (err) {
        if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
        await sleep(100);
      }
    }
  };
  await read();
}
export {};
