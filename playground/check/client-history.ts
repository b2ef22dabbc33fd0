/**
 * What the clients asked and saw, read back from a trace: the digest the client-visible
 * checkers (`client-properties.ts`) judge.
 *
 * - Operations: a `request` to a client node carrying `{ cmd: 'submit', handle, reqId, req }`
 *   is an invocation; the client's `output` `{ kind: 'reply', handle, reqId, err, body }` is
 *   its response. A session is one handle of one client node (`c1#1`).
 * - The zxid a reply carries (the server's ReplyHeader.zxid: for a write, its txn; for a read,
 *   the state it was served from) is read off the `deliver` event that caused the reply output
 *   (`output.cause`); replies the client made up itself (CONNECTIONLOSS, ...) carry none.
 *   Ping replies on the session's current connection count as "seen" too, as the client's
 *   lastZxid does.
 * - Watch notifications are the client's `output` `{ kind: 'event' }`.
 * - The data history: which committed zxid created, changed or deleted which path, from the
 *   servers' `txn.apply` events (first one per zxid, errors excluded) and `session.close`
 *   (ephemerals deleted), falling back to the txn text of `zab.deliver` ("create /a"). With
 *   Zab events present, only committed zxids (see `zab-history.ts`) count; in a standalone
 *   run every applied txn does.
 *
 * Imports only trace types and the Zab digest; never protocol state.
 */

import type { NodeId } from '../sim/types.ts';
import { memoByTrace, type Trace } from './verdict.ts';
import { zabDigest, type ZabDigest } from './zab-history.ts';
import { compareZxid, parseZxid, upperBound, zxidText, type Zxid } from './zxid.ts';

export const WRITE_OPS = new Set(['create', 'delete', 'setData', 'setACL', 'multi']);
export const READ_OPS = new Set(['getData', 'exists', 'getChildren', 'getACL', 'getAllChildrenNumber', 'getEphemerals']);

/** Error codes the checkers need (`KeeperException.Code`). */
export const NONODE = -101;
export const CONNECTIONLOSS = -4;
export const SESSIONEXPIRED = -112;

export interface StatLike {
  readonly czxid?: unknown;
  readonly mzxid?: unknown;
  readonly pzxid?: unknown;
}

export interface ClientOp {
  readonly session: string;
  readonly client: NodeId;
  readonly handle: number;
  readonly reqId: number;
  /** `req.op`: create, getData, sync, .... */
  readonly op: string;
  readonly path: string | undefined;
  /** The request asked for a (standard) watch. */
  readonly watch: boolean;
  /** Trace index of the invocation. */
  readonly inv: number;
  resp?: number;
  err?: number;
  body?: { readonly path?: string; readonly stat?: StatLike; readonly [k: string]: unknown };
  /** The reply header's zxid, when a server sent the reply. */
  zxid?: Zxid;
  /** The server that sent the reply. */
  server?: NodeId;
}

export type TimelineItem =
  | { readonly kind: 'reply'; readonly at: number; readonly op: ClientOp }
  /** A reply without an operation (ping, setWatches): the client saw this zxid. */
  | { readonly kind: 'seen'; readonly at: number; readonly zxid: Zxid; readonly server: NodeId }
  | { readonly kind: 'event'; readonly at: number; readonly type: string; readonly path: string | null }
  /** The client opened a new connection (its watches are re-sent with setWatches). */
  | { readonly kind: 'connected'; readonly at: number; readonly server: NodeId };

export interface SessionLog {
  readonly key: string;
  readonly client: NodeId;
  readonly handle: number;
  /** In issue order. */
  readonly ops: ClientOp[];
  /** Replies, pings seen and watch events, in trace order. */
  readonly timeline: TimelineItem[];
}

export interface TxnInfo {
  readonly zxid: Zxid;
  readonly type: string;
  readonly path: string | undefined;
  readonly at: number;
  /** What it did to the tree: creates, deletes and data changes (a multi's ops, a closeSession's ephemerals). */
  readonly changes: readonly { readonly type: 'create' | 'delete' | 'setData'; readonly path: string }[];
}

/** The tree changes of a logged txn record (`{ hdr, txn }`, as `zab.deliver` carries it). */
function changesOf(txn: unknown): TxnInfo['changes'] {
  const t = asRecord(txn);
  if (t === undefined) return [];
  const type = t['type'];
  const path = t['path'];
  if ((type === 'create' || type === 'delete' || type === 'setData') && typeof path === 'string') return [{ type, path }];
  if (type === 'multi' && Array.isArray(t['txns'])) return (t['txns'] as unknown[]).flatMap(changesOf);
  if (type === 'closeSession' && Array.isArray(t['paths2Delete'])) {
    return (t['paths2Delete'] as unknown[]).filter((p): p is string => typeof p === 'string').map((p) => ({ type: 'delete' as const, path: p }));
  }
  return [];
}

export interface ClientDigest {
  readonly sessions: readonly SessionLog[];
  readonly ops: readonly ClientOp[];
  readonly zab: ZabDigest;
  /** Whether the run has Zab events (else: standalone, every applied txn is committed). */
  readonly replicated: boolean;
  /** First successful application of each zxid, by any server. */
  readonly txns: ReadonlyMap<Zxid, TxnInfo>;
  /** Which session sent each proposed txn, and its request's cxid (the proposal's header). */
  readonly origins: ReadonlyMap<Zxid, { readonly session: bigint; readonly cxid: number }>;
  /** The client node that holds each session id (from the clients' own `client.state` events). */
  readonly sessionClients: ReadonlyMap<bigint, NodeId>;
  isCommitted(z: Zxid): boolean;
  /** Trace index at which z was committed (its COMMIT or its epoch's establishment; standalone: its first apply). */
  commitIndex(z: Zxid): number | undefined;
  /** Committed zxids that set data on, created or deleted `path`, sorted. */
  dataChanges(path: string): readonly Zxid[];
  /** Committed creates and deletes of `path`, sorted by zxid. */
  existence(path: string): readonly { readonly zxid: Zxid; readonly exists: boolean }[];
  /** Committed creates and deletes of children of `path`, sorted. */
  childChanges(path: string): readonly Zxid[];
  /** The latest `zab.state` epoch of `server` before trace index `at` (Infinity if none). */
  epochAt(server: NodeId, at: number): number;
  describe(z: Zxid): string;
}

interface SubmitCmd {
  cmd: 'submit';
  handle: number;
  reqId: number;
  req: { op: string; path?: string; watch?: boolean };
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : undefined;
}

function parentOf(path: string): string | undefined {
  if (path === '/') return undefined;
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

const TXN_TEXT = /^(create\w*|delete\w*|setData|setACL)\s+(\/\S*)/;

function digestClients(trace: Trace): ClientDigest {
  const zab = zabDigest(trace);
  const replicated = zab.facts.length > 0;
  const sessions = new Map<string, SessionLog>();
  const ops: ClientOp[] = [];
  const opByKey = new Map<string, ClientOp>();
  const currentHandle = new Map<NodeId, number>();
  const currentServer = new Map<NodeId, NodeId | null>();
  const txns = new Map<Zxid, TxnInfo>();
  const deliverTexts = new Map<Zxid, { text: string; at: number }>();
  const proposed = new Map<Zxid, { record: Record<string, unknown>; at: number }>();
  const origins = new Map<Zxid, { session: bigint; cxid: number }>();
  const sessionClients = new Map<bigint, NodeId>();
  const closeDeletes: { zxid: Zxid; paths: string[]; at: number }[] = [];
  const states = new Map<NodeId, { at: number; epoch: number }[]>();
  const clients = new Set<NodeId>();

  const sessionOf = (client: NodeId, handle: number): SessionLog => {
    const key = `${client}#${handle}`;
    let s = sessions.get(key);
    if (s === undefined) sessions.set(key, (s = { key, client, handle, ops: [], timeline: [] }));
    return s;
  };

  // Client nodes: whoever receives client commands.
  for (const e of trace) {
    if (e.kind === 'request' && typeof asRecord(e.value)?.['cmd'] === 'string') clients.add(e.node);
  }

  const repliedBy = new Set<number>(); // deliver indices already used for an op reply
  for (const e of trace) {
    switch (e.kind) {
      case 'request': {
        const v = asRecord(e.value);
        if (v === undefined || typeof v['cmd'] !== 'string') break;
        if (v['cmd'] === 'connect') {
          currentHandle.set(e.node, Number(v['handle']));
          break;
        }
        if (v['cmd'] !== 'submit') break;
        const c = v as unknown as SubmitCmd;
        const s = sessionOf(e.node, c.handle);
        const op: ClientOp = {
          session: s.key,
          client: e.node,
          handle: c.handle,
          reqId: c.reqId,
          op: c.req.op,
          path: typeof c.req.path === 'string' ? c.req.path : undefined,
          watch: c.req.watch === true,
          inv: e.index,
        };
        s.ops.push(op);
        ops.push(op);
        opByKey.set(`${e.node}#${c.handle}#${c.reqId}`, op);
        break;
      }
      case 'output': {
        if (!clients.has(e.node)) break;
        const v = asRecord(e.value);
        if (v === undefined) break;
        const handle = Number(v['handle']);
        if (v['kind'] === 'reply') {
          const op = opByKey.get(`${e.node}#${handle}#${Number(v['reqId'])}`);
          if (op === undefined || op.resp !== undefined) break;
          op.resp = e.index;
          op.err = Number(v['err']);
          const body = asRecord(v['body']);
          if (body !== undefined) op.body = body as ClientOp['body'];
          const cause = trace[e.cause];
          if (cause !== undefined && cause.kind === 'deliver' && cause.to === e.node && !repliedBy.has(cause.index)) {
            const msg = asRecord(cause.msg);
            if (msg !== undefined && msg['kind'] === 'reply' && Number(msg['err']) === op.err) {
              repliedBy.add(cause.index);
              const z = parseZxid(msg['zxid']);
              if (z !== undefined && z > 0n) op.zxid = z;
              op.server = cause.from;
            }
          }
          sessionOf(e.node, handle).timeline.push({ kind: 'reply', at: e.index, op });
        } else if (v['kind'] === 'event') {
          const ev = asRecord(v['event']);
          if (ev === undefined) break;
          const path = typeof ev['path'] === 'string' ? ev['path'] : null;
          sessionOf(e.node, handle).timeline.push({ kind: 'event', at: e.index, type: String(ev['type']), path });
        }
        break;
      }
      case 'connected': {
        if (!clients.has(e.node)) break;
        currentServer.set(e.node, e.peer);
        const handle = currentHandle.get(e.node);
        if (handle !== undefined) sessionOf(e.node, handle).timeline.push({ kind: 'connected', at: e.index, server: e.peer });
        break;
      }
      case 'close':
        if (clients.has(e.node) && currentServer.get(e.node) === e.peer) currentServer.set(e.node, null);
        break;
      case 'disconnected':
        if (clients.has(e.node) && currentServer.get(e.node) === e.peer) currentServer.set(e.node, null);
        break;
      case 'deliver': {
        if (!clients.has(e.to) || currentServer.get(e.to) !== e.from) break;
        const msg = asRecord(e.msg);
        if (msg === undefined || msg['kind'] !== 'reply') break;
        const xid = Number(msg['xid']);
        const z = parseZxid(msg['zxid']);
        const handle = currentHandle.get(e.to);
        if (xid >= 0 || z === undefined || z <= 0n || handle === undefined) break;
        sessionOf(e.to, handle).timeline.push({ kind: 'seen', at: e.index, zxid: z, server: e.from });
        break;
      }
      case 'protocol': {
        const ev = e.event;
        if (ev.type === 'txn.apply') {
          const z = parseZxid(ev['zxid']);
          if (z === undefined || txns.has(z) || Number(ev['err'] ?? 0) !== 0) break;
          const type = String(ev['txn']);
          const path = typeof ev['path'] === 'string' ? ev['path'] : undefined;
          const changes = path !== undefined ? changesOf({ type, path }) : [];
          txns.set(z, { zxid: z, type, path, at: e.index, changes });
        } else if (ev.type === 'zab.deliver') {
          const z = parseZxid(ev['zxid']);
          if (z === undefined) break;
          const record = asRecord(asRecord(ev['record'])?.['txn']);
          if (record !== undefined && !txns.has(z)) {
            const type = String(record['type']);
            txns.set(z, { zxid: z, type, path: typeof record['path'] === 'string' ? record['path'] : undefined, at: e.index, changes: changesOf(record) });
          } else if (!deliverTexts.has(z)) deliverTexts.set(z, { text: String(ev['txn']), at: e.index });
        } else if (ev.type === 'zab.propose') {
          const z = parseZxid(ev['zxid']);
          const record = asRecord(asRecord(ev['record'])?.['txn']);
          if (z !== undefined && record !== undefined && !proposed.has(z)) proposed.set(z, { record, at: e.index });
          const hdr = asRecord(asRecord(ev['record'])?.['hdr']);
          if (z !== undefined && hdr !== undefined && typeof hdr['clientId'] === 'bigint' && typeof hdr['cxid'] === 'number' && !origins.has(z)) {
            origins.set(z, { session: hdr['clientId'], cxid: hdr['cxid'] });
          }
        } else if (ev.type === 'client.state') {
          const id = parseZxid(ev['session']);
          if (id !== undefined && id !== 0n) sessionClients.set(id, e.node);
        } else if (ev.type === 'session.close') {
          const z = parseZxid(ev['zxid']);
          const deleted = Array.isArray(ev['deleted']) ? (ev['deleted'] as unknown[]).filter((p): p is string => typeof p === 'string') : [];
          if (z !== undefined && deleted.length > 0) closeDeletes.push({ zxid: z, paths: deleted, at: e.index });
        } else if (ev.type === 'zab.state') {
          let list = states.get(e.node);
          if (list === undefined) states.set(e.node, (list = []));
          list.push({ at: e.index, epoch: Number(ev['epoch']) });
        }
        break;
      }
      default:
        break;
    }
  }

  // A committed txn no server applied or delivered on its own (it travelled only inside
  // snapshots) is known from its proposal.
  for (const [z, p] of proposed) {
    if (txns.has(z) || !zab.committedSet.has(z)) continue;
    const type = String(p.record['type']);
    txns.set(z, { zxid: z, type, path: typeof p.record['path'] === 'string' ? p.record['path'] : undefined, at: p.at, changes: changesOf(p.record) });
  }
  // Fall back to zab.deliver's txn text for zxids no server reported as txn.apply.
  for (const [z, d] of deliverTexts) {
    if (txns.has(z)) continue;
    const m = TXN_TEXT.exec(d.text);
    if (m === null) continue;
    const type = m[1]!.startsWith('create') ? 'create' : m[1]!.startsWith('delete') ? 'delete' : m[1]!;
    const changes = changesOf({ type, path: m[2] });
    txns.set(z, { zxid: z, type, path: m[2], at: d.at, changes });
  }

  const isCommitted = (z: Zxid): boolean => (replicated ? zab.committedSet.has(z) : txns.has(z));
  const commitIndex = (z: Zxid): number | undefined => {
    if (replicated) return zab.committedAt.get(z);
    return zab.firstDelivery.get(z)?.at ?? txns.get(z)?.at;
  };

  const data = new Map<string, Zxid[]>();
  const exist = new Map<string, { zxid: Zxid; exists: boolean }[]>();
  const children = new Map<string, Zxid[]>();
  const push = <V>(m: Map<string, V[]>, k: string, v: V): void => {
    let l = m.get(k);
    if (l === undefined) m.set(k, (l = []));
    l.push(v);
  };
  const changes: { zxid: Zxid; type: string; path: string }[] = [];
  for (const t of txns.values()) if (isCommitted(t.zxid)) for (const c of t.changes) changes.push({ zxid: t.zxid, type: c.type, path: c.path });
  for (const c of closeDeletes) if (isCommitted(c.zxid) && (txns.get(c.zxid)?.changes.length ?? 0) === 0) for (const p of c.paths) changes.push({ zxid: c.zxid, type: 'delete', path: p });
  changes.sort((a, b) => compareZxid(a.zxid, b.zxid));
  for (const c of changes) {
    const parent = parentOf(c.path);
    if (c.type === 'create') {
      push(data, c.path, c.zxid);
      push(exist, c.path, { zxid: c.zxid, exists: true });
      if (parent !== undefined) push(children, parent, c.zxid);
    } else if (c.type === 'delete') {
      push(data, c.path, c.zxid);
      push(exist, c.path, { zxid: c.zxid, exists: false });
      if (parent !== undefined) push(children, parent, c.zxid);
    } else if (c.type === 'setData') {
      push(data, c.path, c.zxid);
    }
  }

  const describe = (z: Zxid): string => {
    const t = txns.get(z);
    if (t !== undefined) return `${zxidText(z)} (${t.type}${t.path !== undefined ? ' ' + t.path : ''})`;
    return zab.describe(z);
  };

  return {
    sessions: [...sessions.values()],
    ops,
    zab,
    replicated,
    txns,
    origins,
    sessionClients,
    isCommitted,
    commitIndex,
    dataChanges: (path) => data.get(path) ?? [],
    existence: (path) => exist.get(path) ?? [],
    childChanges: (path) => children.get(path) ?? [],
    epochAt: (server, at) => {
      const list = states.get(server);
      if (list === undefined) return Infinity;
      let epoch = Infinity;
      for (const s of list) {
        if (s.at >= at) break;
        epoch = s.epoch;
      }
      return epoch;
    },
    describe,
  };
}

/** The client digest of a trace (computed once per trace and cached). */
export const clientDigest: (trace: Trace) => ClientDigest = memoByTrace(digestClients);

/** What an operation is, for messages: "c1's setData /a (#12)". */
export function describeOp(op: ClientOp): string {
  return `${op.client}'s ${op.op}${op.path !== undefined ? ' ' + op.path : ''}`;
}

/** The zxid a successful write got: its reply header, else the stat it returned. */
export function writeZxid(op: ClientOp): Zxid | undefined {
  if (op.zxid !== undefined) return op.zxid;
  const stat = op.body?.stat;
  if (stat === undefined) return undefined;
  return op.op === 'create' ? parseZxid(stat.czxid) : parseZxid(stat.mzxid);
}

/** Whether `path` exists in the committed state as of zxid `at`. */
export function existsAt(d: ClientDigest, path: string, at: Zxid): boolean {
  if (path === '/') return true;
  const list = d.existence(path);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.zxid <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 ? list[lo - 1]!.exists : false;
}

/** The first committed change in `sorted` after `z`, or undefined. */
export function nextChange(sorted: readonly Zxid[], z: Zxid): Zxid | undefined {
  return sorted[upperBound(sorted, z)];
}
