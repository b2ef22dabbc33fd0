// take(zk, queue, consumer): take the oldest item of `queue` and return its data, or null if
// the queue is empty. `consumer` names the caller, the same on every call. The check's code
// runs three consumers on eighteen jobs while their connections break, often under a
// delete. Every job must be taken exactly once.
//
// This is ZooKeeper's queue recipe: the delete decides who took an item. When the delete
// fails with CONNECTIONLOSS, it tries again; NONODE then means "someone else took it".
// Does it?
const sequenceOf = (name: string): number => Number(name.slice(-10));

async function take(zk: ZooKeeperClient, queue: string, consumer: string): Promise<string | null> {
  for (;;) {
    try {
      const items = (await zk.getChildren(queue)).sort((a, b) => sequenceOf(a) - sequenceOf(b));
      for (const item of items) {
        const path = `${queue}/${item}`;
        try {
          const { data } = await zk.getData(path);
          await deleteAgainOnConnectionLoss(zk, path);
          return decode(data) ?? '';
        } catch (err) {
          if (err instanceof KeeperException && err.code === 'NONODE') continue; // another consumer took it
          throw err;
        }
      }
      return null;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100); // the client reconnects by itself: list again
    }
  }
}

async function deleteAgainOnConnectionLoss(zk: ZooKeeperClient, path: string): Promise<void> {
  for (;;) {
    try {
      await zk.delete(path, -1);
      return;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}
export {};
