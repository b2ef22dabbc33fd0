// WRONG: reads with a watch and re-arms on every change, but a read that fails with
// CONNECTIONLOSS ends the chain: no watch is left, and later updates go unseen.
async function watchConfig(zk: ZooKeeperClient, path: string, onValue: (value: string) => void): Promise<void> {
  const read = async (): Promise<void> => {
    const { data } = await zk.getData(path, (event) => {
      if (event.type === 'NodeDataChanged') read().catch(() => undefined);
    });
    onValue(decode(data) ?? '');
  };
  await read();
}
export {};
