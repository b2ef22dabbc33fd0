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
 * The words come from the narration catalogue of the page's language (src/i18n/en/narration.ts,
 * English until `speakNarration` is given another); faults are told in the kernel's words
 * (`tellFault`, beside the fault language's printer) in English.
 * Imports the kernel's trace types and fault language, the server's and the client's typed
 * trace contracts and their words for messages, commands and outcomes (so no request shapes
 * or error codes here), message info and the zxid formatter; no DOM.
 */

import { faultOfEvent } from '../../playground/sim/faults.ts';
import type { TraceEvent } from '../../playground/sim/trace.ts';
import { commandWords, outputWords } from '../../playground/client/events.ts';
import type { ServerEvent } from '../../playground/zk/events.ts';
import { traced, type Traced } from './traced.ts';
import { outcomeOf, wireWords } from '../../playground/zk/wire-words.ts';
import { messageInfo } from './message-info.ts';
import { shortZxid } from './txn-log-model.ts';
import { hex, type LoggedTxn } from '../../playground/zk/txn.ts';
import en, { type NarrationMessages } from '../i18n/en/narration.ts';

/** The catalogue the narration speaks from. */
let m: NarrationMessages = en;

/** Sentences told together, as one text (a space between English sentences, none between Chinese ones). */
export const joinSentences = (lines: readonly string[]): string => lines.join(m.sentenceJoin);

/** Speak from another language's catalogue (a Chinese page gives the Chinese one before its lab draws). */
export function speakNarration(messages: NarrationMessages): void {
  m = messages;
}

/** How much a sentence matters: 3 a change of role, a fault, a session's fate; 2 the life of a transaction; 1 plumbing. */
export type Weight = 1 | 2 | 3;

export interface Told {
  readonly text: string;
  readonly weight: Weight;
}

const told = (text: string, weight: Weight): Told => ({ text, weight });

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const zx = (v: unknown): string => shortZxid(str(v));

interface AnyMsg {
  readonly type?: string;
  readonly kind?: string;
  readonly zxid?: unknown;
  readonly leader?: unknown;
  readonly electionEpoch?: unknown;
}

/** A message in words: "a vote for s5", "PROPOSAL 1:4", "a getData /config request". */
export function messagePhrase(msg: unknown): string {
  const p = (msg ?? {}) as AnyMsg;
  const info = messageInfo(msg);
  if (p.type === 'NOTIFICATION') return p.leader === null || p.leader === undefined ? m.observerEmptyVote : m.voteFor(str(p.leader), str(p.electionEpoch));
  if (typeof p.type === 'string') {
    if (info.zxid !== null) return `${p.type} ${shortZxid(info.zxid)}`;
    return m.packet[p.type] ?? p.type;
  }
  const w = wireWords(msg);
  switch (w?.kind) {
    case 'connect':
      return m.sessionRequest;
    case 'connectResponse':
      return m.sessionAnswer;
    case 'ping':
      return m.sessionPing;
    case 'request':
      return m.request(w.op, w.path ?? '');
    case 'pingReply':
      return m.pingReply;
    case 'reply':
      return m.reply(w.outcome);
    case 'notification':
      return m.watchEvent(w.event, w.path ?? '');
    default:
      return m.aMessage;
  }
}

/** What a timer firing means, by its name (ZooKeeper's, not the reader's, vocabulary). */
function timerSentence(node: string, name: string): string {
  return (m.timer[name] ?? m.timerOther)(node);
}

function stateSentence(node: string, ev: Extract<Traced, { type: 'zab.state' }>): Told {
  const st = str(ev.state);
  const phase = str(ev.phase);
  const epoch = str(ev.epoch);
  if (st === 'LOOKING') return told(m.looking(node), 3);
  if (phase === 'DISCOVERY') return told(st === 'LEADING' ? m.discoveryLeader(node) : m.discoveryFollower(node), 3);
  if (phase === 'SYNCHRONIZATION') return told(st === 'LEADING' ? m.syncLeader(node) : m.syncFollower(node), 2);
  if (phase === 'BROADCAST') return told(m.broadcast(node, st, epoch), 3);
  return told(m.stateOther(node, st), 2);
}

function clientStateSentence(node: string, ev: Extract<Traced, { type: 'client.state' }>): Told {
  const st = str(ev.state);
  switch (st) {
    case 'CONNECTED':
      return told(m.clientConnected(node, str(ev.session)), 3);
    case 'CONNECTING':
      return told(m.clientConnecting(node), 1);
    case 'CLOSED':
      return told(m.clientClosed(node), 3);
    case 'EXPIRED':
    case 'EXPIRED_SESSION':
      return told(m.clientExpired(node), 3);
    default:
      return told(m.clientStateOther(node, st), 2);
  }
}

/** Which client holds each session, as far as a trace has been read (it only grows, so one scan serves every position). */
const holders = new WeakMap<readonly TraceEvent[], { read: number; bySession: Map<string, string> }>();

/** The client that holds `session`, as the trace before `upTo` tells it; null if it does not (yet). */
function holderOf(session: string, trace: readonly TraceEvent[] | undefined, upTo: number): string | null {
  if (!trace) return null;
  let known = holders.get(trace);
  if (!known) holders.set(trace, (known = { read: 0, bySession: new Map() }));
  for (; known.read < Math.min(upTo, trace.length); known.read++) {
    const e = trace[known.read]!;
    if (e.kind !== 'protocol') continue;
    const ev = e.event as { type: string; session?: unknown; peer?: unknown };
    if (ev.type === 'client.state' && typeof ev.session === 'string') known.bySession.set(ev.session, e.node);
    else if (ev.type === 'session.established' && typeof ev.session === 'string' && typeof ev.peer === 'string') known.bySession.set(ev.session, ev.peer);
  }
  return known.bySession.get(session) ?? null;
}

/**
 * A transaction as the reader has met it: whose request it is (the client holding its
 * session: "c1's setData /config"), not the trace's label of it, the session's number and
 * the client's request counter glued together ("setData /config 0x1000000013c0000:2").
 */
function txnWords(record: LoggedTxn | undefined, label: string, trace: readonly TraceEvent[] | undefined, upTo: number): string {
  if (!record) return label;
  const { hdr, txn } = record;
  if (txn.type === 'createSession') return m.txnNewSession;
  const session = hex(hdr.clientId);
  const who = hdr.clientId === 0n ? null : holderOf(session, trace, upTo);
  if (txn.type === 'closeSession') return who ? m.txnSessionEnd(who) : m.txnSessionEndOf(session);
  const what = 'path' in txn ? `${txn.type} ${txn.path}` : txn.type === 'multi' ? m.txnMulti(txn.txns.length) : m.txnFailed;
  if (hdr.clientId === 0n) return m.txnOfServer(what);
  return who ? m.txnOfClient(who, what) : m.txnOfSession(what, session);
}

/** One protocol fact, in words (`trace` and `index`: where it stands, to name a transaction's client). */
function protocolSentence(node: string, event: { readonly type: string }, trace?: readonly TraceEvent[], index = 0): Told {
  const ev = traced(event);
  switch (ev.type) {
    case 'zab.state':
      return stateSentence(node, ev);
    case 'zab.vote':
      return told(m.vote(node, str(ev.leader), zx(ev.zxid), str(ev.round)), 1);
    case 'zab.elected':
      return told(str(ev.leader) === node ? m.won(node) : m.willFollow(node, str(ev.leader)), 3);
    case 'zab.epoch':
      return told(m.epochAccepted(node, str(ev.accepted), ev.current !== ev.accepted ? str(ev.current) : undefined), 1);
    case 'zab.sync':
      return told((ev.fromDisk === true ? m.syncFromDisk : m.sync)(node, str(ev.follower), str(ev.mode)), 2);
    case 'zab.established':
      return told(m.established(str(ev.epoch), m.listComma((ev.quorum as string[] | undefined) ?? []), node, zx(ev.zxid)), 3);
    case 'zab.propose':
      return told(m.propose(node, zx(ev.zxid), txnWords(ev.record, str(ev.txn), trace, index)), 2);
    case 'zab.log':
      return told(m.log(node, zx(ev.zxid)), 1);
    case 'zab.commit':
      return told(m.commit(node, zx(ev.zxid)), 2);
    case 'zab.deliver':
      return told(m.deliver(node, zx(ev.zxid), txnWords(ev.record, str(ev.txn), trace, index)), 2);
    case 'zab.truncate':
      return told(m.truncate(node, zx(ev.zxid)), 3);
    case 'zab.snapshot':
      return told(m.snapshotTaken(node, zx(ev.zxid)), 3);
    case 'zab.shutdown':
      return told(m.shutdown(node, str(ev.reason)), 3);
    case 'zab.learner.closed':
      return told(m.learnerClosed(node, str(ev.follower), str(ev.reason)), 2);
    case 'zab.error':
      return told(m.zabError(node, str(ev.reason)), 3);
    case 'server.exit':
      return told(m.serverExit(node, str(ev.code), str(ev.reason)), 3);
    case 'server.start':
      return told(m.serverStart(node, str(ev.replayed ?? 0), zx(ev.zxid)), 1);
    case 'snapshot':
      return told(m.snapshotSaved(node, zx(ev.zxid)), 1);
    case 'txn.apply':
      return applySentence(node, ev);
    case 'cnxn.notServing':
      return told(m.notServing(node, str(ev.peer), str(ev.state)), 2);
    case 'session.create':
      return told(m.sessionCreate(node, str(ev.session), str(ev.timeout)), 2);
    case 'session.established':
      return told(m.sessionEstablished(node, str(ev.peer), str(ev.session)), 2);
    case 'session.invalid':
      return told(m.sessionInvalid(node, str(ev.peer), str(ev.session)), 3);
    case 'session.missing':
      return told(m.sessionMissing(node, str(ev.peer), str(ev.session), ev.dropped === undefined || ev.dropped === null ? undefined : str(ev.dropped)), 3);
    case 'session.close':
      return told(m.sessionClose(node, str(ev.session), (ev.deleted as string[] | undefined)?.length ? m.listComma(ev.deleted as string[]) : ''), 2);
    case 'session.expire':
      return told(m.sessionExpire(node, str(ev.session)), 3);
    case 'session.refused':
      return told(m.sessionRefused(node, str(ev.peer), zx(ev.clientZxid), zx(ev.serverZxid)), 3);
    case 'session.moved':
      return told(m.sessionMoved(node, str(ev.op), ev.peer !== undefined ? str(ev.peer) : undefined), 3);
    case 'watch.fire':
      return told(m.watchFire(node, str(ev.event), str(ev.path), str(ev.peer)), 3);
    case 'watch.withheld':
      return told(m.watchWithheld(node, str(ev.event), str(ev.path)), 2);
    case 'auth.failed':
      return told(m.authFailed(node, str(ev.peer), str(ev.scheme)), 3);
    case 'client.state':
      return clientStateSentence(node, ev);
    case 'client.connectionLost':
      return told(m.connectionLost(node, str(ev.server), str(ev.reason)), 3);
    case 'client.readTimeout':
      return told(m.readTimeout(node, str(ev.server), str(ev.readTimeout)), 3);
    case 'client.expired':
      return told(m.sessionExpiredLearnt(node, str(ev.session)), 3);
    default:
      return told(UNKNOWN_PROTOCOL(node), 1);
  }
}

/** The sentence for a protocol fact this file has no words for yet (a test keeps it unused). */
export const UNKNOWN_PROTOCOL = (node: string): string => m.unknownProtocol(node);

/** A transaction applied to a server's tree, and how it ended. */
function applySentence(node: string, ev: Extract<ServerEvent, { type: 'txn.apply' }>): Told {
  const outcome = outcomeOf(ev.err);
  return told(m.treeChanges(node, `${ev.txn === 'error' ? m.failedTxn : ev.txn}${ev.path ? ` ${ev.path}` : ''}`, outcome), 1);
}

/** The call a reply answers: the application's call with the same request id, looked for nearby. */
function callOf(trace: readonly TraceEvent[] | undefined, e: TraceEvent, reqId: number): string {
  if (trace === undefined) return m.aCall;
  for (let i = e.index - 1; i >= 0 && i >= e.index - 20_000; i--) {
    const r = trace[i]!;
    if (r.kind === 'request' && r.node === (e as { node: string }).node) {
      const c = commandWords(r.value);
      if (c?.kind === 'call' && c.reqId === reqId) return `${c.op}${c.path ? ` ${c.path}` : ''}`;
      if (c?.kind === 'close' && c.reqId === reqId) return 'close';
    }
  }
  return m.aCall;
}

function requestSentence(node: string, value: unknown): Told {
  const c = commandWords(value);
  switch (c?.kind) {
    case 'connect':
      return told(m.appConnects(node, str(c.sessionTimeoutMs)), 2);
    case 'call':
      return told(m.appCalls(node, `${c.op}${c.path ? ` ${c.path}` : ''}`), 2);
    case 'close':
      return told(m.appCloses(node), 2);
    case 'addAuthInfo':
      return told(m.appAddsAuth(node), 2);
    case 'dropConnection':
      return told(m.connectionDropped(node), 2);
    default:
      return told(m.appAsks(node), 1);
  }
}

function outputSentence(trace: readonly TraceEvent[] | undefined, e: Extract<TraceEvent, { kind: 'output' }>): Told {
  const o = outputWords(e.value);
  switch (o?.kind) {
    case 'reply': {
      const call = callOf(trace, e, o.reqId);
      return told(o.outcome !== 'OK' ? m.callFails(e.node, call, o.outcome) : m.callOk(e.node, call), 2);
    }
    case 'event':
      return o.type === 'None'
        ? told(m.hearsState(e.node, str(o.state)), 1)
        : told(m.watcherTold(e.node, `${o.type}${o.path ? ` ${o.path}` : ''}`), 3);
    case 'state':
      return told(m.seesState(e.node, str(o.state)), 1);
    default:
      return told(m.reports(e.node), 1);
  }
}

/**
 * Every event, in words, with its weight. `trace` lets a reply name the call it answers;
 * without it the sentence says "a call".
 */
export function tellEvent(e: TraceEvent, trace?: readonly TraceEvent[]): Told {
  const fault = faultOfEvent(e);
  if (fault !== null) return told(m.fault(fault), 3);
  switch (e.kind) {
    case 'start':
      return told(m.starts(e.node), 2);
    case 'break':
      return told(m.broke(e.a, e.b), 3);
    case 'thaw':
      return told(m.thaw(e.node), 3);
    case 'send':
      return told(m.sends(e.from, messagePhrase(e.msg), e.to), 1);
    case 'deliver':
      return told(m.receives(e.to, messagePhrase(e.msg), e.from), 1);
    case 'drop':
      return told(m.lost(messagePhrase(e.msg), e.to, m.dropReason[e.reason] ?? m.dropUnknown), 2);
    case 'hold': {
      const sent = trace?.[e.sendIndex];
      return told(m.waits(messagePhrase(sent?.kind === 'send' ? sent.msg : undefined), e.from, e.to), 2);
    }
    case 'release':
      return told(m.released(e.from, e.to, String(e.deliverAt)), 1);
    case 'connect':
      return told(e.note ? m.connectNote(e.from, e.to, e.note) : m.opensConnection(e.from, e.to), 1);
    case 'connected':
      return told(m.connected(e.node, e.peer), 1);
    case 'connectFailed':
      return told(m.cannotConnect(e.node, e.peer, m.connectFail[e.reason] ?? m.connectFailUnknown), 1);
    case 'close':
      return told(m.closes(e.node, e.peer), 1);
    case 'disconnected':
      return told(m.gone(e.node, e.peer, m.disconnect[e.reason] ?? m.disconnectUnknown), 2);
    case 'timer':
      return told(timerSentence(e.node, e.name), 1);
    case 'wake':
      return told(wakeSentence(e.label), 1);
    case 'request':
      return requestSentence(e.node, e.value);
    case 'output':
      return outputSentence(trace, e);
    case 'protocol':
      return protocolSentence(e.node, e.event, trace, e.index);
    default:
      return told(m.somethingHappens, 1);
  }
}

/** `sim.at` labels: a client's workload waking ("c1 write") or the scenario's own ("clients connect"). */
function wakeSentence(label: string): string {
  const w = /^([a-z]\w*\d) (.+)$/.exec(label);
  if (w) return m.wakes(w[1]!, w[2]!);
  return m.scheduled(label);
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
        last.text = m.sends(e.from, phrase, m.listAnd(last.to));
        continue;
      }
      out.push({ e, text: m.sends(e.from, phrase, e.to), weight: 1, to: [e.to], phrase, from: e.from });
      continue;
    }
    const t = tellEvent(e, trace);
    out.push({ e, text: t.text, weight: t.weight });
  }
  return out;
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
  if (end === 0) return [m.notStarted];
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

/**
 * What a paused lab says where it stands: at its run's start (`start`, the scenario's first
 * event), that the servers are starting; elsewhere the step that ends here (`narrationAt`).
 */
export function narrationHere(trace: readonly TraceEvent[], boundaries: readonly number[], position: number, start: number): string[] {
  if (position <= start) return [m.serversStarting];
  return narrationAt(trace, stepStartOf(boundaries, position), position);
}
