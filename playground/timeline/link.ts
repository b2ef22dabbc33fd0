/**
 * A timeline as a link: the page hash that reproduces exactly what the reader sees.
 *
 *   #lab=<figure id>&v=1&s=<scenario>&seed=<n>&at=<position>&in=<inputs>
 *
 * `v` versions the format. `in` lists the reader's inputs joined by `~`, each
 * `<trace index><code>[.<args>]`:
 *
 *   120c.s1          crash s1                 900r.s1        restart s1
 *   500p.s1,c1|s2,s3 partition {s1,c1} {s2,s3} (nodes left out form one more side)
 *   640h             heal                     700l.20-200    latency 20..200 ms
 *   800b.s1,s2       break the s1–s2 connection
 *   60w.lock         start the scenario's workload "lock" (name URI-encoded)
 *
 * A failing run from the explorer opens the same way, with its run spec in place of the
 * scenario and seed: `s=explore&spec=<base64url of the RunSpec JSON>` (the spec's own seed
 * seeds the simulation; faults are keyed by time inside the spec, reader inputs by index).
 *
 * Pure: parse and format only, with a plain-words error for anything malformed.
 * Imports the explorer's spec validator, zk byte helpers and this folder's types.
 */

import { validateRunSpec, type RunSpec } from '../explore/spec.ts';
import { base64Decode, base64Encode, utf8Decode, utf8Encode } from '../zk/bytes.ts';
import type { ReaderAction, ReaderInput } from './actions.ts';

export const LINK_VERSION = 1;

export interface LinkState {
  /** The figure (lab) the link is for. */
  readonly lab: string;
  readonly scenario: string;
  readonly seed: number;
  readonly position: number;
  readonly inputs: readonly ReaderInput[];
  /** For `scenario === 'explore'`: the explorer's run. */
  readonly spec?: RunSpec;
}

export type LinkParse = { readonly ok: true; readonly state: LinkState } | { readonly ok: false; readonly error: string };

const NODE = /^[A-Za-z][A-Za-z0-9_-]{0,15}$/;

function nodes(list: readonly string[]): string {
  return list.join(',');
}

function encodeAction(a: ReaderAction): string {
  switch (a.kind) {
    case 'crash':
      return `c.${a.node}`;
    case 'restart':
      return `r.${a.node}`;
    case 'partition':
      return `p.${a.groups.map(nodes).join('|')}`;
    case 'heal':
      return 'h';
    case 'latency':
      return `l.${a.minMs}-${a.maxMs}`;
    case 'break':
      return `b.${a.a},${a.b}`;
    case 'workload':
      return `w.${encodeURIComponent(a.name)}`;
  }
}

function parseNodes(text: string, what: string): string[] {
  const list = text.split(',');
  for (const n of list) if (!NODE.test(n)) throw new Error(`${what}: "${n}" is not a node name`);
  return list;
}

function decodeAction(code: string, args: string | undefined): ReaderAction {
  const need = (): string => {
    if (args === undefined || args === '') throw new Error(`input "${code}" needs arguments`);
    return args;
  };
  switch (code) {
    case 'c':
      return { kind: 'crash', node: parseNodes(need(), 'crash')[0]! };
    case 'r':
      return { kind: 'restart', node: parseNodes(need(), 'restart')[0]! };
    case 'p':
      return { kind: 'partition', groups: need().split('|').map((g) => parseNodes(g, 'partition')) };
    case 'h':
      return { kind: 'heal' };
    case 'l': {
      const m = /^(\d{1,6})-(\d{1,6})$/.exec(need());
      if (!m) throw new Error(`latency "${args}" is not min-max`);
      const minMs = Number(m[1]);
      const maxMs = Number(m[2]);
      if (maxMs < minMs) throw new Error(`latency ${minMs}-${maxMs}: max below min`);
      return { kind: 'latency', minMs, maxMs };
    }
    case 'b': {
      const [a, b, ...more] = parseNodes(need(), 'break');
      if (b === undefined || more.length > 0) throw new Error('break needs two nodes');
      return { kind: 'break', a: a!, b };
    }
    case 'w':
      return { kind: 'workload', name: decodeURIComponent(need()) };
    default:
      throw new Error(`unknown input code "${code}"`);
  }
}

export function encodeInputs(inputs: readonly ReaderInput[]): string {
  return inputs.map((i) => `${i.at}${encodeAction(i.action)}`).join('~');
}

export function decodeInputs(text: string): ReaderInput[] {
  if (text === '') return [];
  let last = 0;
  return text.split('~').map((token) => {
    const m = /^(\d{1,9})([a-z])(?:\.(.*))?$/.exec(token);
    if (!m) throw new Error(`input "${token}" is not <index><code>[.<args>]`);
    const at = Number(m[1]);
    if (at < last) throw new Error(`inputs must be in trace order (${at} after ${last})`);
    last = at;
    return { at, action: decodeAction(m[2]!, m[3]) };
  });
}

function base64url(text: string): string {
  return base64Encode(utf8Encode(text)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unbase64url(text: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('spec is not base64url');
  const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  return utf8Decode(base64Decode(padded));
}

/** The hash (without `#`) for a state. */
export function formatLink(state: LinkState): string {
  const parts = [`lab=${encodeURIComponent(state.lab)}`, `v=${LINK_VERSION}`, `s=${encodeURIComponent(state.scenario)}`];
  if (state.spec !== undefined) parts.push(`spec=${base64url(JSON.stringify(state.spec))}`);
  else parts.push(`seed=${state.seed}`);
  parts.push(`at=${state.position}`);
  if (state.inputs.length > 0) parts.push(`in=${encodeInputs(state.inputs)}`);
  return parts.join('&');
}

/** The hash for opening an explorer run (as the explorer's `--replay` JSON) in figure `lab`. */
export function linkForRunSpec(lab: string, spec: RunSpec, position = 0): string {
  return formatLink({ lab, scenario: 'explore', seed: spec.seed, position, inputs: [], spec });
}

/** Parse a hash (with or without `#`). Never throws: a malformed link gives `{ ok: false, error }`. */
export function parseLink(hash: string): LinkParse {
  try {
    const text = hash.startsWith('#') ? hash.slice(1) : hash;
    const fields = new Map<string, string>();
    for (const part of text.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      if (eq < 0) throw new Error(`"${part}" is not key=value`);
      fields.set(part.slice(0, eq), decodeURIComponent(part.slice(eq + 1)));
    }
    const lab = fields.get('lab');
    if (lab === undefined || lab === '') throw new Error('no figure named (lab=)');
    const v = fields.get('v');
    if (v !== String(LINK_VERSION)) throw new Error(v === undefined ? 'no version (v=)' : `version ${v} is not supported (this book reads v=${LINK_VERSION})`);
    const scenario = fields.get('s');
    if (scenario === undefined || !/^[a-z][a-z0-9-]{0,31}$/.test(scenario)) throw new Error('no valid scenario (s=)');
    const at = fields.get('at') ?? '0';
    if (!/^\d{1,9}$/.test(at)) throw new Error(`position "${at}" is not a number`);
    const inputs = decodeInputs(fields.get('in') ?? '');
    if (scenario === 'explore') {
      const raw = fields.get('spec');
      if (raw === undefined) throw new Error('an explorer link needs spec=');
      let json: unknown;
      try {
        json = JSON.parse(unbase64url(raw));
      } catch {
        throw new Error('spec is not base64url JSON');
      }
      const spec = validateRunSpec(json);
      return { ok: true, state: { lab, scenario, seed: spec.seed, position: Number(at), inputs, spec } };
    }
    const seed = fields.get('seed');
    if (seed === undefined || !/^\d{1,9}$/.test(seed)) throw new Error('no valid seed (seed=)');
    return { ok: true, state: { lab, scenario, seed: Number(seed), position: Number(at), inputs } };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
