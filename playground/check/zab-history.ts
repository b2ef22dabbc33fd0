/**
 * One pass (three, in fact) over a trace's Zab facts, judging the Zab paper's properties
 * (Junqueira, Reed, Serafini, DSN 2011, §3; `Zab.tla`'s invariants) from what the servers
 * reported and nothing else:
 *
 * - integrity: a server delivers only transactions some leader proposed (with the same txn);
 * - total order: deliveries follow zxid order, and whoever delivers b has delivered every
 *   committed a < b before it (committed transactions form one chain);
 * - agreement: one zxid is one transaction everywhere, and no two servers' histories diverge;
 * - local primary order: a leader's proposals of one epoch are delivered in the order proposed;
 * - global primary order: nothing of an older epoch is delivered after a newer epoch's txn;
 * - primary integrity: a leader of epoch e has delivered every committed txn of older epochs
 *   before it proposes in e;
 * - leadership: at most one server establishes each epoch, with a quorum of the voters;
 * - election (FLE's vote order, zab.md §2.1–2.2): within one round of one election (a stretch
 *   of LOOKING) a server's proposal only moves to a better vote — higher peerEpoch, then higher zxid, then higher server id — so
 *   the winner has the most recent history of the quorum that elects it;
 * - committed-durable: once a leader committed z, no server truncates it, and no server
 *   delivers past z without it (a snapshot may replace a history, as when a restarted server
 *   reloads its tree, as long as what it dropped comes back before anything later);
 * - epochs: acceptedEpoch ≥ currentEpoch, and neither goes down.
 *
 * What a server holds is replayed from its events: `zab.deliver` adds a txn to its history,
 * `zab.truncate` drops the delivered txns above a zxid (not a snapshot: 3.8's TRUNC
 * truncates the log only), `zab.snapshot` replaces the history by the
 * history that ends at the snapshot's zxid. Histories are durable: a crash loses nothing, and
 * a restarted server that reports its recovery again (re-delivering what it held) adds
 * nothing new, as long as it re-delivers the same txns.
 *
 * "The history that ends at z" is Zab's own structure (DSN 2011 §IV, §V-A): an epoch's
 * leader starts from its initial history — everything it holds when it establishes the
 * epoch, up to the last zxid `zab.established` reports — and appends its own proposals in
 * order. So the history ending at z is z's epoch's proposals up to z, on top of the initial
 * history of z's epoch. That is what a snapshot at z contains, however it travelled: a
 * leader that recovered an uncommitted txn from its log (`fastForwardDataBase`) and
 * SNAP-synced it to others passes it on only inside snapshots.
 *
 * "Committed" means: a leader emitted `zab.commit`; or the txn is in an established epoch's
 * initial history (a quorum acknowledged NEWLEADER for it, whether the txn ever shows up
 * again as a COMMIT, a delivery or only inside a snapshot); or a server held it when it
 * delivered a later committed txn (Zab commits in order). Only committed txns bind other
 * servers, so a restarted server that replays an uncommitted tail of its log before it
 * synchronizes, later truncated, is no violation.
 *
 * Imports only trace and Zab event types; never protocol state.
 */

import type { NodeId } from '../sim/types.ts';
import type { ZabEvent } from '../zab/events.ts';
import { Findings, memoByTrace, type Trace } from './verdict.ts';
import { epochOf, insertSorted, parseZxid, predecessor, upperBound, zxidText, type Zxid } from './zxid.ts';

export const ZAB_PROPERTIES = [
  'integrity',
  'total-order',
  'agreement',
  'local-primary-order',
  'global-primary-order',
  'primary-integrity',
  'leadership',
  'election',
  'committed-durable',
  'epochs',
] as const;

export type ZabProperty = (typeof ZAB_PROPERTIES)[number];

/** One Zab protocol event with where it happened. */
export interface ZabFact {
  readonly at: number;
  readonly node: NodeId;
  readonly event: ZabEvent;
  /** The event's zxid, parsed (for events that carry one). */
  readonly zxid: Zxid | undefined;
}

export interface Proposal {
  readonly leader: NodeId;
  readonly txn: string;
  readonly at: number;
}

export interface ZabDigest {
  readonly facts: readonly ZabFact[];
  /** Servers that reported any Zab event, in order of first appearance. */
  readonly servers: readonly NodeId[];
  readonly proposals: ReadonlyMap<Zxid, Proposal>;
  /** Explicit commits (`zab.commit`), first one per zxid. */
  readonly commits: ReadonlyMap<Zxid, { readonly leader: NodeId; readonly at: number }>;
  /** Every committed zxid (explicit, by establishment, or by closure), sorted. */
  readonly committed: readonly Zxid[];
  readonly committedSet: ReadonlySet<Zxid>;
  /** Trace index at which each zxid became committed (its COMMIT, its epoch's establishment, or the delivery that implied it). */
  readonly committedAt: ReadonlyMap<Zxid, number>;
  /** The first delivery of each zxid anywhere. */
  readonly firstDelivery: ReadonlyMap<Zxid, { readonly node: NodeId; readonly at: number; readonly txn: string }>;
  /** Every delivery, in trace order. */
  readonly deliveries: readonly { readonly node: NodeId; readonly zxid: Zxid; readonly at: number }[];
  /** "0x100000003 (create /a)": a zxid with the txn it carries, as far as known. */
  describe(z: Zxid): string;
  readonly findings: ReadonlyMap<ZabProperty, Findings>;
  /** What each server holds at the end of the trace. */
  readonly final: ReadonlyMap<NodeId, FinalHolding>;
}

export interface FinalHolding {
  holds(z: Zxid): boolean;
  /** The first delivered entry above `z` (the delivery that went past it), if any. */
  firstAbove(z: Zxid): { readonly zxid: Zxid; readonly at: number } | undefined;
}

/** What one server holds, replayed from its events. */
/** Whether txn `x` is in the history that ends at `end` (a snapshot's contents). */
type InHistory = (x: Zxid, end: Zxid) => boolean;

class Holding {
  /** Delivered zxids, sorted. The history that ends at `base` is held too (a snapshot). */
  readonly entries: Zxid[] = [];
  readonly txns = new Map<Zxid, string>();
  readonly deliveredAt = new Map<Zxid, number>();
  base = 0n;
  accepted = -1;
  current = -1;
  /** The epoch this server last proposed in (to spot a leader's first proposal of an epoch). */
  proposingEpoch = -1;
  /** The Zab phase it last reported. */
  phase = 'ELECTION';
  /** Its latest FLE proposal. */
  vote: { round: number; leader: string; zxid: Zxid; peerEpoch: number } | null = null;

  max(): Zxid {
    const last = this.entries[this.entries.length - 1];
    return last !== undefined && last > this.base ? last : this.base;
  }

  /** Held: delivered and not truncated, or inside the snapshot it installed. */
  holds(z: Zxid, inHistory: InHistory): boolean {
    return this.txns.has(z) || (z <= this.base && inHistory(z, this.base));
  }

  deliver(z: Zxid, txn: string, at: number): void {
    if (insertSorted(this.entries, z)) {
      this.txns.set(z, txn);
      this.deliveredAt.set(z, at);
    }
  }

  /** Drop every delivered entry above `z`; a snapshot stays (3.8 truncates the log only). */
  truncate(z: Zxid): void {
    for (const d of this.entries.splice(upperBound(this.entries, z))) {
      this.txns.delete(d);
      this.deliveredAt.delete(d);
    }
  }

  /** The state becomes the history that ends at `z`. */
  snapshot(z: Zxid): void {
    this.entries.length = 0;
    this.txns.clear();
    this.deliveredAt.clear();
    this.base = z;
  }
}

/** A server id's number (`s3` → 3), as FLE compares sids. */
function sidOf(id: string): number {
  const m = /(\d+)$/.exec(id);
  return m === null ? -1 : Number(m[1]);
}

/** FLE's `totalOrderPredicate`: peerEpoch, then zxid, then server id. */
function beats(a: { leader: string; zxid: Zxid; peerEpoch: number }, b: { leader: string; zxid: Zxid; peerEpoch: number }): boolean {
  if (a.peerEpoch !== b.peerEpoch) return a.peerEpoch > b.peerEpoch;
  if (a.zxid !== b.zxid) return a.zxid > b.zxid;
  return sidOf(a.leader) > sidOf(b.leader);
}

function isZabEvent(event: { type: string }): event is ZabEvent {
  return event.type.startsWith('zab.');
}

/** A restarted server starts over in ELECTION (whether or not it says so). */
const RESTARTED: ZabEvent = { type: 'zab.state', state: 'LOOKING', phase: 'ELECTION', epoch: -1 };

function collectFacts(trace: Trace): ZabFact[] {
  const facts: ZabFact[] = [];
  const zabNodes = new Set<NodeId>();
  for (const e of trace) if (e.kind === 'protocol' && isZabEvent(e.event)) zabNodes.add(e.node);
  for (const e of trace) {
    if (e.kind === 'restart' && zabNodes.has(e.node)) {
      facts.push({ at: e.index, node: e.node, event: RESTARTED, zxid: undefined });
      continue;
    }
    if (e.kind !== 'protocol' || !isZabEvent(e.event)) continue;
    const ev = e.event;
    const zxid = 'zxid' in ev ? parseZxid(ev.zxid) : undefined;
    facts.push({ at: e.index, node: e.node, event: ev, zxid });
  }
  return facts;
}

/** Replays the servers' holdings, calling `visit` before each fact changes them. */
function walk(facts: readonly ZabFact[], visit: (f: ZabFact, h: Holding, all: Map<NodeId, Holding>) => void): Map<NodeId, Holding> {
  const all = new Map<NodeId, Holding>();
  for (const f of facts) {
    let h = all.get(f.node);
    if (h === undefined) all.set(f.node, (h = new Holding()));
    visit(f, h, all);
    const ev = f.event;
    switch (ev.type) {
      case 'zab.deliver':
        if (f.zxid !== undefined) h.deliver(f.zxid, ev.txn, f.at);
        break;
      case 'zab.truncate':
        if (f.zxid !== undefined) h.truncate(f.zxid);
        break;
      case 'zab.snapshot':
        if (f.zxid !== undefined) h.snapshot(f.zxid);
        break;
      case 'zab.epoch':
        h.accepted = ev.accepted;
        h.current = ev.current;
        break;
      case 'zab.state':
        h.phase = ev.phase;
        // Each stretch of LOOKING is one run of lookForLeader: its first vote starts afresh.
        if (ev.state === 'LOOKING') h.vote = null;
        break;
      default:
        break;
    }
  }
  return all;
}

function digestZab(trace: Trace): ZabDigest {
  const facts = collectFacts(trace);
  const findings = new Map<ZabProperty, Findings>(ZAB_PROPERTIES.map((p) => [p, new Findings()]));
  const find = (p: ZabProperty, at: number, msg: string): void => findings.get(p)!.add(at, msg);

  const servers: NodeId[] = [];
  const proposals = new Map<Zxid, Proposal>();
  const proposalsByEpoch = new Map<number, Zxid[]>();
  const commits = new Map<Zxid, { leader: NodeId; at: number }>();
  const texts = new Map<Zxid, string>();
  const firstDelivery = new Map<Zxid, { node: NodeId; at: number; txn: string }>();
  const deliveries: { node: NodeId; zxid: Zxid; at: number }[] = [];
  const committed = new Set<Zxid>();
  const committedAt = new Map<Zxid, number>();
  const commit = (z: Zxid, at: number): void => {
    if (committed.has(z)) return;
    committed.add(z);
    committedAt.set(z, at);
  };
  const establishedBy = new Map<number, { node: NodeId; at: number }>();
  const observers = new Set<NodeId>();
  const voters = new Set<NodeId>();
  /** Where each established epoch's initial history ends (first establishment only). */
  const initialEnd = new Map<number, Zxid>();
  const inHistory: InHistory = (x, end) => {
    for (let z = end; ; ) {
      if (x > z) return false;
      const e = epochOf(z);
      // Same epoch: the leader appended its proposals in order, so every one up to z is in.
      if (epochOf(x) === e) return proposals.has(x);
      const below = initialEnd.get(e);
      // An epoch whose initial history is unknown (a hand-made trace): fall back to "committed".
      if (below === undefined || epochOf(below) >= e) return committed.has(x);
      z = below;
    }
  };
  const describe = (z: Zxid): string => {
    const t = texts.get(z);
    return t === undefined ? zxidText(z) : `${zxidText(z)} (${t})`;
  };

  // ---- pass 1: proposals, commits, establishment, epochs, leadership -----------------------
  for (const f of facts) {
    if (!servers.includes(f.node)) servers.push(f.node);
    if (f.event.type === 'zab.state') {
      if (f.event.state === 'OBSERVING') observers.add(f.node);
      else voters.add(f.node);
    }
  }
  for (const o of observers) voters.delete(o);

  walk(facts, (f, h) => {
    const ev = f.event;
    const z = f.zxid;
    switch (ev.type) {
      case 'zab.propose':
        if (z === undefined) break;
        if (!proposals.has(z)) {
          proposals.set(z, { leader: f.node, txn: ev.txn, at: f.at });
          let list = proposalsByEpoch.get(epochOf(z));
          if (list === undefined) proposalsByEpoch.set(epochOf(z), (list = []));
          insertSorted(list, z);
        }
        if (!texts.has(z)) texts.set(z, ev.txn);
        break;
      case 'zab.deliver':
        if (z === undefined) break;
        if (!texts.has(z)) texts.set(z, ev.txn);
        if (!firstDelivery.has(z)) firstDelivery.set(z, { node: f.node, at: f.at, txn: ev.txn });
        deliveries.push({ node: f.node, zxid: z, at: f.at });
        break;
      case 'zab.commit':
        if (z !== undefined && !commits.has(z)) {
          commits.set(z, { leader: f.node, at: f.at });
          commit(z, f.at);
        }
        break;
      case 'zab.established': {
        // A quorum that ACKed NEWLEADER commits the leader's initial history (DSN 2011 §IV, phase 2;
        // `Leader.waitForNewLeaderAck`).
        const end = parseZxid(ev.zxid);
        if (end === undefined) {
          for (const e of h.entries) commit(e, f.at);
        } else {
          if (!initialEnd.has(ev.epoch)) initialEnd.set(ev.epoch, end);
          for (const x of proposals.keys()) if (x <= end && inHistory(x, end)) commit(x, f.at);
        }
        const prior = establishedBy.get(ev.epoch);
        if (prior !== undefined && prior.node !== f.node) {
          find('leadership', f.at, `both ${prior.node} (#${prior.at}) and ${f.node} (#${f.at}) established epoch ${ev.epoch}: at most one leader per epoch`);
        } else if (prior === undefined) establishedBy.set(ev.epoch, { node: f.node, at: f.at });
        const members = new Set([...voters, ...ev.quorum.filter((q) => !observers.has(q))]);
        const inQuorum = new Set(ev.quorum.filter((q) => !observers.has(q)));
        if (inQuorum.size * 2 <= members.size) {
          find('leadership', f.at, `${f.node} established epoch ${ev.epoch} with {${[...inQuorum].join(', ')}}, which is not a quorum of the ${members.size} voters`);
        }
        break;
      }
      case 'zab.vote': {
        const next = { round: ev.round, leader: ev.leader, zxid: parseZxid(ev.zxid) ?? 0n, peerEpoch: ev.peerEpoch };
        const prev = h.vote;
        h.vote = next;
        if (prev === null || prev.round !== next.round || prev.leader === '' || next.leader === '') break;
        const same = prev.leader === next.leader && prev.zxid === next.zxid && prev.peerEpoch === next.peerEpoch;
        if (!same && !beats(next, prev)) {
          find(
            'election',
            f.at,
            `${f.node} switched its vote in round ${next.round} from ${prev.leader} (epoch ${prev.peerEpoch}, ${zxidText(prev.zxid)}) to ${next.leader} (epoch ${next.peerEpoch}, ${zxidText(next.zxid)}), which is not a better vote`,
          );
        }
        break;
      }
      case 'zab.epoch': {
        if (ev.accepted < ev.current) {
          find('epochs', f.at, `${f.node} has acceptedEpoch ${ev.accepted} below currentEpoch ${ev.current}`);
        }
        if (h.accepted >= 0 && ev.accepted < h.accepted) {
          find('epochs', f.at, `${f.node}'s acceptedEpoch went down from ${h.accepted} to ${ev.accepted}`);
        }
        if (h.current >= 0 && ev.current < h.current) {
          find('epochs', f.at, `${f.node}'s currentEpoch went down from ${h.current} to ${ev.current}`);
        }
        break;
      }
      default:
        break;
    }
  });

  // ---- pass 2: closure (Zab commits in order: what a server held below a committed txn it
  // delivered is committed too) ----------------------------------------------------------------
  for (let changed = true; changed; ) {
    changed = false;
    walk(facts, (f, h) => {
      if (f.event.type !== 'zab.deliver' || f.zxid === undefined || !committed.has(f.zxid)) return;
      for (let i = upperBound(h.entries, f.zxid) - 1; i >= 0; i--) {
        const e = h.entries[i]!;
        if (e === f.zxid) continue;
        if (committed.has(e)) break;
        commit(e, f.at);
        changed = true;
      }
    });
  }
  const committedSorted = [...committed].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const commitsSorted = [...commits.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  // ---- pass 3: the delivery properties ------------------------------------------------------
  const final = walk(facts, (f, h) => {
    const ev = f.event;
    const z = f.zxid;
    if (z === undefined) return;
    switch (ev.type) {
      case 'zab.deliver': {
        const p = proposals.get(z);
        if (p === undefined) {
          find('integrity', f.at, `${f.node} delivered ${zxidText(z)} (${ev.txn}), which no leader proposed`);
        } else if (p.at > f.at) {
          find('integrity', f.at, `${f.node} delivered ${zxidText(z)} (${ev.txn}) before ${p.leader} proposed it (#${p.at})`);
        } else if (p.txn !== ev.txn) {
          find('integrity', f.at, `${f.node} delivered ${zxidText(z)} as (${ev.txn}) but ${p.leader} proposed it as (${p.txn})`);
        }
        const first = firstDelivery.get(z);
        if (first !== undefined && first.node !== f.node && first.txn !== ev.txn) {
          find('agreement', f.at, `${f.node} delivered ${zxidText(z)} (${ev.txn}) but ${first.node} delivered ${zxidText(z)} (${first.txn})`);
        }
        const held = h.txns.get(z);
        if (held !== undefined) {
          if (held !== ev.txn) find('agreement', f.at, `${f.node} delivered ${zxidText(z)} (${ev.txn}) but had already delivered ${zxidText(z)} (${held})`);
          return; // a replay of what it holds
        }
        if (z <= h.base) return; // covered by its snapshot: a replay
        const max = h.max();
        if (z < max) {
          if (epochOf(z) < epochOf(max)) {
            find('global-primary-order', f.at, `${f.node} delivered ${describe(z)} of epoch ${epochOf(z)} after ${describe(max)} of epoch ${epochOf(max)}`);
          } else {
            find('total-order', f.at, `${f.node} delivered ${describe(z)} after ${describe(max)}: deliveries must follow zxid order`);
          }
        }
        if (committed.has(z)) {
          const a = predecessor(committedSorted, z);
          if (a !== undefined && !h.holds(a, inHistory)) {
            const who = firstDelivery.get(a);
            const before = who !== undefined && who.at < f.at ? `, which ${who.node} delivered before it` : ', which is committed before it';
            find('total-order', f.at, `${f.node} delivered ${describe(z)} without ${describe(a)}${before}`);
          }
        }
        const sameEpoch = proposalsByEpoch.get(epochOf(z));
        if (sameEpoch !== undefined) {
          const a = predecessor(sameEpoch, z);
          if (a !== undefined && !h.holds(a, inHistory)) {
            const pa = proposals.get(a)!;
            find('local-primary-order', f.at, `${pa.leader} proposed ${describe(a)} before ${describe(z)} in epoch ${epochOf(z)}, but ${f.node} delivered ${zxidText(z)} without it`);
          }
        }
        const c = predecessor(commitsSorted, z);
        if (c !== undefined && !h.holds(c, inHistory)) {
          const ci = commits.get(c)!;
          if (ci.at < f.at) {
            find('committed-durable', f.at, `${f.node} delivered ${describe(z)} without ${describe(c)}, which ${ci.leader} had committed (#${ci.at})`);
          }
        }
        break;
      }
      case 'zab.propose': {
        const e = epochOf(z);
        if (h.proposingEpoch === e) return;
        h.proposingEpoch = e;
        const limit = BigInt(e) << 32n;
        for (const b of committedSorted) {
          if (b >= limit) break;
          if (h.holds(b, inHistory)) continue;
          const who = firstDelivery.get(b);
          const by = who !== undefined ? `, which ${who.node} delivered` : ', which is committed';
          find('primary-integrity', f.at, `${f.node} began proposing in epoch ${e} (${describe(z)}) without ${describe(b)} of epoch ${epochOf(b)}${by}`);
          break;
        }
        break;
      }
      case 'zab.truncate': {
        const above = h.entries.slice(upperBound(h.entries, z));
        for (const d of above) {
          const ci = commits.get(d);
          if (ci === undefined || ci.at > f.at) continue;
          find('committed-durable', f.at, `${f.node} truncated its log to ${zxidText(z)}, dropping ${describe(d)}, which ${ci.leader} had committed (#${ci.at})`);
          break;
        }
        break;
      }
      default:
        break;
    }
  });

  // ---- agreement at the end: no two servers' committed histories diverge --------------------
  const holdings = [...final.entries()];
  const committedHeld = holdings.map(([node, h]) => ({ node, h, held: h.entries.filter((e) => committed.has(e)) }));
  for (let i = 0; i < committedHeld.length; i++) {
    for (let j = i + 1; j < committedHeld.length; j++) {
      const p = committedHeld[i]!;
      const q = committedHeld[j]!;
      const a = p.held.find((e) => !q.h.holds(e, inHistory));
      const b = q.held.find((e) => !p.h.holds(e, inHistory));
      if (a !== undefined && b !== undefined) {
        const at = Math.max(p.h.deliveredAt.get(a) ?? 0, q.h.deliveredAt.get(b) ?? 0);
        find('agreement', at, `${p.node} delivered ${describe(a)} and ${q.node} delivered ${describe(b)}, but neither delivered the other's: their histories diverge`);
      }
    }
  }

  return {
    facts,
    servers,
    proposals,
    commits,
    committed: committedSorted,
    committedSet: committed,
    committedAt,
    firstDelivery,
    deliveries,
    describe,
    findings,
    final: new Map(
      holdings.map(([node, h]) => [
        node,
        {
          holds: (z: Zxid) => h.holds(z, inHistory),
          firstAbove: (z: Zxid) => {
            const e = h.entries[upperBound(h.entries, z)];
            return e === undefined ? undefined : { zxid: e, at: h.deliveredAt.get(e) ?? 0 };
          },
        },
      ]),
    ),
  };
}

/** The Zab digest of a trace (computed once per trace and cached). */
export const zabDigest: (trace: Trace) => ZabDigest = memoByTrace(digestZab);
