/**
 * A Paxos stepper as a link: the page hash that reopens a figure at the very step a reader
 * was looking at, as a lab's link does (`playground/timeline/link.ts`).
 *
 *   #paxos=<figure id>&v=1[&rules=<mutant>](&run=<classic run> | &steps=<lines>)&at=<position>
 *
 * `run` names a classic run whose steps are the figure's log unchanged; otherwise `steps`
 * lists the log, each step's line as `describeStep` writes it (`start p1 with X`,
 * `deliver p1->a1 prepare 1.1`), URI-encoded with `+` for a space, joined by `~`. `at` is the
 * position in the log (0: the start). A page opened with any other hash (a heading's anchor,
 * a lab's link) is not a Paxos link: `parsePaxosLink` answers null and the figure starts as
 * the chapter sets it.
 *
 * Pure: parse and format only, with a plain-words error for anything malformed.
 * Imports the step lines and the mutant names.
 */

import { isMutantName, type MutantName } from './mutants.ts';
import { describeStep, parseStepLine, type PaxosStep } from './steps.ts';

export const PAXOS_LINK_VERSION = 1;

export interface PaxosLink {
  /** The figure's id. */
  readonly figure: string;
  readonly rules: MutantName | null;
  /** A classic run whose steps are the log, or null (then `steps` is the log). */
  readonly run: string | null;
  readonly steps: readonly PaxosStep[];
  readonly at: number;
}

export type PaxosLinkParse = { readonly ok: true; readonly link: PaxosLink } | { readonly ok: false; readonly figure: string; readonly error: string };

const ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const MAX_STEPS = 2000;

/** A step line in a link: URI-encoded, `+` for a space, `~` kept for the separator. */
export function encodeLine(line: string): string {
  return encodeURIComponent(line).replace(/%20/g, '+').replace(/~/g, '%7E');
}

function decodeLine(raw: string): string {
  return decodeURIComponent(raw.replace(/\+/g, ' '));
}

/** A hash's `key=value` fields, and its figure's name (`<key>=<figure>`), '' if undecodable. Shared with `multi-link.ts`. */
export function hashFields(hash: string, key: string): { readonly fields: Map<string, string>; readonly figure: string } {
  const fields = new Map<string, string>();
  for (const part of hash.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  let figure: string;
  try {
    figure = decodeURIComponent(fields.get(key) ?? '');
  } catch {
    figure = '';
  }
  return { fields, figure };
}

/** The `~`-joined step lines of a link, each read by `parse`; throws a plain-words error (a URIError as "not properly encoded"). */
export function readStepList<T>(text: string, parse: (line: string) => T): T[] {
  const lines = text.split('~');
  if (lines.length > MAX_STEPS) throw new Error(`it has ${lines.length} steps; at most ${MAX_STEPS}`);
  try {
    return lines.map((raw, i) => {
      try {
        return parse(decodeLine(raw));
      } catch (err) {
        if (err instanceof URIError) throw err;
        throw new Error(`step ${i + 1}: ${(err as Error).message}`, { cause: err });
      }
    });
  } catch (err) {
    if (err instanceof URIError) throw new Error('it is not properly encoded', { cause: err });
    throw err;
  }
}

export function formatPaxosLink(link: PaxosLink): string {
  const parts = [`paxos=${encodeURIComponent(link.figure)}`, `v=${PAXOS_LINK_VERSION}`];
  if (link.rules !== null) parts.push(`rules=${link.rules}`);
  if (link.run !== null) parts.push(`run=${encodeURIComponent(link.run)}`);
  else if (link.steps.length > 0) parts.push(`steps=${link.steps.map((s) => encodeLine(describeStep(s))).join('~')}`);
  parts.push(`at=${link.at}`);
  return parts.join('&');
}

/** Reads a hash (without `#`). Null when it is not a Paxos link at all. */
export function parsePaxosLink(hash: string): PaxosLinkParse | null {
  if (!hash.startsWith('paxos=')) return null;
  const { fields, figure } = hashFields(hash, 'paxos');
  const fail = (error: string): PaxosLinkParse => ({ ok: false, figure, error });
  if (!ID.test(figure)) return fail(`"${fields.get('paxos')}" is not a figure's name`);
  const v = fields.get('v');
  if (v !== String(PAXOS_LINK_VERSION)) return fail(v === undefined ? 'it has no version (v=)' : `version ${v} is not supported`);
  const rulesText = fields.get('rules');
  if (rulesText !== undefined && !isMutantName(rulesText)) return fail(`"${rulesText}" is not a rule set of this figure`);
  const atText = fields.get('at') ?? '0';
  if (!/^\d{1,5}$/.test(atText)) return fail(`position "${atText}" is not a step number`);
  const at = Number(atText);
  let run: string | null = null;
  let steps: PaxosStep[] = [];
  try {
    if (fields.has('run')) run = decodeURIComponent(fields.get('run')!);
    else if (fields.get('steps')) steps = readStepList(fields.get('steps')!, parseStepLine);
  } catch (err) {
    return fail(err instanceof URIError ? 'it is not properly encoded' : (err as Error).message);
  }
  if (run === null && at > steps.length) return fail(`position ${at} is past its ${steps.length} steps`);
  return { ok: true, link: { figure, rules: (rulesText ?? null) as MutantName | null, run, steps, at } };
}
