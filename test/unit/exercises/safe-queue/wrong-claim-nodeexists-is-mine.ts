// WRONG: the chapter's claim (an ephemeral child of the item, then one multi deleting both),
// but NODEEXISTS on the claim is read as "my earlier create went through", without looking
// at the claim's ephemeralOwner: a consumer that lost the race takes it too.
async function take(zk: ZooKeeperClient, queue: string, consumer: string): Promise<string | null> {
  for (;;) {
    try {
      const items = (await zk.getChildren(queue)).sort((a, b) => sequenceOf(a) - sequenceOf(b));
      if (items.length === 0) return null;
      for (const item of items) {
        const path = `${queue}/${item}`;
        let data: string;
        try {
          data = decode((await zk.getData(path)).data) ?? '';
          await zk.create(`${path}/claim`, consumer, OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL).catch((err: unknown) => {
            if (!(err instanceof KeeperException && err.code === 'NODEEXISTS')) throw err; // ours, from a try before
          });
        } catch (err) {
          if (err instanceof KeeperException && err.code === 'NONODE') continue;
          throw err;
        }
        for (;;) {
          try {
            await zk.multi([Op.delete(`${path}/claim`, -1), Op.delete(path, -1)]);
            return data;
          } catch (err) {
            if (err instanceof KeeperException && err.code === 'NONODE') return data; // our multi went through before
            if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
            await sleep(100);
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
