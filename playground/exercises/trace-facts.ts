/**
 * What the clients asked for and were told, read from a run's trace: the facts the exercise
 * judges are written in. A request to a client node (`{ cmd: 'submit', req }`) is a call
 * the program made; an `output` of kind `event` is a watch notification the client library
 * delivered (the server fired it); `txn.apply` protocol events are the ensemble's writes.
 *
 * The committed history with its data (`committedTxns`, replayed by `CommittedTree`) is
 * what the servers really applied, as the Zab checkers establish it (`check/zab-history`):
 * judges that rest on it cannot be fooled by what a program prints or claims.
 *
 * Pure functions of the trace (the recipe checkers of the exercises); imports the kernel's
 * trace types, the znode create-mode flag table, txn types and the Zab digest.
 */
import type { TraceEvent } from '../sim/trace.ts';
import type { NodeId } from '../sim/types.ts';
import { createModeFromFlag } from '../zk/stat.ts';
import type { LoggedTxn, Txn } from '../zk/txn.ts';
import { codeName } from '../zk/errors.ts';
import { memoByTrace } from '../check/verdict.ts';
import { zabDigest } from '../check/zab-history.ts';
import { say } from './said.ts';
import type { Said } from './said.ts';

/** A client API call as it reached the client library. */
export interface Call {
  /** Trace index of the request. */
  readonly index: number;
  readonly client: NodeId;
  readonly op: string;
  readonly path: string | undefined;
  /** The request set a watch (a read with a watcher or `true`). */
  readonly watch: boolean;
  /** `setData` / `delete` / `check`: the expected version passed. */
  readonly version: number | undefined;
  /** `create`: the create mode. */
  readonly mode: string | undefined;
}

/** A watch notification delivered to the program. */
export interface Notification {
  readonly index: number;
  readonly client: NodeId;
  readonly type: string;
  readonly path: string | null;
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null;

/** Every client call in the trace, in order. */
export function calls(trace: readonly TraceEvent[]): Call[] {
  const out: Call[] = [];
  for (const e of trace) {
    if (e.kind !== 'request' || !isRec(e.value) || e.value['cmd'] !== 'submit' || !isRec(e.value['req'])) continue;
    const req = e.value['req'];
    const flags = req['flags'];
    const mode = typeof flags === 'number' ? createModeFromFlag(flags) : undefined;
    out.push({
      index: e.index,
      client: e.node,
      op: String(req['op']),
      path: typeof req['path'] === 'string' ? req['path'] : undefined,
      watch: req['watch'] === true || e.value['watch'] !== undefined,
      version: typeof req['version'] === 'number' ? req['version'] : undefined,
      mode,
    });
  }
  return out;
}

/** Every watch notification (node events, not connection-state changes), in order. */
export function notifications(trace: readonly TraceEvent[]): Notification[] {
  const out: Notification[] = [];
  for (const e of trace) {
    if (e.kind !== 'output' || !isRec(e.value) || e.value['kind'] !== 'event' || !isRec(e.value['event'])) continue;
    const ev = e.value['event'];
    if (ev['type'] === 'None') continue;
    out.push({ index: e.index, client: e.node, type: String(ev['type']), path: typeof ev['path'] === 'string' ? ev['path'] : null });
  }
  return out;
}

/** A write the ensemble applied (the first server to apply each zxid), in order. */
export interface AppliedTxn {
  readonly index: number;
  readonly zxid: string;
  readonly txn: string;
  readonly path: string | undefined;
}

export function appliedTxns(trace: readonly TraceEvent[]): AppliedTxn[] {
  const seen = new Set<string>();
  const out: AppliedTxn[] = [];
  for (const e of trace) {
    if (e.kind !== 'protocol' || e.event.type !== 'txn.apply' || e.event['err'] !== 0) continue;
    const zxid = String(e.event['zxid']);
    if (seen.has(zxid)) continue;
    seen.add(zxid);
    const path = e.event['path'];
    out.push({ index: e.index, zxid, txn: String(e.event['txn']), path: typeof path === 'string' ? path : undefined });
  }
  return out;
}

/**
 * A write the ensemble committed, with its full record. Read from `zab.deliver`, which
 * carries the logged transaction, so a Zab ensemble (3 or 5 servers) only: a standalone
 * server's trace has no records, and gives none.
 */
export interface CommittedTxn {
  readonly zxid: bigint;
  /** Trace index of its first delivery anywhere: from then on, some server's reads see it. */
  readonly index: number;
  /** The session that issued it (0n: the server's own, e.g. a container's deletion). */
  readonly session: bigint;
  /** The client's xid of the request (TxnHeader.cxid). */
  readonly cxid: number;
  readonly txn: Txn;
}

/** Every committed transaction, in zxid order (the order every server applies them in). */
export const committedTxns: (trace: readonly TraceEvent[]) => readonly CommittedTxn[] = memoByTrace((trace) => {
  const zab = zabDigest(trace);
  const out = new Map<bigint, CommittedTxn>();
  for (const e of trace) {
    if (e.kind !== 'protocol' || e.event.type !== 'zab.deliver') continue;
    const record = e.event['record'] as LoggedTxn | undefined;
    if (record === undefined || out.has(record.hdr.zxid) || !zab.committedSet.has(record.hdr.zxid)) continue;
    out.set(record.hdr.zxid, { zxid: record.hdr.zxid, index: e.index, session: record.hdr.clientId, cxid: record.hdr.cxid, txn: record.txn });
  }
  return [...out.values()].sort((a, b) => (a.zxid < b.zxid ? -1 : a.zxid > b.zxid ? 1 : 0));
});

/** The writes a txn makes to the tree (a multi's sub-transactions; nothing for a failed one). */
export function treeChanges(txn: Txn): readonly Txn[] {
  if (txn.type === 'multi') return txn.txns.some((t) => t.type === 'error') ? [] : txn.txns.flatMap(treeChanges);
  return [txn];
}

/** A znode as the committed history left it. */
export interface CommittedZnode {
  readonly data: Uint8Array | null;
  /** Data version. */
  readonly version: number;
  /** The owning session (0n: not ephemeral). */
  readonly ephemeralOwner: bigint;
  readonly czxid: bigint;
  readonly mzxid: bigint;
}

/**
 * The znode tree replayed from committed transactions, one `apply` at a time (creates,
 * deletes, setData, multi, and the ephemerals a closeSession deletes). Exercises judge
 * "what was really there" with it, at any point of a run.
 */
export class CommittedTree {
  private readonly nodes = new Map<string, CommittedZnode>();

  apply(t: CommittedTxn): void {
    for (const c of treeChanges(t.txn)) {
      switch (c.type) {
        case 'create':
          this.nodes.set(c.path, { data: c.data, version: 0, ephemeralOwner: c.ephemeralOwner, czxid: t.zxid, mzxid: t.zxid });
          break;
        case 'setData': {
          const n = this.nodes.get(c.path);
          if (n !== undefined) this.nodes.set(c.path, { ...n, data: c.data, version: c.version, mzxid: t.zxid });
          break;
        }
        case 'delete':
          this.nodes.delete(c.path);
          break;
        case 'closeSession':
          for (const p of c.paths2Delete) this.nodes.delete(p);
          break;
        default:
          break;
      }
    }
  }

  get(path: string): CommittedZnode | undefined {
    return this.nodes.get(path);
  }

  /** The names of `path`'s children, sorted. */
  children(path: string): string[] {
    const prefix = path === '/' ? '/' : `${path}/`;
    const out: string[] = [];
    for (const p of this.nodes.keys()) if (p.startsWith(prefix) && !p.slice(prefix.length).includes('/') && p.length > prefix.length) out.push(p.slice(prefix.length));
    return out.sort();
  }
}

/** One session of a client node, as the client library reported it. */
export interface ClientSession {
  readonly client: NodeId;
  readonly session: bigint;
  /** Trace index of the first CONNECTED with this session. */
  readonly index: number;
}

/** Every session the clients established, in order. */
export function clientSessions(trace: readonly TraceEvent[]): ClientSession[] {
  const out: ClientSession[] = [];
  const seen = new Set<string>();
  for (const e of trace) {
    if (e.kind !== 'output' || !isRec(e.value) || e.value['kind'] !== 'state' || e.value['state'] !== 'CONNECTED') continue;
    const session = e.value['sessionId'];
    if (typeof session !== 'bigint' || seen.has(`${e.node}/${session}`)) continue;
    seen.add(`${e.node}/${session}`);
    out.push({ client: e.node, session, index: e.index });
  }
  return out;
}

/**
 * A call the program made, with what became of it: the session and xid it went out with
 * (if it was sent at all), the reply the program got (if any), and, for a write, the
 * committed transaction it became. A write whose reply was CONNECTIONLOSS is "applied"
 * when `committed` holds a transaction other than an error: the ensemble did it, though
 * the caller could not know.
 */
export interface CallOutcome extends Call {
  /** The session it was sent in; undefined if it never left the client. */
  readonly session: bigint | undefined;
  readonly xid: number | undefined;
  /**
   * The reply's trace index, error code name ('OK' for success) and body, and the server
   * that sent it (undefined when the client library made it up, as a CONNECTIONLOSS).
   */
  readonly reply: { readonly index: number; readonly code: string; readonly body: Record<string, unknown> | undefined; readonly server: NodeId | undefined } | undefined;
  /** The committed transaction (Zab ensembles only; an `error` txn for a write that failed). */
  readonly committed: CommittedTxn | undefined;
}

/** Every call, in order, with its outcome. */
export const callOutcomes: (trace: readonly TraceEvent[]) => readonly CallOutcome[] = memoByTrace((trace) => {
  interface Open {
    call: Call;
    handle: number;
    reqId: number;
    session: bigint | undefined;
    xid: number | undefined;
    reply: CallOutcome['reply'];
  }
  const byCall = calls(trace);
  const callAt = new Map(byCall.map((c) => [c.index, c]));
  const open: Open[] = [];
  const byReq = new Map<unknown, Open>();
  const byReqId = new Map<string, Open>();
  const current = new Map<NodeId, bigint>();
  for (const e of trace) {
    if (e.kind === 'request') {
      const call = callAt.get(e.index);
      if (call === undefined || !isRec(e.value)) continue;
      const o: Open = { call, handle: Number(e.value['handle']), reqId: Number(e.value['reqId']), session: undefined, xid: undefined, reply: undefined };
      open.push(o);
      byReq.set(e.value['req'], o);
      byReqId.set(`${e.node}#${o.handle}#${o.reqId}`, o);
    } else if (e.kind === 'output' && isRec(e.value)) {
      if (e.value['kind'] === 'state' && e.value['state'] === 'CONNECTED' && typeof e.value['sessionId'] === 'bigint') current.set(e.node, e.value['sessionId']);
      if (e.value['kind'] !== 'reply') continue;
      const o = byReqId.get(`${e.node}#${Number(e.value['handle'])}#${Number(e.value['reqId'])}`);
      if (o === undefined || o.reply !== undefined) continue;
      const body = e.value['body'];
      const cause = trace[e.cause];
      const server = cause?.kind === 'deliver' && cause.to === e.node && isRec(cause.msg) && cause.msg['kind'] === 'reply' ? cause.from : undefined;
      o.reply = { index: e.index, code: codeName(Number(e.value['err'])), body: isRec(body) ? body : undefined, server };
    } else if (e.kind === 'send' && isRec(e.msg) && e.msg['kind'] === 'request') {
      const o = byReq.get(e.msg['req']);
      if (o === undefined || o.call.client !== e.from || o.xid !== undefined) continue;
      o.xid = Number(e.msg['xid']);
      o.session = current.get(e.from);
    }
  }
  const committed = new Map<string, CommittedTxn>();
  for (const t of committedTxns(trace)) committed.set(`${t.session}/${t.cxid}`, t);
  return open.map((o) => ({
    ...o.call,
    session: o.session,
    xid: o.xid,
    reply: o.reply,
    committed: o.session !== undefined && o.xid !== undefined ? committed.get(`${o.session}/${o.xid}`) : undefined,
  }));
});

/** `0x…`, as ZooKeeper prints session ids. */
export function sessionText(session: bigint): string {
  return `0x${session.toString(16)}`;
}

/** The client nodes whose sessions made `txns` (those the trace can attribute). */
export function sessionOwners(trace: readonly TraceEvent[]): ReadonlyMap<bigint, NodeId> {
  return new Map(clientSessions(trace).map((s) => [s.session, s.client]));
}

/**
 * The check's own code must connect first: its clients are numbered in connect order (c1,
 * c2, ...), and its fault schedules aim at those numbers. Reader code that opens a session
 * at its top level, before the check's code runs, would move the check's clients out of the
 * faults' way. `root` is the znode the check's first client creates; the judgement says so
 * when another client created it.
 */
export function checkConnectsFirst(trace: readonly TraceEvent[], root: string, first: NodeId = 'c1'): { readonly ok: true } | { readonly ok: false; readonly problem: string; readonly say: Said; readonly at: number } {
  const owners = sessionOwners(trace);
  for (const t of committedTxns(trace)) {
    if (!treeChanges(t.txn).some((c) => c.type === 'create' && c.path === root)) continue;
    const client = owners.get(t.session);
    if (client === first) return { ok: true };
    return {
      ok: false,
      at: t.index,
      ...say('run.connectsFirst', client ?? say('run.anotherClient'), first),
    };
  }
  return { ok: true };
}
