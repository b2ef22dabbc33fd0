// WRONG: the plain recipe, reading NONODE after a CONNECTIONLOSS as "my first delete went
// through": when another consumer took the item in between, both process it.
async function take(zk: ZooKeeperClient, queue: string, consumer: string): Promise<string | null> {
  for (;;) {
    try {
      const items = (await zk.getChildren(queue)).sort((a, b) => sequenceOf(a) - sequenceOf(b));
      for (const item of items) {
        const path = `${queue}/${item}`;
        let data: string;
        try {
          data = decode((await zk.getData(path)).data) ?? '';
        } catch (err) {
          if (err instanceof KeeperException && err.code === 'NONODE') continue;
          throw err;
        }
        let retried = false;
        for (;;) {
          try {
            await zk.delete(path, -1);
            return data;
          } catch (err) {
            if (err instanceof KeeperException && err.code === 'NONODE') {
              if (retried) return data; // our first delete must have gone through
              break; // someone else took it
            }
            if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
            retried = true;
            await sleep(100);
          }
        }
      }
      return null;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
export {};
