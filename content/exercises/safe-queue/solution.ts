// take(zk, queue, consumer): take the oldest item of `queue` and return its data, or null if
// the queue is empty; every item is taken exactly once, whatever the network does.
//
// With the plain recipe a take cannot be checked: after a CONNECTIONLOSS under the delete,
// NONODE means "I took it" or "someone else did", and nothing says which. So a take here is
// one transaction (multi, all or nothing) that deletes the item and creates a receipt naming
// the consumer, `<queue>-taken/<item>`. After a CONNECTIONLOSS (or a NONODE, or a
// NODEEXISTS), the receipt says what happened: ours, the item is ours; another's, move on; no
// receipt, nobody took the item: try again. An interrupted take therefore either happened
// entirely or not at all, and we find out which.
const sequenceOf = (name: string): number => Number(name.slice(-10));
const receiptDirs = new Set<string>(); // created already

async function take(zk: ZooKeeperClient, queue: string, consumer: string): Promise<string | null> {
  const receipts = `${queue}-taken`;
  for (;;) {
    try {
      if (!receiptDirs.has(receipts)) {
        await zk.create(receipts, '', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT).catch((err: unknown) => {
          if (!(err instanceof KeeperException && err.code === 'NODEEXISTS')) throw err;
        });
        receiptDirs.add(receipts);
      }
      const items = (await zk.getChildren(queue)).sort((a, b) => sequenceOf(a) - sequenceOf(b));
      if (items.length === 0) return null;
      for (const item of items) {
        let data: string;
        try {
          data = decode((await zk.getData(`${queue}/${item}`)).data) ?? '';
        } catch (err) {
          if (err instanceof KeeperException && err.code === 'NONODE') continue; // taken already
          throw err;
        }
        if (await takeItem(zk, `${queue}/${item}`, `${receipts}/${item}`, consumer)) return data;
      }
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100);
    }
  }
}

/** Whether this consumer took the item: the delete and the receipt, as one transaction. */
async function takeItem(zk: ZooKeeperClient, item: string, receipt: string, consumer: string): Promise<boolean> {
  for (;;) {
    try {
      await zk.multi([Op.delete(item, -1), Op.create(receipt, consumer, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT)]);
      return true;
    } catch (err) {
      if (!(err instanceof KeeperException && ['CONNECTIONLOSS', 'NONODE', 'NODEEXISTS'].includes(err.code))) throw err;
    }
    // Did the take happen, and whose was it? The receipt says.
    for (;;) {
      try {
        return decode((await zk.getData(receipt)).data) === consumer;
      } catch (err) {
        if (err instanceof KeeperException && err.code === 'NONODE') break; // nobody took it: try again
        if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
        await sleep(100);
      }
    }
  }
}
export {};
