/**
 * A timeline as a link: the page hash that reproduces exactly what the reader sees.
 *
 *   #lab=<figure id>&v=2&s=<scenario>&seed=<n>&at=<position>&in=<inputs>
 *
 * `v` versions the format. `in` lists the reader's inputs joined by `~`, each
 * `<trace index>:<action line>`, the line in the timeline's command language (a fault of the
 * kernel's language, or `start <workload>`), URI-encoded with `+` for a space:
 *
 *   120:crash+s1   500:partition+s1+c1+|+s2+s3   640:heal   700:latency+20ms+200ms
 *   800:break+s1+s2   60:start+%22synced+reads%22
 *
 * Links of version 1 (before the language) are still read: their inputs were one letter and
 * arguments each (`120c.s1`, `500p.s1,c1|s2,s3`, `640h`, `700l.20-200`, `800b.s1,s2`,
 * `900r.s1`, `60w.synced%20reads`), and they open to the very same run.
 *
 * A failing run from the explorer opens the same way, with its run spec in place of the
 * scenario and seed: `s=explore&spec=<base64url of the RunSpec JSON>` (the spec's own seed
 * seeds the simulation; faults are keyed by time inside the spec, reader inputs by index).
 *
 * Pure: parse and format only, with a plain-words error for anything malformed.
 * Imports the explorer's spec validator, zk byte helpers and this folder's types.
 */

import { CommandError } from '../sim/command-line.ts';
import { validateRunSpec, type RunSpec } from '../explore/spec.ts';
import { base64Decode, base64Encode, utf8Decode, utf8Encode } from '../zk/bytes.ts';
import { parseAction, printAction, type ReaderAction, type ReaderInput } from './actions.ts';

export const LINK_VERSION = 2;

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

/** A version 1 link's inputs (already URI-decoded once, as version 1 links were read). */
function decodeInputsV1(text: string): ReaderInput[] {
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

/** One action line as it sits in a link: URI-encoded, `+` for a space, `|` as is, `~` escaped. */
function encodeLine(line: string): string {
  return encodeURIComponent(line).replace(/%20/g, '+').replace(/%7C/g, '|').replace(/~/g, '%7E');
}

/** The `in=` value for `inputs`. */
export function encodeInputs(inputs: readonly ReaderInput[]): string {
  return inputs.map((i) => `${i.at}:${encodeLine(printAction(i.action))}`).join('~');
}

/** Read an `in=` value as the link has it (not URI-decoded). */
export function decodeInputs(raw: string): ReaderInput[] {
  if (raw === '') return [];
  let last = 0;
  return raw.split('~').map((token, k) => {
    const m = /^(\d{1,9}):(.*)$/.exec(token);
    if (!m) throw new Error(`input ${k + 1} ("${token}") is not <index>:<action>`);
    const at = Number(m[1]);
    if (at < last) throw new Error(`inputs must be in trace order (${at} after ${last})`);
    last = at;
    let line: string;
    try {
      line = decodeURIComponent(m[2]!.replace(/\+/g, ' '));
    } catch {
      throw new Error(`input ${k + 1} is not URI-encoded text`);
    }
    try {
      return { at, action: parseAction(line) };
    } catch (err) {
      if (err instanceof CommandError) throw new Error(`input ${k + 1} ("${line}"): ${err.why}`, { cause: err });
      throw err;
    }
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
    const raw = new Map<string, string>();
    for (const part of text.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      if (eq < 0) throw new Error(`"${part}" is not key=value`);
      raw.set(part.slice(0, eq), part.slice(eq + 1));
      fields.set(part.slice(0, eq), decodeURIComponent(part.slice(eq + 1)));
    }
    const lab = fields.get('lab');
    if (lab === undefined || lab === '') throw new Error('no figure named (lab=)');
    const v = fields.get('v');
    if (v !== '1' && v !== '2') throw new Error(v === undefined ? 'no version (v=)' : `version ${v} is not supported (this book reads v=1 and v=${LINK_VERSION})`);
    const scenario = fields.get('s');
    if (scenario === undefined || !/^[a-z][a-z0-9-]{0,31}$/.test(scenario)) throw new Error('no valid scenario (s=)');
    const at = fields.get('at') ?? '0';
    if (!/^\d{1,9}$/.test(at)) throw new Error(`position "${at}" is not a number`);
    const inputs = v === '1' ? decodeInputsV1(fields.get('in') ?? '') : decodeInputs(raw.get('in') ?? '');
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
