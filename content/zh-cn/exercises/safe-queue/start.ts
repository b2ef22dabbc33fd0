// take(zk, queue, consumer)：取出 `queue` 中最早的一项并返回它的数据；队列为空时返回 null。
// `consumer` 是调用者的名字，每次调用都相同。检查的代码让三个消费者处理十八个任务，
// 其间它们的连接会断开，常常恰好在 delete 途中。每个任务都必须恰好被取走一次。
//
// 这是 ZooKeeper 的队列做法：由 delete 决定谁取走了一项。delete 失败、返回 CONNECTIONLOSS 时，
// 它就重试；这时的 NONODE 就表示“被别人取走了”。真是这样吗？
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
          if (err instanceof KeeperException && err.code === 'NONODE') continue; // 被别的消费者取走了
          throw err;
        }
      }
      return null;
    } catch (err) {
      if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
      await sleep(100); // 客户端会自己重连：再列一次
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
