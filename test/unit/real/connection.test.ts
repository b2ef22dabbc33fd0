/**
 * The wire client's connection logic against a scripted fake server on loopback (no Java):
 * the exact ConnectRequest bytes, the priming packets after a reconnect (auth in reverse
 * order, then setWatches2 with every kind of watch), notifications delivered before the
 * reply that follows them, an oversized frame dropping the connection, and the pure
 * helpers (connect strings, setWatches batching).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConnectString, setWatchesBatches } from '../../../node/real/connection.ts';
import { connect } from '../../../node/real/real-client.ts';
import type { RealZooKeeper } from '../../../node/real/real-client.ts';
import { JuteReader, JuteWriter, encodeConnectResponse, writeReplyHeader, writeStat, writeWatcherEvent } from '../../../node/real/jute.ts';
import type { Stat } from '../../../playground/zk/stat.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const STAT: Stat = { czxid: 5n, mzxid: 5n, ctime: 1, mtime: 1, version: 0, cversion: 0, aversion: 0, ephemeralOwner: 0n, dataLength: 1, numChildren: 0, pzxid: 5n };

interface Frame {
  conn: number;
  bytes: Uint8Array;
}

/** A fake server: records every frame, answers by a script function. */
class FakeServer {
  readonly frames: Frame[] = [];
  readonly sockets: Socket[] = [];
  private readonly servers: Server[] = [];
  ports: number[] = [];
  /** `first`: this is the connection's first frame (its ConnectRequest). */
  onFrame: (conn: number, frame: Uint8Array, reply: (payload: Uint8Array) => void, sock: Socket, first: boolean) => void = () => {};

  async listen(n = 1): Promise<void> {
    for (let i = 0; i < n; i++) {
      const server = createServer((sock) => {
        const conn = this.sockets.push(sock) - 1;
        let buf = Buffer.alloc(0);
        sock.on('error', () => {});
        sock.on('data', (d) => {
          buf = Buffer.concat([buf, d]);
          while (buf.length >= 4 && buf.length >= 4 + buf.readInt32BE(0)) {
            const len = buf.readInt32BE(0);
            const frame = new Uint8Array(buf.subarray(4, 4 + len));
            buf = buf.subarray(4 + len);
            const first = !this.frames.some((f) => f.conn === conn);
            this.frames.push({ conn, bytes: frame });
            this.onFrame(conn, frame, (payload) => sock.write(framed(payload)), sock, first);
          }
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      this.servers.push(server);
      this.ports.push((server.address() as { port: number }).port);
    }
  }

  connectString(): string {
    return this.ports.map((p) => `127.0.0.1:${p}`).join(',');
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all(this.servers.map((s) => new Promise((r) => s.close(r))));
  }
}

function framed(payload: Uint8Array): Buffer {
  const b = Buffer.alloc(4 + payload.length);
  b.writeInt32BE(payload.length, 0);
  b.set(payload, 4);
  return b;
}

const PASSWD = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);

/** Reply to a request frame: ConnectRequest → ConnectResponse; else OK with an optional body. */
function standardReply(first: boolean, frame: Uint8Array, zxid: bigint, body?: (w: JuteWriter) => void): Uint8Array {
  if (first) return encodeConnectResponse({ protocolVersion: 0, timeOut: 6000, sessionId: 0x1234n, passwd: PASSWD, readOnly: false });
  const r = new JuteReader(frame);
  const xid = r.int();
  const w = new JuteWriter();
  writeReplyHeader(w, { xid, zxid, err: 0 });
  body?.(w);
  return w.bytes();
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
let fake: FakeServer;
let zk: RealZooKeeper | undefined;

afterEach(async () => {
  await zk?.close();
  zk = undefined;
  await fake?.close();
});

describe('connection against a fake server', () => {
  it('sends the ConnectRequest byte for byte, then requests with increasing xids', async () => {
    fake = new FakeServer();
    await fake.listen();
    fake.onFrame = (_conn, frame, reply, _sock, first) => {
      reply(standardReply(first, frame, 7n));
    };
    zk = await connect({ connectString: fake.connectString(), sessionTimeoutMs: 6000 });
    expect(zk.sessionId).toBe(0x1234n);
    expect(zk.sessionTimeout).toBe(6000);
    await zk.delete('/a');
    await zk.delete('/b');
    expect(hex(fake.frames[0]!.bytes)).toBe('00000000' + '0000000000000000' + '00001770' + '0000000000000000' + '00000010' + '00'.repeat(16) + '00');
    expect(hex(fake.frames[1]!.bytes)).toBe('00000001' + '00000002' + '000000022f61' + 'ffffffff');
    expect(hex(fake.frames[2]!.bytes).slice(0, 16)).toBe('0000000200000002');
    expect(zk.lastZxid).toBe(7n);
  });

  it('after a reconnect: same session and lastZxidSeen, auth in reverse order, then setWatches2, then queued requests', async () => {
    fake = new FakeServer();
    await fake.listen(2); // two ports, so the reconnect does not wait for the spin delay
    fake.onFrame = (_conn, frame, reply, _sock, first) => {
      const r = new JuteReader(frame);
      const xid = r.int();
      const type = r.int();
      if (!first && xid === -4) return reply(standardReply(false, frame, 0n));
      if (!first && type === 4) return reply(standardReply(false, frame, 9n, (w) => (w.buffer(new Uint8Array([0x61])), writeStat(w, STAT))));
      if (!first && type === 8) return reply(standardReply(false, frame, 9n, (w) => w.vector([], () => {})));
      if (!first && type === 3) {
        // exists on a missing node: NONODE, so the client keeps an exist watch
        const w = new JuteWriter();
        writeReplyHeader(w, { xid, zxid: 9n, err: -101 });
        return reply(w.bytes());
      }
      reply(standardReply(first, frame, 9n));
    };
    zk = await connect({ connectString: fake.connectString(), sessionTimeoutMs: 6000, shuffle: false });
    await zk.addAuthInfo('digest', 'a:1');
    await zk.addAuthInfo('digest', 'b:2');
    await zk.getData('/d', true);
    await zk.exists('/e', true);
    await zk.getChildren('/c', true);
    await zk.addWatch('/p', 'PERSISTENT');
    await zk.addWatch('/r', 'PERSISTENT_RECURSIVE');
    const before = fake.frames.length;
    fake.sockets[0]!.destroy();
    while (zk.state === 'CONNECTED') await sleep(5);
    const queued = zk.delete('/q'); // queued while disconnected, sent after the priming packets
    await queued;
    const after = fake.frames.slice(before);
    expect(after.every((f) => f.conn === 1)).toBe(true);
    const connReq = new JuteReader(after[0]!.bytes);
    expect([connReq.int(), connReq.long(), connReq.int(), connReq.long(), hex(connReq.buffer()!)]).toEqual([0, 9n, 6000, 0x1234n, hex(PASSWD)]);
    const kinds = after.slice(1).map((f) => {
      const r = new JuteReader(f.bytes);
      const xid = r.int();
      const type = r.int();
      if (type === 100) {
        r.int();
        return `auth ${r.ustring()} ${new TextDecoder().decode(r.buffer()!)}`;
      }
      if (type === 105) {
        const z = r.long();
        const lists = [0, 1, 2, 3, 4].map(() => (r.vector((x) => x.ustring() ?? '') ?? []).join(','));
        return `setWatches2 xid=${xid} zxid=${z} ${lists.join(' | ')}`;
      }
      return `op ${type}`;
    });
    expect(kinds).toEqual(['auth digest b:2', 'auth digest a:1', 'setWatches2 xid=-8 zxid=9 /d | /e | /c | /p | /r', 'op 2']);
  });

  it('delivers a notification to the watcher before resolving the reply that follows it', async () => {
    fake = new FakeServer();
    await fake.listen();
    fake.onFrame = (_conn, frame, reply, _sock, first) => {
      const r = new JuteReader(frame);
      r.int();
      const type = r.int();
      if (type === 5) {
        // setData: the notification first, then the reply, in one write
        const n = new JuteWriter();
        writeReplyHeader(n, { xid: -1, zxid: -1n, err: 0 });
        writeWatcherEvent(n, { type: 3, state: 3, path: '/w' });
        reply(n.bytes());
        reply(standardReply(false, frame, 11n, (w) => writeStat(w, STAT)));
        return;
      }
      if (type === 4) return reply(standardReply(false, frame, 10n, (w) => (w.buffer(null), writeStat(w, STAT))));
      reply(standardReply(first, frame, 10n));
    };
    const order: string[] = [];
    zk = await connect({ connectString: fake.connectString(), watcher: (e) => void (e.type !== 'None' && order.push(`${e.type} ${e.path}`)) });
    expect((await zk.getData('/w', true)).data).toBeNull();
    await zk.setData('/w', 'x').then(() => order.push('reply'));
    expect(order).toEqual(['NodeDataChanged /w', 'reply']);
  });

  it('a frame longer than jute.maxbuffer drops the connection: CONNECTIONLOSS, Disconnected', async () => {
    fake = new FakeServer();
    await fake.listen();
    fake.onFrame = (_conn, frame, reply, sock, first) => {
      if (first) return reply(standardReply(true, frame, 0n));
      const len = Buffer.alloc(4);
      len.writeInt32BE(0x100000, 0);
      sock.write(len);
    };
    const states: string[] = [];
    zk = await connect({ connectString: fake.connectString(), watcher: (e) => void (e.type === 'None' && states.push(e.state)) });
    const err = await zk.getData('/big').catch((e: { code: string }) => e.code);
    expect(err).toBe('CONNECTIONLOSS');
    expect(states).toEqual(['SyncConnected', 'Disconnected']);
    await sleep(10);
  });
});

describe('pure helpers', () => {
  it('parses connect strings', () => {
    expect(parseConnectString('127.0.0.1:2181, localhost:2182')).toEqual([
      { host: '127.0.0.1', port: 2181 },
      { host: 'localhost', port: 2182 },
    ]);
    expect(parseConnectString('zk')).toEqual([{ host: 'zk', port: 2181 }]);
    expect(() => parseConnectString('h:1/chroot')).toThrow(/chroot/);
    expect(() => parseConnectString('')).toThrow(/empty/);
  });

  it('batches setWatches by total path length, kinds in order', () => {
    const long = '/' + 'x'.repeat(100 * 1024);
    const b = setWatchesBatches({ data: ['/a', long], exist: ['/e'], child: [long], persistent: [], recursive: ['/r'] });
    expect(b).toHaveLength(2);
    expect(b[0]).toEqual({ data: ['/a', long], exist: ['/e'], child: [long], persistent: [], recursive: [] });
    expect(b[1]).toEqual({ data: [], exist: [], child: [], persistent: [], recursive: ['/r'] });
  });
});
