// WRONG: reads the item, deletes it, and returns the data whatever the delete said: two
// consumers that read the same item both process it (a read is not a take).
async function take(zk: ZooKeeperClient, queue: string, consumer: string): Promise<string | null> {
  for (;;) {
    try {
      const items = (await zk.getChildren(queue)).sort((a, b) => sequenceOf(a) - sequenceOf(b));
      if (items.length === 0) return null;
      const path = `${queue}/${items[0]}`;
      let data: string;
      try {
        data = decode((await zk.getData(path)).data) ?? '';
      } catch (err) {
        if (err instanceof KeeperException && err.code === 'NONODE') continue;
        throw err;
      }
      await zk.delete(path, -1).catch(() => undefined); // gone either way
      return data;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
export {};
