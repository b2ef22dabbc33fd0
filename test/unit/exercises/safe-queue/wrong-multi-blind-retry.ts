// WRONG: takes with a multi (delete + receipt), but after a CONNECTIONLOSS it retries the
// multi instead of reading the receipt: the retry fails (the item is gone), and it moves on,
// losing a job it had in fact taken.
async function take(zk: ZooKeeperClient, queue: string, consumer: string): Promise<string | null> {
  const receipts = `${queue}-taken`;
  for (;;) {
    try {
      await zk.create(receipts, '', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT).catch((err: unknown) => {
        if (!(err instanceof KeeperException && err.code === 'NODEEXISTS')) throw err;
      });
      const items = (await zk.getChildren(queue)).sort((a, b) => sequenceOf(a) - sequenceOf(b));
      if (items.length === 0) return null;
      for (const item of items) {
        let data: string;
        try {
          data = decode((await zk.getData(`${queue}/${item}`)).data) ?? '';
        } catch (err) {
          if (err instanceof KeeperException && err.code === 'NONODE') continue;
          throw err;
        }
        for (;;) {
          try {
            await zk.multi([Op.delete(`${queue}/${item}`, -1), Op.create(`${receipts}/${item}`, consumer, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)]);
            return data;
          } catch (err) {
            if (err instanceof KeeperException && err.code === 'CONNECTIONLOSS') {
              await sleep(100);
              continue; // try the take again
            }
            if (err instanceof KeeperException && (err.code === 'NONODE' || err.code === 'NODEEXISTS')) break; // taken by someone
            throw err;
          }
        }
      }
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
export {};
