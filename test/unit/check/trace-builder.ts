/**
 * Builds traces by hand for the checkers' tests: protocol facts, client invocations and
 * replies, watch events, stamped with index, time and cause as the kernel would. Histories
 * that must fail are written with it, one broken rule at a time.
 */
import type { TraceBody, TraceEvent } from '../../../playground/sim/trace.ts';
import type { ZabEvent } from '../../../playground/zab/events.ts';
import type { LoggedTxn } from '../../../playground/zk/txn.ts';

export const hex = (epoch: number, counter: number): string => '0x' + ((BigInt(epoch) << 32n) | BigInt(counter)).toString(16);
export const zx = (epoch: number, counter: number): bigint => (BigInt(epoch) << 32n) | BigInt(counter);

export class TraceBuilder {
  readonly trace: TraceEvent[] = [];
  time = 0;

  push(body: TraceBody, cause?: number): number {
    const index = this.trace.length;
    this.trace.push({ ...body, index, time: this.time, cause: cause ?? index } as TraceEvent);
    this.time += 1;
    return index;
  }

  /**
   * A Zab event; `zab.snapshot` may omit its tree and `zab.propose` its record (checkers read
   * neither unless a test is about them).
   */
  zab(node: string, event: ZabEvent | { type: 'zab.snapshot'; zxid: string } | { type: 'zab.propose'; zxid: string; txn: string }): number {
    return this.push({ kind: 'protocol', node, event: event as ZabEvent });
  }

  /** A proposal carrying its logged record (as the leader reports it). */
  propose(leader: string, epoch: number, counter: number, op: string, path: string): number {
    const record = { hdr: { clientId: 1n, cxid: 0, zxid: zx(epoch, counter), time: this.time }, txn: { type: op, path } } as unknown as LoggedTxn;
    return this.zab(leader, { type: 'zab.propose', zxid: hex(epoch, counter), txn: `${op} ${path}`, record });
  }

  apply(node: string, z: bigint, txn: string, path?: string): number {
    return this.push({ kind: 'protocol', node, event: { type: 'txn.apply', zxid: '0x' + z.toString(16), txn, path, err: 0, session: '0x1' } });
  }

  /**
   * A leader of `epoch` established with `quorum`, its initial history ending at `zxid`
   * (omitted: the checker falls back to what the leader has delivered), then in BROADCAST,
   * as `Leader.lead` and `Follower.followLeader` report it.
   */
  establish(leader: string, epoch: number, quorum: string[], zxid?: string): void {
    this.zab(leader, { type: 'zab.established', epoch, quorum, ...(zxid !== undefined ? { zxid } : {}) } as ZabEvent);
    this.zab(leader, { type: 'zab.state', state: 'LEADING', phase: 'BROADCAST', epoch });
    for (const q of quorum) if (q !== leader) this.zab(q, { type: 'zab.state', state: 'FOLLOWING', phase: 'BROADCAST', epoch });
  }

  /** The normal life of one write: propose, log everywhere, commit, deliver (and txn.apply) everywhere. */
  write(leader: string, servers: string[], epoch: number, counter: number, op: string, path: string): void {
    const zxid = hex(epoch, counter);
    this.propose(leader, epoch, counter, op, path);
    for (const s of servers) this.zab(s, { type: 'zab.log', zxid });
    this.zab(leader, { type: 'zab.commit', zxid });
    for (const s of servers) this.deliver(s, epoch, counter, op, path);
  }

  deliver(server: string, epoch: number, counter: number, op: string, path: string): number {
    const record = { hdr: { clientId: 1n, cxid: 0, zxid: zx(epoch, counter), time: this.time }, txn: { type: op, path } } as unknown as LoggedTxn;
    const i = this.zab(server, { type: 'zab.deliver', zxid: hex(epoch, counter), txn: `${op} ${path}`, record });
    this.apply(server, zx(epoch, counter), op, path);
    return i;
  }

  connected(client: string, server: string): void {
    this.push({ kind: 'connected', node: client, peer: server, conn: 1 });
  }

  connect(client: string, handle = 1): void {
    this.push({ kind: 'request', node: client, value: { cmd: 'connect', handle, sessionTimeoutMs: 4000 } });
  }

  submit(client: string, reqId: number, req: Record<string, unknown>, handle = 1): number {
    return this.push({ kind: 'request', node: client, value: { cmd: 'submit', handle, reqId, req } });
  }

  /** A server's reply (deliver) and the client's output it causes. */
  reply(client: string, server: string, reqId: number, zxid: bigint, err = 0, body?: Record<string, unknown>, handle = 1): number {
    const d = this.push({ kind: 'deliver', from: server, to: client, msg: { kind: 'reply', xid: reqId, zxid, err, body }, conn: 1, sendIndex: 0 });
    return this.push({ kind: 'output', node: client, value: { kind: 'reply', handle, reqId, err, ...(body ? { body } : {}) } }, d);
  }

  /** A reply the client made up (CONNECTIONLOSS etc.). */
  localReply(client: string, reqId: number, err: number, handle = 1): number {
    return this.push({ kind: 'output', node: client, value: { kind: 'reply', handle, reqId, err } });
  }

  ping(client: string, server: string, zxid: bigint): number {
    return this.push({ kind: 'deliver', from: server, to: client, msg: { kind: 'reply', xid: -2, zxid, err: 0 }, conn: 1, sendIndex: 0 });
  }

  watchEvent(client: string, type: string, path: string, handle = 1): number {
    return this.push({ kind: 'output', node: client, value: { kind: 'event', handle, watchers: [0], event: { type, state: 'SyncConnected', path } } });
  }
}

export const stat = (mzxid: bigint, czxid: bigint = mzxid, pzxid: bigint = czxid): Record<string, unknown> => ({ czxid, mzxid, pzxid, version: 0 });
