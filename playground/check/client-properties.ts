/**
 * The client-visible guarantees of ZooKeeper (`zookeeper.md` §5, ZooKeeper paper §2.3),
 * judged from a trace through the client digest, in time linear in the history (plus sorts):
 * every check is ordered by the zxids the trace carries, never by searching interleavings.
 *
 * - linearizable writes: a successful write got a committed zxid, committed between its
 *   invocation and its response, carrying that write; a write that completed before another
 *   began got a lower zxid; and an acknowledged write is never lost (no server ends up past
 *   it without it);
 * - FIFO client order: a session's operations complete in the order it issued them, and its
 *   successful writes get increasing zxids;
 * - sequential reads: a read returns the state at some zxid ≥ everything the session had
 *   already seen (its reply header never goes back, and its data was not yet overwritten
 *   at that point), and that state is the one its own reply header claims;
 * - sync then read: a read issued after a completed sync sees at least every write committed
 *   before the sync was issued (of epochs up to that of the server that answered: a stale
 *   leader's sync may be stale, ZOOKEEPER-1675);
 * - watch before data: a client never gets a reply reflecting zxid z before the watch
 *   notification that z triggered for a watch it had set.
 *
 * Imports only the digests (trace-only) and zxid helpers.
 */

import { clientDigest, describeOp, existsAt, nextChange, NONODE, READ_OPS, WRITE_OPS, writeZxid, type ClientDigest, type ClientOp } from './client-history.ts';
import { Findings, type Checker } from './verdict.ts';
import { compareZxid, epochOf, parseZxid, zxidText, type Zxid } from './zxid.ts';

const successfulWrites = (d: ClientDigest): ClientOp[] =>
  d.ops.filter((op) => WRITE_OPS.has(op.op) && op.resp !== undefined && op.err === 0);

/** Linearizable writes (ZooKeeper paper §2.3 "Linearizable writes"; reliability). */
export const checkLinearizableWrites: Checker = (trace) => {
  const d = clientDigest(trace);
  const f = new Findings();
  const writes: { op: ClientOp; z: Zxid }[] = [];
  for (const op of successfulWrites(d)) {
    const z = writeZxid(op);
    const resp = op.resp!;
    if (z === undefined) {
      if (op.server !== undefined) f.add(resp, `${describeOp(op)} succeeded but its reply carries no zxid`);
      continue;
    }
    writes.push({ op, z });
    const ci = d.commitIndex(z);
    if (ci === undefined) {
      f.add(resp, `${describeOp(op)} was acknowledged with ${zxidText(z)}, which was never committed`);
      continue;
    }
    if (ci < op.inv) f.add(resp, `${describeOp(op)} got ${d.describe(z)}, committed at #${ci}, before the request was issued (#${op.inv})`);
    else if (ci > resp) f.add(resp, `${describeOp(op)} was acknowledged (#${resp}) before ${zxidText(z)} was committed (#${ci})`);
    const t = d.txns.get(z);
    const path = op.op === 'create' && typeof op.body?.path === 'string' ? op.body.path : op.path;
    if (t !== undefined && op.op !== 'multi' && (t.type !== op.op || t.path !== path)) {
      f.add(resp, `${describeOp(op)} got ${zxidText(z)}, but ${d.describe(z)} is another transaction`);
    }
    for (const [server, held] of d.zab.final) {
      if (held.holds(z)) continue;
      const past = held.firstAbove(z);
      if (past === undefined || !d.zab.committedSet.has(past.zxid) || past.at < resp) continue;
      f.add(past.at, `${describeOp(op)} was acknowledged with ${d.describe(z)} (#${resp}), but ${server} went on to ${d.describe(past.zxid)} without it: an acknowledged write was lost`);
    }
  }
  // Real-time order: sweep writes by invocation, knowing the highest zxid of those completed before.
  const byInv = [...writes].sort((a, b) => a.op.inv - b.op.inv);
  const byResp = [...writes].sort((a, b) => a.op.resp! - b.op.resp!);
  let done = 0;
  let highest: { op: ClientOp; z: Zxid } | undefined;
  for (const w of byInv) {
    while (done < byResp.length && byResp[done]!.op.resp! < w.op.inv) {
      const c = byResp[done++]!;
      if (highest === undefined || c.z > highest.z) highest = c;
    }
    if (highest !== undefined && highest.z >= w.z) {
      f.add(
        w.op.resp!,
        `${describeOp(w.op)} (issued #${w.op.inv}) got ${zxidText(w.z)}, not above ${describeOp(highest.op)}'s ${zxidText(highest.z)}, which had completed before it (#${highest.op.resp}): writes must be ordered as they happened`,
      );
    }
  }
  return f.verdict();
};

/** FIFO client order (ZooKeeper paper §2.3). */
export const checkFifoOrder: Checker = (trace) => {
  const d = clientDigest(trace);
  const f = new Findings();
  for (const s of d.sessions) {
    let waiting: ClientOp | undefined; // an earlier op still unanswered
    let last: ClientOp | undefined; // the latest-answered op so far, in issue order
    let lastWrite: { op: ClientOp; z: Zxid } | undefined;
    for (const op of s.ops) {
      if (op.resp === undefined) {
        waiting ??= op;
        continue;
      }
      if (waiting !== undefined) {
        f.add(op.resp, `${s.client} got the reply to ${op.op}${op.path ? ' ' + op.path : ''} (request ${op.reqId}) while its earlier ${waiting.op}${waiting.path ? ' ' + waiting.path : ''} (request ${waiting.reqId}) was still unanswered`);
      } else if (last !== undefined && op.resp < last.resp!) {
        f.add(last.resp!, `${s.client} got the reply to ${last.op}${last.path ? ' ' + last.path : ''} (request ${last.reqId}, #${last.resp}) after the reply to its later ${op.op}${op.path ? ' ' + op.path : ''} (request ${op.reqId}, #${op.resp})`);
      }
      if (last === undefined || op.resp > last.resp!) last = op;
      if (WRITE_OPS.has(op.op) && op.err === 0) {
        const z = writeZxid(op);
        if (z === undefined) continue;
        if (lastWrite !== undefined && z <= lastWrite.z) {
          f.add(op.resp, `${s.client}'s ${op.op}${op.path ? ' ' + op.path : ''} got ${zxidText(z)}, not above ${zxidText(lastWrite.z)} of its earlier ${lastWrite.op.op}${lastWrite.op.path ? ' ' + lastWrite.op.path : ''}`);
        }
        lastWrite = { op, z };
      }
    }
  }
  // The server side of the same guarantee: a session's writes take effect in the order it
  // sent them, answered or not (a write whose reply was lost to CONNECTIONLOSS may have been
  // applied, but never after a later one: PrepRequestProcessor's session owner check).
  const applied = new Map<bigint, { z: Zxid; cxid: number }[]>();
  for (const [z, t] of d.txns) {
    const o = d.origins.get(z);
    // Only txns that changed something (an error txn, such as a moved session's, is applied as nothing).
    if (o === undefined || !d.isCommitted(z) || t.type === 'createSession' || t.type === 'closeSession') continue;
    if (t.type === 'error' || (t.changes.length === 0 && t.type !== 'setACL')) continue;
    let list = applied.get(o.session);
    if (list === undefined) applied.set(o.session, (list = []));
    list.push({ z, cxid: o.cxid });
  }
  for (const [session, list] of applied) {
    list.sort((a, b) => compareZxid(a.z, b.z));
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const cur = list[i]!;
      if (cur.cxid >= prev.cxid) continue;
      const who = d.sessionClients.get(session) ?? `session 0x${session.toString(16)}`;
      f.add(d.commitIndex(cur.z) ?? 0, `${who}'s request ${cur.cxid} took effect as ${d.describe(cur.z)} after its later request ${prev.cxid} (${d.describe(prev.z)}): one client's writes must take effect in the order it sent them`);
    }
  }
  return f.verdict();
};

/**
 * Judges one read's result against a lower bound (`floor`, what must already be visible) and
 * its own reply header. Returns a problem sentence or null.
 */
function judgeRead(d: ClientDigest, op: ClientOp, floor: Zxid, floorWhy: string): string | null {
  const h = op.zxid;
  const path = op.path;
  if (h !== undefined && h < floor) {
    return `${describeOp(op)} was served from state ${zxidText(h)}, older than ${zxidText(floor)} ${floorWhy}`;
  }
  if (path === undefined) return null;
  const stat = op.body?.stat;
  if (op.err === 0 && stat !== undefined && (op.op === 'getData' || op.op === 'exists')) {
    const m = parseZxid(stat.mzxid);
    if (m === undefined) return null;
    const changes = d.dataChanges(path);
    if (m > 0n && !changes.includes(m)) return `${describeOp(op)} returned data written by ${zxidText(m)}, which no committed transaction wrote to ${path}`;
    const next = nextChange(changes, m);
    if (next !== undefined && next <= floor) {
      return `${describeOp(op)} returned ${path} as written by ${zxidText(m)}, but ${d.describe(next)} had changed it, and ${zxidText(floor)} ${floorWhy}`;
    }
    if (h !== undefined && next !== undefined && next <= h) {
      return `${describeOp(op)} claims state ${zxidText(h)} but returned ${path} as written by ${zxidText(m)}, which ${d.describe(next)} had changed`;
    }
  } else if (op.err === 0 && stat !== undefined && op.op === 'getChildren') {
    const p = parseZxid(stat.pzxid);
    if (p === undefined) return null;
    const next = nextChange(d.childChanges(path), p);
    if (next !== undefined && next <= floor) {
      return `${describeOp(op)} returned the children as of ${zxidText(p)}, but ${d.describe(next)} had changed them, and ${zxidText(floor)} ${floorWhy}`;
    }
    if (h !== undefined && next !== undefined && next <= h) {
      return `${describeOp(op)} claims state ${zxidText(h)} but returned children as of ${zxidText(p)}, which ${d.describe(next)} had changed`;
    }
  } else if (op.err === NONODE && h !== undefined && (op.op === 'getData' || op.op === 'exists' || op.op === 'getChildren')) {
    if (existsAt(d, path, h)) return `${describeOp(op)} claims state ${zxidText(h)} but found no ${path}, which existed then`;
  }
  return null;
}

/** Sequential consistency of reads: a session never reads back in time. */
export const checkSequentialReads: Checker = (trace) => {
  const d = clientDigest(trace);
  const f = new Findings();
  for (const s of d.sessions) {
    let seen = 0n;
    for (const item of s.timeline) {
      if (item.kind === 'seen') {
        if (item.zxid > seen) seen = item.zxid;
        continue;
      }
      if (item.kind !== 'reply') continue;
      const op = item.op;
      if (READ_OPS.has(op.op) && (op.err === 0 || op.err === NONODE)) {
        const problem = judgeRead(d, op, seen, `which ${s.client} had already seen: reads went back in time`);
        if (problem !== null) f.add(item.at, problem);
      }
      if (op.zxid !== undefined && op.zxid > seen) seen = op.zxid;
    }
  }
  return f.verdict();
};

/** Read-your-writes after sync: a read after a completed sync sees the state as of the sync's issue. */
export const checkSyncReads: Checker = (trace) => {
  const d = clientDigest(trace);
  const f = new Findings();
  const commitOrder: { z: Zxid; at: number }[] = [];
  for (const z of d.replicated ? d.zab.commits.keys() : d.txns.keys()) {
    const at = d.commitIndex(z);
    if (at !== undefined) commitOrder.push({ z, at });
  }
  commitOrder.sort((a, b) => a.at - b.at);
  for (const s of d.sessions) {
    let floor = 0n;
    let syncInfo = '';
    const syncs: { done: number; z: Zxid; why: string }[] = [];
    for (const op of s.ops) {
      if (op.op !== 'sync' || op.err !== 0 || op.resp === undefined) continue;
      const epochLimit = op.server !== undefined ? d.epochAt(op.server, op.resp) : Infinity;
      let target = 0n;
      for (const c of commitOrder) {
        if (c.at >= op.inv) break;
        if (epochOf(c.z) <= epochLimit && c.z > target) target = c.z;
      }
      syncs.push({ done: op.resp, z: target, why: `, committed before ${s.client}'s sync was issued (#${op.inv})` });
    }
    if (syncs.length === 0) continue;
    let next = 0;
    for (const op of [...s.ops].sort((a, b) => a.inv - b.inv)) {
      while (next < syncs.length && syncs[next]!.done < op.inv) {
        const sy = syncs[next++]!;
        if (sy.z > floor) {
          floor = sy.z;
          syncInfo = sy.why;
        }
      }
      if (floor === 0n || op.resp === undefined || !READ_OPS.has(op.op) || (op.err !== 0 && op.err !== NONODE)) continue;
      const problem = judgeRead(d, op, floor, `was the state to see${syncInfo}`);
      if (problem !== null) f.add(op.resp, problem);
    }
  }
  return f.verdict();
};

type WatchKind = 'data' | 'exist' | 'child';

const CLEARS: Record<string, readonly WatchKind[]> = {
  NodeDataChanged: ['data', 'exist'],
  NodeCreated: ['exist', 'data'],
  NodeDeleted: ['data', 'exist', 'child'],
  NodeChildrenChanged: ['child'],
};

/** The first committed txn after `h` that fires a watch of `kind` on `path`. */
function triggerAfter(d: ClientDigest, kind: WatchKind, path: string, h: Zxid): Zxid | undefined {
  if (kind === 'data' || kind === 'exist') return nextChange(d.dataChanges(path), h);
  const child = nextChange(d.childChanges(path), h);
  const self = d.existence(path).find((e) => !e.exists && e.zxid > h)?.zxid;
  if (child === undefined) return self;
  return self === undefined || child < self ? child : self;
}

/** A watch event is seen before the data that fired it (`zookeeper.md` §4.3). */
export const checkWatchOrder: Checker = (trace) => {
  const d = clientDigest(trace);
  const f = new Findings();
  for (const s of d.sessions) {
    const pending: { path: string; kind: WatchKind; trigger: Zxid; set: ClientOp; resent: boolean }[] = [];
    for (const item of s.timeline) {
      if (item.kind === 'connected') {
        for (const p of pending) p.resent = true;
        continue;
      }
      if (item.kind === 'event') {
        const kinds = CLEARS[item.type];
        if (kinds === undefined || item.path === null) continue;
        for (let i = pending.length - 1; i >= 0; i--) {
          const p = pending[i]!;
          if (p.path === item.path && kinds.includes(p.kind)) pending.splice(i, 1);
        }
        continue;
      }
      if (item.kind !== 'reply') continue;
      const op = item.op;
      const h = op.zxid;
      if (h !== undefined) {
        for (const p of pending) {
          if (p.trigger > h) continue;
          if (p.kind === 'exist' && p.resent && !existsAt(d, p.path, h)) {
            // Re-sent by setWatches after a reconnect: a node created and deleted while the
            // client was away never fires its exists-watch (zookeeper.md §4.6); it waits for the next create.
            p.trigger = nextChange(d.dataChanges(p.path), h) ?? (1n << 64n);
            continue;
          }
          const event = p.kind === 'child' ? 'NodeChildrenChanged' : p.kind === 'exist' ? 'NodeCreated' : 'NodeDataChanged/NodeDeleted';
          f.add(item.at, `${describeOp(op)} got a reply reflecting ${zxidText(h)} before the ${event} event for ${p.path} that ${d.describe(p.trigger)} triggered (watch set by ${p.set.op} #${p.set.inv})`);
          break;
        }
      }
      if (!op.watch || op.path === undefined || h === undefined) continue;
      let kind: WatchKind | undefined;
      if (op.op === 'getData' && op.err === 0) kind = 'data';
      else if (op.op === 'exists') kind = op.err === 0 ? 'data' : op.err === NONODE ? 'exist' : undefined;
      else if (op.op === 'getChildren' && op.err === 0) kind = 'child';
      if (kind === undefined) continue;
      const trigger = triggerAfter(d, kind, op.path, h);
      if (trigger !== undefined) pending.push({ path: op.path, kind, trigger, set: op, resent: false });
    }
  }
  return f.verdict();
};
