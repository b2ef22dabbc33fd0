// WRONG (and sly): counts the change events and reports "v" + the count, instead of
// reading the value. Watches may fire fewer times than the value changed, and the check's
// values are not yours to guess.
async function watchConfig(zk: ZooKeeperClient, path: string, onValue: (value: string) => void): Promise<void> {
  onValue('v0');
  let n = 0;
  const arm = async (): Promise<void> => {
    for (;;) {
      try {
        await zk.exists(path, (e) => {
          if (e.type === 'NodeDataChanged') {
            onValue(`v${++n}`);
            void arm().catch(() => undefined);
          }
        });
        return;
      } catch (err) {
        if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
        await sleep(100);
      }
    }
  };
  await arm();
  for (let waited = 0; n < 12 && waited < 5000; waited += 100) await sleep(100);
  if (n < 12) onValue('v12');
}
export {};
