/**
 * Narration: what happened, in plain words, for the sentence under a lab's picture and the
 * live region that screen-reader users follow. Every trace event kind and every protocol
 * event a server or client reports has a sentence (`tellEvent`); none shows an internal
 * name (`zab.deliver`, `txn.apply`, a timer's id): a reader hears "s3 applies 1:4
 * (setData /config) to its tree", and zxids read as epoch:counter.
 *
 * What a position says is a pure function of (trace, step start, position) — `narrationAt`
 * tells the step that ends at the position: what set it off, and what in it matters — so a
 * reader who steps to a moment and one who opens a link to it read the same words.
 * `narrate` tells only what matters over a longer stretch (while a lab plays).
 *
 * Faults are told in the kernel's words (`tellFault`, beside the fault language's printer).
 * Imports the kernel's trace types and fault language, the server's and the client's typed
 * trace contracts and their words for messages, commands and outcomes (so no request shapes
 * or error codes here), message info and the zxid formatter; no DOM.
 */

import { faultOfEvent, tellFault } from '../../playground/sim/faults.ts';
import type { TraceEvent } from '../../playground/sim/trace.ts';
import { commandWords, outputWords } from '../../playground/client/events.ts';
import type { ServerEvent } from '../../playground/zk/events.ts';
import { traced, type Traced } from './traced.ts';
import { outcomeOf, wireWords } from '../../playground/zk/wire-words.ts';
import { messageInfo } from './message-info.ts';
import { shortZxid } from './txn-log-model.ts';

/** How much a sentence matters: 3 a change of role, a fault, a session's fate; 2 the life of a transaction; 1 plumbing. */
export type Weight = 1 | 2 | 3;

export interface Told {
  readonly text: string;
  readonly weight: Weight;
}

const told = (text: string, weight: Weight): Told => ({ text, weight });

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const zx = (v: unknown): string => shortZxid(str(v));
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A zab packet's meaning, after its name (the book uses ZooKeeper's packet names). */
const PACKET: Readonly<Record<string, string>> = {
  FOLLOWERINFO: 'FOLLOWERINFO (it asks to follow, with its epoch)',
  OBSERVERINFO: 'OBSERVERINFO (it asks to observe, with its epoch)',
  LEADERINFO: 'LEADERINFO (the new epoch)',
  ACKEPOCH: 'ACKEPOCH (it accepts the new epoch, with its last zxid)',
  NEWLEADER: 'NEWLEADER (the history it must hold)',
  UPTODATE: 'UPTODATE (it may start serving)',
  DIFF: 'DIFF (the transactions it lacks follow)',
  TRUNC: 'TRUNC (it must cut its log back)',
  SNAP: 'SNAP (a whole snapshot follows)',
  PING: 'a PING',
  REQUEST: 'a REQUEST (a write forwarded to the leader)',
  REVALIDATE: 'REVALIDATE (is this session still alive?)',
  SYNC: 'SYNC (a sync, forwarded to the leader)',
  REFUSED: 'REFUSED (it will not lead it)',
};

interface AnyMsg {
  readonly type?: string;
  readonly kind?: string;
  readonly zxid?: unknown;
  readonly leader?: unknown;
  readonly electionEpoch?: unknown;
}

/** A message in words: "a vote for s5", "PROPOSAL 1:4", "a getData /config request". */
export function messagePhrase(msg: unknown): string {
  const m = (msg ?? {}) as AnyMsg;
  const info = messageInfo(msg);
  if (m.type === 'NOTIFICATION') return m.leader === null || m.leader === undefined ? "an observer's empty vote" : `a vote for ${str(m.leader)} (round ${str(m.electionEpoch)})`;
  if (typeof m.type === 'string') {
    if (info.zxid !== null) return `${m.type} ${shortZxid(info.zxid)}`;
    return PACKET[m.type] ?? m.type;
  }
  const w = wireWords(msg);
  switch (w?.kind) {
    case 'connect':
      return 'a session request (ConnectRequest)';
    case 'connectResponse':
      return 'the answer to a session request (ConnectResponse)';
    case 'ping':
      return 'a session ping';
    case 'request':
      return `a ${w.op}${w.path ? ` ${w.path}` : ''} request`;
    case 'pingReply':
      return 'a ping reply';
    case 'reply':
      return `a reply${w.outcome !== 'OK' ? ` (${w.outcome})` : ''}`;
    case 'notification':
      return `a watch event (${w.event}${w.path ? ` ${w.path}` : ''})`;
    default:
      return 'a message';
  }
}

const DROP_REASON: Readonly<Record<string, string>> = {
  'no-connection': 'there was no connection to carry it',
  'not-connected': 'the connection was still opening',
  closed: 'the connection closed first',
  broken: 'the connection broke',
  partition: 'the partition broke the connection',
  crash: 'one end crashed',
  'node-down': 'it was down',
};

const CONNECT_FAIL: Readonly<Record<string, string>> = {
  refused: 'nobody is listening there',
  timeout: 'it timed out',
  crash: 'one end crashed',
  broken: 'the connection broke',
  closed: 'it was closed before it opened',
};

const DISCONNECT: Readonly<Record<string, string>> = {
  'closed-by-peer': 'the other end closed it',
  broken: 'it broke',
  partition: 'the partition broke it',
  crash: 'the other end crashed',
};

/** What a timer firing means, by its name (ZooKeeper's, not the reader's, vocabulary). */
function timerSentence(node: string, name: string): string {
  switch (name) {
    case 'fle.timeout':
      return `${node} has heard no new votes for a while and sends its vote again.`;
    case 'fle.finalize':
      return `${node} has waited long enough for a better vote: it settles its election.`;
    case 'leader.ping':
      return `${node}, the leader, pings its followers (and checks that a quorum still answers).`;
    case 'learner.timeout':
      return `${node} checks that it has heard from its leader lately.`;
    case 'learner.retry':
      return `${node} tries again to reach the leader.`;
    case 'ping':
      return `${node} pings its server to keep its session alive.`;
    case 'reconnect':
      return `${node} tries to connect again.`;
    case 'connectTimeout':
      return `${node} gives up waiting for its connection to open.`;
    case 'readTimeout':
      return `${node} checks that it has heard from its server lately.`;
    default:
      return `A timer of ${node}'s fires.`;
  }
}

function stateSentence(node: string, ev: Extract<Traced, { type: 'zab.state' }>): Told {
  const st = str(ev.state);
  const phase = str(ev.phase);
  const epoch = str(ev.epoch);
  if (st === 'LOOKING') return told(`${node} is LOOKING: it votes for a leader.`, 3);
  if (phase === 'DISCOVERY') return told(st === 'LEADING' ? `${node} will lead: it gathers its followers and picks a new epoch.` : `${node} starts discovery: it tells the leader the last epoch it accepted.`, 3);
  if (phase === 'SYNCHRONIZATION') return told(st === 'LEADING' ? `${node} brings its followers up to date.` : `${node} is being brought up to date by its leader.`, 2);
  if (phase === 'BROADCAST') {
    const verb = st === 'LEADING' ? 'leads' : st === 'OBSERVING' ? 'observes' : 'follows';
    return told(`${node} ${verb} in epoch ${epoch} and serves clients.`, 3);
  }
  return told(`${node} is ${st}.`, 2);
}

function clientStateSentence(node: string, ev: Extract<Traced, { type: 'client.state' }>): Told {
  const st = str(ev.state);
  switch (st) {
    case 'CONNECTED':
      return told(`${node} is CONNECTED (session ${str(ev.session)}).`, 3);
    case 'CONNECTING':
      return told(`${node} is CONNECTING to a server.`, 1);
    case 'CLOSED':
      return told(`${node}'s session is closed.`, 3);
    case 'EXPIRED':
    case 'EXPIRED_SESSION':
      return told(`${node} learns that its session expired.`, 3);
    default:
      return told(`${node} is now ${st.toLowerCase().replace(/_/g, ' ')}.`, 2);
  }
}

/** One protocol fact, in words. */
function protocolSentence(node: string, event: { readonly type: string }): Told {
  const ev = traced(event);
  switch (ev.type) {
    case 'zab.state':
      return stateSentence(node, ev);
    case 'zab.vote':
      return told(`${node} now votes for ${str(ev.leader)} (zxid ${zx(ev.zxid)}, round ${str(ev.round)}).`, 1);
    case 'zab.elected':
      return told(str(ev.leader) === node ? `${node} won the election.` : `${node} will follow ${str(ev.leader)}.`, 3);
    case 'zab.epoch':
      return told(`${node} records on disk that it accepted epoch ${str(ev.accepted)}${ev.current !== ev.accepted ? ` (its current epoch is ${str(ev.current)})` : ''}.`, 1);
    case 'zab.sync':
      return told(`${node} brings ${str(ev.follower)} up to date with ${str(ev.mode)}${ev.fromDisk === true ? ', reading the missing transactions from its log on disk' : ''}.`, 2);
    case 'zab.established':
      return told(`Epoch ${str(ev.epoch)} is established: a quorum (${(ev.quorum as string[] | undefined)?.join(', ') ?? ''}) accepted ${node} as leader, and everything up to ${zx(ev.zxid)} is committed.`, 3);
    case 'zab.propose':
      return told(`${node} proposes ${zx(ev.zxid)}: ${str(ev.txn)}.`, 2);
    case 'zab.log':
      return told(`${node} writes ${zx(ev.zxid)} to its log on disk.`, 1);
    case 'zab.commit':
      return told(`${node} commits ${zx(ev.zxid)}: a quorum acknowledged it.`, 2);
    case 'zab.deliver':
      return told(`${node} applies ${zx(ev.zxid)} (${str(ev.txn)}) to its tree.`, 2);
    case 'zab.truncate':
      return told(`${node} cuts its log back to ${zx(ev.zxid)}: what came after was never committed.`, 3);
    case 'zab.snapshot':
      return told(`${node} replaces its tree with the leader's snapshot as of ${zx(ev.zxid)}.`, 3);
    case 'zab.shutdown':
      return told(`${node} gives up its role (${str(ev.reason)}).`, 3);
    case 'zab.learner.closed':
      return told(`${node} drops follower ${str(ev.follower)} (${str(ev.reason)}).`, 2);
    case 'zab.error':
      return told(`${node} cannot start: ${str(ev.reason)}.`, 3);
    case 'server.exit':
      return told(`${node}'s process exits (code ${str(ev.code)}): ${str(ev.reason)}.`, 3);
    case 'server.start':
      return told(`${node} loads its data from disk: ${str(ev.replayed ?? 0)} logged transactions replayed, last zxid ${zx(ev.zxid)}.`, 1);
    case 'snapshot':
      return told(`${node} saves a snapshot of its tree as of ${zx(ev.zxid)}.`, 1);
    case 'txn.apply':
      return applySentence(node, ev);
    case 'cnxn.notServing':
      return told(`${node} turns ${str(ev.peer)} away: it is ${str(ev.state)}, not serving clients.`, 2);
    case 'session.create':
      return told(`${node} opens session ${str(ev.session)} (timeout ${str(ev.timeout)} ms).`, 2);
    case 'session.established':
      return told(`${node} accepts ${str(ev.peer)}'s session ${str(ev.session)}.`, 2);
    case 'session.invalid':
      return told(`${node} tells ${str(ev.peer)} its session ${str(ev.session)} is no longer valid.`, 3);
    case 'session.missing':
      return told(`${node} drops ${str(ev.peer)}'s ${str(ev.dropped ?? 'request')} unanswered: session ${str(ev.session)} is gone or closing.`, 3);
    case 'session.close':
      return told(`${node} closes session ${str(ev.session)}${(ev.deleted as string[] | undefined)?.length ? `; its ephemerals go: ${(ev.deleted as string[]).join(', ')}` : ''}.`, 2);
    case 'session.expire':
      return told(`${node} expires session ${str(ev.session)}: it heard nothing from it within its timeout.`, 3);
    case 'session.refused':
      return told(
        `${node} turns ${str(ev.peer)} away: the client has seen ${zx(ev.clientZxid)}, newer than anything ${node} has applied (${zx(ev.serverZxid)}), so it must try another server.`,
        3,
      );
    case 'session.moved':
      return told(`${node} refuses a ${str(ev.op)} that arrived after its session moved to another server (SESSIONMOVED)${ev.peer !== undefined ? ` and closes ${str(ev.peer)}'s connection` : ''}.`, 3);
    case 'watch.fire':
      return told(`${node} fires a watch: ${str(ev.event)} ${str(ev.path)} to ${str(ev.peer)}.`, 3);
    case 'watch.withheld':
      return told(`${node} withholds a watch event (${str(ev.event)} ${str(ev.path)}): the session may not read that znode.`, 2);
    case 'auth.failed':
      return told(`${node} rejects ${str(ev.peer)}'s credentials (${str(ev.scheme)}).`, 3);
    case 'client.state':
      return clientStateSentence(node, ev);
    case 'client.connectionLost':
      return told(`${node} lost its connection to ${str(ev.server)} (${str(ev.reason)}).`, 3);
    case 'client.readTimeout':
      return told(`${node} has heard nothing from ${str(ev.server)} for ${str(ev.readTimeout)} ms: it gives up on that connection.`, 3);
    case 'client.expired':
      return told(`${node} learns that its session ${str(ev.session)} expired.`, 3);
    default:
      return told(UNKNOWN_PROTOCOL(node), 1);
  }
}

/** The sentence for a protocol fact this file has no words for yet (a test keeps it unused). */
export const UNKNOWN_PROTOCOL = (node: string): string => `${node} takes a step of its protocol.`;

/** A transaction applied to a server's tree, and how it ended. */
function applySentence(node: string, ev: Extract<ServerEvent, { type: 'txn.apply' }>): Told {
  const outcome = outcomeOf(ev.err);
  return told(`${node}'s tree changes: ${ev.txn === 'error' ? 'a failed transaction' : ev.txn}${ev.path ? ` ${ev.path}` : ''}${outcome !== 'OK' ? ` (${outcome})` : ''}.`, 1);
}

/** The call a reply answers: the application's call with the same request id, looked for nearby. */
function callOf(trace: readonly TraceEvent[] | undefined, e: TraceEvent, reqId: number): string {
  if (trace === undefined) return 'a call';
  for (let i = e.index - 1; i >= 0 && i >= e.index - 20_000; i--) {
    const r = trace[i]!;
    if (r.kind === 'request' && r.node === (e as { node: string }).node) {
      const c = commandWords(r.value);
      if (c?.kind === 'call' && c.reqId === reqId) return `${c.op}${c.path ? ` ${c.path}` : ''}`;
      if (c?.kind === 'close' && c.reqId === reqId) return 'close';
    }
  }
  return 'a call';
}

function requestSentence(node: string, value: unknown): Told {
  const c = commandWords(value);
  switch (c?.kind) {
    case 'connect':
      return told(`${node}'s application opens a ZooKeeper session (timeout ${str(c.sessionTimeoutMs)} ms).`, 2);
    case 'call':
      return told(`${node}'s application calls ${c.op}${c.path ? ` ${c.path}` : ''}.`, 2);
    case 'close':
      return told(`${node}'s application closes its session.`, 2);
    case 'addAuthInfo':
      return told(`${node}'s application adds credentials.`, 2);
    case 'dropConnection':
      return told(`${node}'s connection is dropped.`, 2);
    default:
      return told(`${node} is asked to act by its application.`, 1);
  }
}

function outputSentence(trace: readonly TraceEvent[] | undefined, e: Extract<TraceEvent, { kind: 'output' }>): Told {
  const o = outputWords(e.value);
  switch (o?.kind) {
    case 'reply': {
      const call = callOf(trace, e, o.reqId);
      return told(o.outcome !== 'OK' ? `${e.node}'s ${call} fails with ${o.outcome}.` : `${e.node}'s ${call} returns OK.`, 2);
    }
    case 'event':
      return o.type === 'None'
        ? told(`${e.node}'s application hears that it is ${str(o.state)}.`, 1)
        : told(`${e.node}'s watcher is told: ${o.type}${o.path ? ` ${o.path}` : ''}.`, 3);
    case 'state':
      return told(`${e.node}'s application sees state ${str(o.state)}.`, 1);
    default:
      return told(`${e.node} reports to its application.`, 1);
  }
}

/**
 * Every event, in words, with its weight. `trace` lets a reply name the call it answers;
 * without it the sentence says "a call".
 */
export function tellEvent(e: TraceEvent, trace?: readonly TraceEvent[]): Told {
  const fault = faultOfEvent(e);
  if (fault !== null) return told(tellFault(fault), 3);
  switch (e.kind) {
    case 'start':
      return told(`${e.node} starts.`, 2);
    case 'break':
      return told(`The connection between ${e.a} and ${e.b} broke: the partition outlasted its keepalive.`, 3);
    case 'thaw':
      return told(`${e.node}'s host runs again: it takes in what arrived while it was frozen, then its overdue timers fire.`, 3);
    case 'send':
      return told(`${e.from} sends ${messagePhrase(e.msg)} to ${e.to}.`, 1);
    case 'deliver':
      return told(`${e.to} receives ${messagePhrase(e.msg)} from ${e.from}.`, 1);
    case 'drop':
      return told(`${capital(messagePhrase(e.msg))} to ${e.to} is lost: ${DROP_REASON[e.reason] ?? 'it never arrives'}.`, 2);
    case 'hold': {
      const sent = trace?.[e.sendIndex];
      return told(`${capital(messagePhrase(sent?.kind === 'send' ? sent.msg : undefined))} from ${e.from} waits: ${e.to} cannot be reached right now.`, 2);
    }
    case 'release':
      return told(`A message from ${e.from} to ${e.to} that was held can go on; it arrives at ${e.deliverAt} ms.`, 1);
    case 'connect':
      return told(e.note ? `${e.from} tries to connect to ${e.to}, but ${e.note}.` : `${e.from} opens a connection to ${e.to}.`, 1);
    case 'connected':
      return told(`${e.node} and ${e.peer} are connected.`, 1);
    case 'connectFailed':
      return told(`${e.node} cannot connect to ${e.peer}: ${CONNECT_FAIL[e.reason] ?? 'it failed'}.`, 1);
    case 'close':
      return told(`${e.node} closes its connection to ${e.peer}.`, 1);
    case 'disconnected':
      return told(`${e.node}'s connection to ${e.peer} is gone: ${DISCONNECT[e.reason] ?? 'it closed'}.`, 2);
    case 'timer':
      return told(timerSentence(e.node, e.name), 1);
    case 'wake':
      return told(wakeSentence(e.label), 1);
    case 'request':
      return requestSentence(e.node, e.value);
    case 'output':
      return outputSentence(trace, e);
    case 'protocol':
      return protocolSentence(e.node, e.event);
    default:
      return told('Something happens.', 1);
  }
}

/** `sim.at` labels: a client's workload waking ("c1 write") or the scenario's own ("clients connect"). */
function wakeSentence(label: string): string {
  const m = /^([a-z]\w*\d) (.+)$/.exec(label);
  if (m) return `${m[1]}'s application wakes up (${m[2]}).`;
  return `Scheduled: ${label}.`;
}

/** One sentence for an event when it matters (weight 2 or more), else null. */
export function narrateEvent(e: TraceEvent, trace?: readonly TraceEvent[]): string | null {
  const t = tellEvent(e, trace);
  return t.weight >= 2 ? t.text : null;
}

/** Sentences that matter for events [from, to), at most `max` (the latest), oldest first. */
export function narrate(trace: readonly TraceEvent[], from: number, to: number, max = 4): string[] {
  const out: string[] = [];
  for (let i = Math.min(to, trace.length) - 1; i >= Math.max(0, from) && out.length < max; i--) {
    const s = narrateEvent(trace[i]!, trace);
    if (s !== null) out.push(s);
  }
  return out.reverse();
}

/** Consecutive sends of one message from one node, told once: "s5 sends COMMIT 1:4 to s1, s2 and s3." */
function mergeSends(events: readonly TraceEvent[], trace: readonly TraceEvent[]): { e: TraceEvent; text: string; weight: Weight }[] {
  const out: { e: TraceEvent; text: string; weight: Weight; to?: string[]; phrase?: string; from?: string }[] = [];
  const connected = new Set<string>();
  for (const e of events) {
    // Both ends learn of a new connection: told once.
    if (e.kind === 'connected') {
      if (connected.has(`${e.peer}>${e.node}`)) continue;
      connected.add(`${e.node}>${e.peer}`);
    }
    if (e.kind === 'send') {
      const phrase = messagePhrase(e.msg);
      const last = out[out.length - 1];
      if (last?.to && last.from === e.from && last.phrase === phrase) {
        last.to.push(e.to);
        last.text = `${e.from} sends ${phrase} to ${listOf(last.to)}.`;
        continue;
      }
      out.push({ e, text: `${e.from} sends ${phrase} to ${e.to}.`, weight: 1, to: [e.to], phrase, from: e.from });
      continue;
    }
    const t = tellEvent(e, trace);
    out.push({ e, text: t.text, weight: t.weight });
  }
  return out;
}

function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The step a position ends: the last step boundary before `position` (or `position` itself at the first). */
export function stepStartOf(boundaries: readonly number[], position: number): number {
  let lo = 0;
  let hi = boundaries.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (boundaries[mid]! < position) lo = mid;
    else hi = mid - 1;
  }
  return Math.min(boundaries[lo] ?? position, position);
}

/**
 * The narration at `position`: the step [stepStart, position) told in at most `max`
 * sentences — what set it off (its first event), then what in it matters most; a step of
 * plumbing only is told as it happened. A pure function of its arguments: however the
 * reader reached the position, the same words.
 */
export function narrationAt(trace: readonly TraceEvent[], stepStart: number, position: number, max = 3): string[] {
  const end = Math.min(position, trace.length);
  const start = Math.max(0, Math.min(stepStart, end));
  if (end === 0) return ['The run has not started: nothing has happened yet.'];
  if (start >= end) return narrationAt(trace, end - 1, end, max);
  const lines = mergeSends(trace.slice(start, end), trace);
  const first = lines[0]!;
  const rest = lines.slice(1);
  const top = Math.max(0, ...rest.map((l) => l.weight));
  let chosen: typeof lines;
  if (top >= 2) {
    // What matters, heaviest first when there is too much, told in the order it happened.
    const keep = new Set([...rest].sort((a, b) => b.weight - a.weight).slice(0, max - 1).filter((l) => l.weight >= 2));
    chosen = [first, ...rest.filter((l) => keep.has(l))];
  } else chosen = lines.slice(0, max);
  return chosen.map((l) => l.text);
}
