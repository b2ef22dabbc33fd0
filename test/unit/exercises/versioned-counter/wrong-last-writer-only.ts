// WRONG: after a CONNECTIONLOSS, re-reads and compares: if the data names this increment,
// it was applied. But the data keeps only the last writer's mark: when another worker wrote
// after us, our mark is gone, and it concludes "not applied" and increments again.
async function increment(zk: ZooKeeperClient, path: string): Promise<void> {
  const mark = `${zk.sessionId.toString(16)}:${++started}`;
  for (;;) {
    try {
      const { data, stat } = await zk.getData(path);
      const [count = '0', last] = (decode(data) ?? '0').split(' ');
      if (last === mark) return; // our write is the last one: it was applied
      await zk.setData(path, `${Number(count) + 1} ${mark}`, stat.version);
      return;
    } catch (err) {
      if (err instanceof KeeperException && (err.code === 'BADVERSION' || err.code === 'CONNECTIONLOSS')) continue;
      throw err;
    }
  }
}
export {};
