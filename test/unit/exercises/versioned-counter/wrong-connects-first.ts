// WRONG (and sly): opens two sessions at the top level, before the check's code runs, so
// that the check's workers get other client numbers than its faults aim at; then the naive
// increment, which a broken connection would catch out, meets none.
const spare = [await connect(), await connect()];
async function increment(zk: ZooKeeperClient, path: string): Promise<void> {
  for (;;) {
    const { data, stat } = await zk.getData(path);
    try {
      await zk.setData(path, String(Number(decode(data)) + 1), stat.version);
      return;
    } catch (err) {
      if (err instanceof KeeperException && err.code === 'BADVERSION') continue;
      throw err;
    }
  }
}
void spare;
export {};
