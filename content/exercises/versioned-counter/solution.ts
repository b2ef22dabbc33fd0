// increment(zk, path): add 1 to the counter kept in `path`'s data, exactly once, whatever
// the network does.
//
// A setData that fails with CONNECTIONLOSS may or may not have been applied. So each
// increment leaves a mark in the data: after the count, every session's number of its
// last increment ("12 3000a:4 2000b:5"). Read; if our mark says this increment is in, it
// was applied before the connection broke: done. Otherwise write the count plus one and our
// mark, with the version we read: BADVERSION means someone wrote first; read again.
let started = 0; // numbers this program's increments, in the order they start

async function increment(zk: ZooKeeperClient, path: string): Promise<void> {
  const me = zk.sessionId.toString(16);
  const id = ++started;
  for (;;) {
    try {
      const { data, stat } = await zk.getData(path);
      const [count = '0', ...marks] = (decode(data) ?? '0').split(' ');
      const last = new Map(marks.map((m) => m.split(':') as [string, string]));
      if (Number(last.get(me) ?? 0) >= id) return; // it was applied, though we never heard
      last.set(me, String(id));
      const next = [String(Number(count) + 1), ...[...last].map(([s, n]) => `${s}:${n}`)].join(' ');
      await zk.setData(path, next, stat.version);
      return;
    } catch (err) {
      if (!(err instanceof KeeperException)) throw err;
      if (err.code === 'BADVERSION') continue; // someone wrote first: read again
      if (err.code !== 'CONNECTIONLOSS') throw err;
      await sleep(100); // the client reconnects by itself; then read to see what happened
    }
  }
}
export {};
