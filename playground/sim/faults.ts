/**
 * Faults as one small command language: `crash s1`, `restart s1`, `partition s1 c1 | s2 s3`,
 * `heal`, `break c1 s2`, `latency 1ms 20ms`, `skew s2 -30s`. Every place that names a fault — fault schedules
 * (JSON or text), the timeline's links, the explorer's specs, the exercises' reports, the
 * lab's controls, the narration, the tests — reads and writes it through this file: one
 * parser (`parseFault`), one printer (`printFault`), one validator (`checkFault`), one
 * applier (`applyFault`), and the sentence the narration says (`tellFault`).
 *
 * Each fault kind is one row of `ROWS`: its words, its JSON spelling, its checks, what it
 * does to a simulation, and how a reader hears of it. Adding a kind is a kernel input plus
 * one row here.
 *
 * Imports the kernel's types and the word helpers only (the simulation as a type: no cycle).
 */

import { CommandError, endColumn, formatMs, formatOffsetMs, MAX_COMMAND_MS, NODE_ID, parseMs, parseNodeId, parseOffsetMs, tokenize, type Word } from './command-line.ts';
import type { Simulation } from './simulation.ts';
import type { TraceEvent } from './trace.ts';
import type { NodeId, TimeMs } from './types.ts';

export type Fault =
  /** Kill the node's process: every connection closes at once, volatile state is lost. */
  | { readonly kind: 'crash'; readonly node: NodeId }
  /** Start a crashed node again from its durable storage. */
  | { readonly kind: 'restart'; readonly node: NodeId }
  /** Stop the node's host for `forMs` without closing anything (a hung host, a long GC pause). */
  | { readonly kind: 'freeze'; readonly node: NodeId; readonly forMs: TimeMs }
  /** Groups that can talk among themselves only; nodes named in no group form one more group. */
  | { readonly kind: 'partition'; readonly groups: readonly (readonly NodeId[])[] }
  | { readonly kind: 'heal' }
  /** Break every connection between two nodes (TCP's way of losing messages). */
  | { readonly kind: 'break'; readonly a: NodeId; readonly b: NodeId }
  /** Per-message latency for messages sent from now on: everywhere, or on the one link `between` (both ways). */
  | { readonly kind: 'latency'; readonly minMs: TimeMs; readonly maxMs: TimeMs; readonly between?: readonly [NodeId, NodeId] }
  /** Set the node's host wall clock `byMs` off the true time (negative: behind); 0 sets it right. */
  | { readonly kind: 'skew'; readonly node: NodeId; readonly byMs: number };

export type FaultKind = Fault['kind'];

/** The nodes a schedule may name: the ensemble's servers, and its clients (listed, or any `c<n>`). */
export interface KnownNodes {
  readonly servers: readonly NodeId[];
  /** `numbered`: whatever clients a program makes (`c1`, `c2`, ... in connect order). */
  readonly clients: readonly NodeId[] | 'numbered';
}

/** How `applyFault` applies a partition. */
export interface ApplyOptions {
  /**
   * Every node of the run: when given, the nodes a partition leaves out are added as one more
   * named group (so the trace and the views name every side), and a partition that would
   * leave a single group does not apply.
   */
  readonly everyone?: readonly NodeId[];
}

type Of<K extends FaultKind> = Extract<Fault, { kind: K }>;

/** A JSON value being read, with the path that names it in errors (`events[2].crash`). */
export interface JsonField {
  readonly value: unknown;
  readonly where: string;
}

interface Row<K extends FaultKind> {
  readonly kind: K;
  /** How a reader names it (the lab's button). */
  readonly title: string;
  readonly usage: string;
  /** The words after the verb, read (throws `CommandError`); `end` is the line's end column. */
  parse(args: readonly Word[], end: number): Of<K>;
  /** The words after the verb. */
  print(f: Of<K>): string;
  /** Nodes it names, checked against the ensemble. */
  nodes(f: Of<K>): readonly NodeId[];
  /** What is wrong with it beyond its shape (min above max, a node twice, ...), or null. */
  check(f: Of<K>): string | null;
  /** The narration's sentence. */
  tell(f: Of<K>): string;
  /** Perform it now; false when it does not apply (a crash of a node that is down, ...). */
  apply(sim: Simulation, f: Of<K>, options: ApplyOptions): boolean;
  /** Its JSON schedule fields besides `at`: the first names the kind. */
  readonly jsonKeys: readonly string[];
  /** Read its JSON fields (each present key of `jsonKeys`, validated by the reader), or push problems and return null. */
  readJson(fields: ReadonlyMap<string, JsonField>, problems: string[]): Of<K> | null;
  writeJson(f: Of<K>): Record<string, unknown>;
  /** The wake-up label of a scheduled fault, where it differs from `fault: <printed line>`. */
  label?(f: Of<K>): string;
  /** The fault a trace event of this kind records, where it is not simply the event's own fields. */
  fromEvent?(e: TraceEvent): Of<K> | null;
}

// ---- small readers ------------------------------------------------------------------------

function args(verb: string, words: readonly Word[], n: number, usage: string, end: number): void {
  if (words.length < n) throw new CommandError(`${verb} needs ${n === 1 ? 'a node' : `${n} words`}: ${usage}`, end);
  if (words.length > n) throw new CommandError(`${verb} takes ${n === 0 ? 'nothing more' : `${n} word${n === 1 ? '' : 's'}`}: ${usage}`, words[n]!.column);
}

const isMs = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_COMMAND_MS;
const isId = (v: unknown): v is string => typeof v === 'string' && NODE_ID.test(v);
const show = (v: unknown): string => JSON.stringify(v) ?? String(v);

function jsonNode(f: JsonField, problems: string[]): NodeId | null {
  if (isId(f.value)) return f.value;
  problems.push(`${f.where}: expected a node id such as "s1", got ${show(f.value)}`);
  return null;
}

function jsonPair(f: JsonField, problems: string[]): [NodeId, NodeId] | null {
  const v = f.value;
  if (Array.isArray(v) && v.length === 2 && isId(v[0]) && isId(v[1])) return [v[0], v[1]];
  problems.push(`${f.where}: expected two node ids such as ["c1", "s2"], got ${show(v)}`);
  return null;
}

function jsonRange(f: JsonField, problems: string[]): [number, number] | null {
  const v = f.value;
  if (Array.isArray(v) && v.length === 2 && isMs(v[0]) && isMs(v[1])) return [v[0], v[1]];
  problems.push(`${f.where}: expected [min, max], whole ms from 0 to ${MAX_COMMAND_MS}, got ${show(v)}`);
  return null;
}

/** A row for a kind whose only word is a node (`crash s1`, `restart s1`). */
function nodeRow<K extends 'crash' | 'restart'>(kind: K, title: string, tell: (node: NodeId) => string, apply: (sim: Simulation, node: NodeId) => boolean): Row<K> {
  const usage = `${kind} <node>`;
  const row: Row<'crash' | 'restart'> = {
    kind,
    title,
    usage,
    parse(words, end) {
      args(kind, words, 1, usage, end);
      return { kind, node: parseNodeId(words[0]!, `the node to ${kind}`) };
    },
    print: (f) => f.node,
    nodes: (f) => [f.node],
    check: () => null,
    tell: (f) => tell(f.node),
    apply: (sim, f) => sim.hasNode(f.node) && apply(sim, f.node),
    jsonKeys: [kind],
    readJson(fields, problems) {
      const node = jsonNode(fields.get(kind)!, problems);
      return node === null ? null : { kind, node };
    },
    writeJson: (f) => ({ [kind]: f.node }),
  };
  return row as unknown as Row<K>;
}

// ---- the rows -----------------------------------------------------------------------------

const crash = nodeRow(
  'crash',
  'Kill process',
  (node) => `${node} crashed (its process was killed): its connections closed, so its peers know at once.`,
  (sim, node) => sim.isUp(node) && (sim.crash(node), true),
);

const restart = nodeRow('restart', 'Restart', (node) => `${node} restarted from its disk.`, (sim, node) => !sim.isUp(node) && (sim.restart(node), true));

const freeze: Row<'freeze'> = {
  kind: 'freeze',
  title: 'Freeze host',
  usage: 'freeze <node> <duration>',
  parse(words, end) {
    args('freeze', words, 2, 'freeze <node> <duration>', end);
    return { kind: 'freeze', node: parseNodeId(words[0]!, 'the node to freeze'), forMs: parseMs(words[1]!, 'the freeze') };
  },
  print: (f) => `${f.node} ${formatMs(f.forMs)}`,
  nodes: (f) => [f.node],
  check: (f) => (f.forMs === 0 ? 'a freeze needs a duration above 0ms' : null),
  tell: (f) =>
    `${f.node}'s host froze for ${formatMs(f.forMs)} (as in a long GC pause): it sends, receives and times nothing, and closes nothing, so its peers notice only when their own timers run out.`,
  apply(sim, f) {
    if (!sim.hasNode(f.node) || !sim.isUp(f.node) || sim.isFrozen(f.node) || f.forMs === 0) return false;
    sim.freeze(f.node, f.forMs);
    return true;
  },
  jsonKeys: ['freeze', 'for'],
  readJson(fields, problems) {
    const node = jsonNode(fields.get('freeze')!, problems);
    const d = fields.get('for');
    if (d === undefined) problems.push(`${fields.get('freeze')!.where.replace(/\.freeze$/, '')}: a freeze needs "for": its duration in ms`);
    else if (!isMs(d.value)) problems.push(`${d.where}: expected whole ms from 0 to ${MAX_COMMAND_MS}, got ${show(d.value)}`);
    return node === null || d === undefined || !isMs(d.value) ? null : { kind: 'freeze', node, forMs: d.value };
  },
  writeJson: (f) => ({ freeze: f.node, for: f.forMs }),
};

const partition: Row<'partition'> = {
  kind: 'partition',
  title: 'Partition',
  usage: 'partition <nodes> | <nodes> ...',
  parse(words, end) {
    const groups: NodeId[][] = [[]];
    for (const w of words) {
      if (w.quoted) throw new CommandError(`"${w.text}" is not a node id such as s1 or c2`, w.column);
      let column = w.column;
      w.text.split('|').forEach((part, i) => {
        if (i > 0) {
          if (groups[groups.length - 1]!.length === 0) throw new CommandError('a side of the partition is empty', column - 1);
          groups.push([]);
        }
        if (part !== '') groups[groups.length - 1]!.push(parseNodeId({ text: part, quoted: false, column }, 'a side of the partition'));
        column += part.length + 1;
      });
    }
    if (groups[groups.length - 1]!.length === 0) throw new CommandError(words.length === 0 ? 'partition needs the nodes of a side: partition s1 c1 | s2 s3' : 'a side of the partition is empty', end);
    return { kind: 'partition', groups };
  },
  print: (f) => f.groups.map((g) => g.join(' ')).join(' | '),
  nodes: (f) => f.groups.flat(),
  check(f) {
    const seen = new Set<NodeId>();
    for (const id of f.groups.flat()) {
      if (seen.has(id)) return `${id} is in two groups`;
      seen.add(id);
    }
    return f.groups.length === 0 || f.groups.some((g) => g.length === 0) ? 'a side of the partition is empty' : null;
  },
  tell: (f) => `The network is partitioned: ${f.groups.map((g) => `{${g.join(', ')}}`).join(' and ')} cannot reach each other.`,
  apply(sim, f, options) {
    let groups = f.groups.map((g) => [...g]);
    if (options.everyone !== undefined) {
      const named = new Set(groups.flat());
      const rest = options.everyone.filter((n) => !named.has(n));
      groups = [...groups, ...(rest.length > 0 ? [rest] : [])].filter((g) => g.length > 0);
      if (groups.length < 2) return false;
    }
    try {
      sim.partition(groups);
    } catch {
      return false;
    }
    return true;
  },
  jsonKeys: ['partition'],
  readJson(fields, problems) {
    const f = fields.get('partition')!;
    const v = f.value;
    if (!Array.isArray(v) || v.length === 0 || !v.every((g) => Array.isArray(g) && g.length > 0 && g.every(isId))) {
      problems.push(`${f.where}: expected a non-empty list of non-empty groups of node ids, got ${show(v)}`);
      return null;
    }
    return { kind: 'partition', groups: v as NodeId[][] };
  },
  writeJson: (f) => ({ partition: f.groups.map((g) => [...g]) }),
  label: (f) => `partition ${f.groups.map((g) => `[${g.join(',')}]`).join(' ')}`,
};

const heal: Row<'heal'> = {
  kind: 'heal',
  title: 'Heal',
  usage: 'heal',
  parse(words, end) {
    args('heal', words, 0, 'heal', end);
    return { kind: 'heal' };
  },
  print: () => '',
  nodes: () => [],
  check: () => null,
  tell: () => 'The partition healed.',
  apply(sim) {
    sim.heal();
    return true;
  },
  jsonKeys: ['heal'],
  readJson(fields, problems) {
    const f = fields.get('heal')!;
    if (f.value === true) return { kind: 'heal' };
    problems.push(`${f.where}: expected true, got ${show(f.value)}`);
    return null;
  },
  writeJson: () => ({ heal: true }),
};

const breakRow: Row<'break'> = {
  kind: 'break',
  title: 'Break connection',
  usage: 'break <node> <node>',
  parse(words, end) {
    args('break', words, 2, 'break <node> <node>', end);
    return { kind: 'break', a: parseNodeId(words[0]!, 'one end of the connection'), b: parseNodeId(words[1]!, 'the other end') };
  },
  print: (f) => `${f.a} ${f.b}`,
  nodes: (f) => [f.a, f.b],
  check: (f) => (f.a === f.b ? `a connection needs two different nodes, not ${f.a} twice` : null),
  tell: (f) => `The connection between ${f.a} and ${f.b} broke.`,
  apply(sim, f) {
    if (f.a === f.b || !sim.hasNode(f.a) || !sim.hasNode(f.b)) return false;
    sim.breakConnection(f.a, f.b);
    return true;
  },
  jsonKeys: ['break'],
  readJson(fields, problems) {
    const pair = jsonPair(fields.get('break')!, problems);
    return pair === null ? null : { kind: 'break', a: pair[0], b: pair[1] };
  },
  writeJson: (f) => ({ break: [f.a, f.b] }),
  label: (f) => `break ${f.a}-${f.b}`,
  fromEvent: (e) => (e.kind === 'break' && e.reason === 'fault' ? { kind: 'break', a: e.a, b: e.b } : null),
};

const latency: Row<'latency'> = {
  kind: 'latency',
  title: 'Set delay',
  usage: 'latency [<node> <node>] <min> [<max>]',
  parse(words, end) {
    let rest = words;
    let between: [NodeId, NodeId] | undefined;
    if (words[0] !== undefined && /^[A-Za-z]/.test(words[0].text)) {
      if (words[1] === undefined) throw new CommandError('latency between two nodes names both: latency c1 s1 3900ms', end);
      between = [parseNodeId(words[0], 'one end of the link'), parseNodeId(words[1], 'the other end of the link')];
      rest = words.slice(2);
    }
    if (rest.length === 0) throw new CommandError('latency needs a delay: latency 5ms, or a range: latency 1ms 20ms', end);
    if (rest.length > 2) throw new CommandError('latency takes a delay or a range: latency 1ms 20ms', rest[2]!.column);
    const minMs = parseMs(rest[0]!, 'the delay');
    const maxMs = rest.length === 2 ? parseMs(rest[1]!, 'the longest delay') : minMs;
    return between === undefined ? { kind: 'latency', minMs, maxMs } : { kind: 'latency', minMs, maxMs, between };
  },
  print: (f) => `${f.between !== undefined ? `${f.between[0]} ${f.between[1]} ` : ''}${f.minMs === f.maxMs ? formatMs(f.minMs) : `${formatMs(f.minMs)} ${formatMs(f.maxMs)}`}`,
  nodes: (f) => f.between ?? [],
  check(f) {
    if (f.maxMs < f.minMs) return `the range ${formatMs(f.minMs)}..${formatMs(f.maxMs)} ends below its start`;
    if (f.between !== undefined && f.between[0] === f.between[1]) return `a link needs two different nodes, not ${f.between[0]} twice`;
    return null;
  },
  tell(f) {
    const range = `${f.minMs === f.maxMs ? f.minMs : `${f.minMs}–${f.maxMs}`} ms`;
    return f.between === undefined ? `Messages now take ${range}.` : `Messages between ${f.between[0]} and ${f.between[1]} now take ${range}, both ways; other links are as they were.`;
  },
  apply(sim, f) {
    if (f.maxMs < f.minMs) return false;
    if (f.between === undefined) {
      sim.setLatency(f.minMs, f.maxMs);
      return true;
    }
    const [a, b] = f.between;
    if (a === b || !sim.hasNode(a) || !sim.hasNode(b)) return false;
    sim.setLinkLatency(a, b, f.minMs, f.maxMs);
    return true;
  },
  jsonKeys: ['latency', 'between'],
  readJson(fields, problems) {
    const range = jsonRange(fields.get('latency')!, problems);
    const b = fields.get('between');
    const between = b === undefined ? undefined : jsonPair(b, problems);
    if (range === null || between === null) return null;
    return between === undefined ? { kind: 'latency', minMs: range[0], maxMs: range[1] } : { kind: 'latency', minMs: range[0], maxMs: range[1], between };
  },
  writeJson: (f) => ({ latency: [f.minMs, f.maxMs], ...(f.between !== undefined ? { between: [...f.between] } : {}) }),
  // Traces recorded before the fault language have the old words for the global latency.
  label: (f) => (f.between === undefined ? `latency ${f.minMs}..${f.maxMs}ms` : printFault(f)),
};

const skew: Row<'skew'> = {
  kind: 'skew',
  title: 'Skew clock',
  usage: 'skew <node> <offset>',
  parse(words, end) {
    args('skew', words, 2, 'skew <node> <offset>', end);
    return { kind: 'skew', node: parseNodeId(words[0]!, 'the node whose clock is off'), byMs: parseOffsetMs(words[1]!, 'the skew') };
  },
  print: (f) => `${f.node} ${formatOffsetMs(f.byMs)}`,
  nodes: (f) => [f.node],
  check: () => null,
  tell: (f) =>
    f.byMs === 0
      ? `${f.node}'s wall clock is right again.`
      : `${f.node}'s wall clock is now ${formatMs(Math.abs(f.byMs))} ${f.byMs < 0 ? 'behind' : 'ahead'}: the times it stamps on what it writes (a znode's ctime and mtime, when it leads) are off by that much; its timeouts are not, as they run on a clock that only counts.`,
  apply(sim, f) {
    if (!sim.hasNode(f.node)) return false;
    sim.skew(f.node, f.byMs);
    return true;
  },
  jsonKeys: ['skew', 'by'],
  readJson(fields, problems) {
    const node = jsonNode(fields.get('skew')!, problems);
    const d = fields.get('by');
    const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && Math.abs(v) <= MAX_COMMAND_MS;
    if (d === undefined) problems.push(`${fields.get('skew')!.where.replace(/\.skew$/, '')}: a skew needs "by": the clock's offset in ms (negative: behind)`);
    else if (!isOffset(d.value)) problems.push(`${d.where}: expected whole ms from -${MAX_COMMAND_MS} to ${MAX_COMMAND_MS}, got ${show(d.value)}`);
    return node === null || d === undefined || !isOffset(d.value) ? null : { kind: 'skew', node, byMs: d.value || 0 };
  },
  writeJson: (f) => ({ skew: f.node, by: f.byMs }),
};

type AnyRow = Row<FaultKind>;

/** One row per fault kind, in the order menus and usage lists show them. */
const ROWS = [crash, restart, freeze, partition, heal, breakRow, latency, skew] as unknown as readonly AnyRow[];

const BY_KIND = new Map<string, AnyRow>(ROWS.map((r) => [r.kind, r]));

function rowOf(f: Fault): AnyRow {
  const row = BY_KIND.get(f.kind);
  if (row === undefined) throw new Error(`unknown fault kind ${JSON.stringify(f.kind)}`);
  return row;
}

/** The verbs of the language, in menu order. */
export const FAULT_KINDS: readonly FaultKind[] = ROWS.map((r) => r.kind);

export function isFaultVerb(word: string): word is FaultKind {
  return BY_KIND.has(word);
}

// ---- the language ------------------------------------------------------------------------

/** How a reader names a kind (the lab's controls): "Kill process", "Partition", ... */
export function faultTitle(kind: FaultKind): string {
  return BY_KIND.get(kind)!.title;
}

/** Read the words of a command whose verb is a fault's (`words[0]`); `end` is the line's end column. */
export function parseFaultWords(words: readonly Word[], end: number): Fault {
  const verb = words[0];
  if (verb === undefined) throw new CommandError(`a fault is missing: ${ROWS.map((r) => r.usage).join(', ')}`, end);
  const row = BY_KIND.get(verb.text);
  if (row === undefined || verb.quoted) throw new CommandError(`"${verb.text}" is not a fault (${FAULT_KINDS.join(', ')})`, verb.column);
  const fault = row.parse(words.slice(1), end);
  const problem = row.check(fault);
  if (problem !== null) throw new CommandError(problem, verb.column);
  return fault;
}

/** Read one fault line: `crash s1`, `partition s1 c1 | s2 s3`, ... Throws `CommandError`. */
export function parseFault(line: string): Fault {
  return parseFaultWords(tokenize(line), endColumn(line));
}

/** The line that `parseFault` reads back as `f`. */
export function printFault(f: Fault): string {
  const rest = rowOf(f).print(f);
  return rest === '' ? f.kind : `${f.kind} ${rest}`;
}

/** The narration's sentence for a fault that just happened. */
export function tellFault(f: Fault): string {
  return rowOf(f).tell(f);
}

function describeKnown(known: KnownNodes): string {
  const clients = known.clients === 'numbered' ? 'c1, c2, …' : known.clients.length === 0 ? 'none' : known.clients.join(', ');
  return `servers ${known.servers.join(', ') || 'none'}; clients ${clients}`;
}

/** Whether `id` is a node of `known`. */
export function isKnownNode(id: NodeId, known: KnownNodes): boolean {
  if (known.servers.includes(id)) return true;
  return known.clients === 'numbered' ? /^c[1-9]\d{0,5}$/.test(id) : known.clients.includes(id);
}

/** What is wrong with `f` (a node the ensemble does not have, a range that ends below its start, ...); empty if nothing. */
export function checkFault(f: Fault, known?: KnownNodes): string[] {
  const row = rowOf(f);
  const problems: string[] = [];
  const own = row.check(f);
  if (own !== null) problems.push(own);
  if (known !== undefined) {
    for (const id of new Set(row.nodes(f))) if (!isKnownNode(id, known)) problems.push(`${id} is not a node of this ensemble (${describeKnown(known)})`);
  }
  return problems;
}

/**
 * Perform `f` on `sim` now, tolerantly: what cannot apply (a crash of a node that is down or
 * unknown, a restart of one that is up, a break of a node with itself) does nothing and
 * returns false, so any subset of a schedule, or a hand-edited link, still runs.
 */
export function applyFault(sim: Simulation, f: Fault, options: ApplyOptions = {}): boolean {
  return rowOf(f).apply(sim, f, options);
}

/** The label of a scheduled fault's wake-up (`fault: crash s1`), as recorded traces have it. */
export function faultLabel(f: Fault): string {
  const row = rowOf(f);
  return `fault: ${row.label !== undefined ? row.label(f) : printFault(f)}`;
}

/** The JSON schedule's spelling of `f`, without `at`. */
export function faultToJson(f: Fault): Record<string, unknown> {
  return rowOf(f).writeJson(f);
}

/**
 * Read one JSON schedule event's fields (all but `at`): exactly one kind, only its own fields.
 * Problems go to `problems` with `where` as their path (`events[2]`); returns null if any.
 */
export function faultFromJson(event: Readonly<Record<string, unknown>>, where: string, problems: string[]): Fault | null {
  const keys = Object.keys(event).filter((k) => k !== 'at');
  const kinds = ROWS.filter((r) => keys.includes(r.jsonKeys[0]!));
  const allowed = new Set(ROWS.flatMap((r) => r.jsonKeys));
  const before = problems.length;
  for (const k of keys) if (!allowed.has(k)) problems.push(`${where}.${k}: unknown field (expected one of ${FAULT_KINDS.join(', ')})`);
  if (kinds.length !== 1) {
    problems.push(`${where}: expected exactly one of ${FAULT_KINDS.join(', ')}, got ${kinds.length === 0 ? 'none' : kinds.map((r) => r.kind).join(' and ')}`);
    return null;
  }
  const row = kinds[0]!;
  for (const k of keys) if (allowed.has(k) && !row.jsonKeys.includes(k)) problems.push(`${where}.${k}: not a field of ${row.kind}`);
  const fields = new Map<string, JsonField>();
  for (const k of row.jsonKeys) if (k in event) fields.set(k, { value: event[k], where: `${where}.${k}` });
  const fault = row.readJson(fields, problems);
  if (fault === null || problems.length > before) return null;
  const own = row.check(fault);
  if (own !== null) {
    problems.push(`${where}.${row.kind}: ${own}`);
    return null;
  }
  return fault;
}

/**
 * The fault a trace event records, when it records one. A fault is traced as an event of its
 * own kind with its own fields (`{ kind: 'crash', node }`), so a row needs no code for this
 * unless its events are not all faults (a `break` a partition caused is not one).
 */
export function faultOfEvent(e: TraceEvent): Fault | null {
  const row = BY_KIND.get(e.kind);
  if (row === undefined) return null;
  if (row.fromEvent !== undefined) return row.fromEvent(e);
  const { index: _index, time: _time, cause: _cause, ...fault } = e;
  return fault as Fault;
}

/** Trace kinds that record faults (the lab's "Next fault" stops at them). */
export function isFaultEvent(e: TraceEvent): boolean {
  return faultOfEvent(e) !== null || e.kind === 'break';
}
