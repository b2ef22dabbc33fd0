/**
 * The Multi-Paxos stepper as a link: the page hash that reopens the figure at the step a
 * reader was looking at, as the single-decree stepper's link does (`link.ts`), under its own
 * key so the single-decree links read exactly as before:
 *
 *   #paxos-multi=<figure id>&v=1(&run=<preset> | &steps=<lines>)&at=<position>
 *
 * `run` names a preset whose lines are the figure's log unchanged (`primary-order`); otherwise
 * `steps` lists the log, each step's line as `describeMultiStep` writes it (`lead p2`,
 * `deliver p1->a1 accept 1.1 #2 B`), URI-encoded with `+` for a space, joined by `~`. `at` is
 * the position in the log (0: the start). Any other hash is not a Multi-Paxos link:
 * `parseMultiLink` answers null.
 *
 * Pure: parse and format only, with a plain-words error for anything malformed.
 * Imports the step lines, the presets and the single-decree link's field reader and line codec.
 */

import { encodeLine, hashFields, readStepList } from './link.ts';
import { describeMultiStep, parseMultiStep, type MultiStep } from './multi-system.ts';
import { PRIMARY_ORDER_PRESET, type MultiPreset } from './primary-order-run.ts';

export const MULTI_LINK_KEY = 'paxos-multi';
export const MULTI_LINK_VERSION = 1;
export const MULTI_PRESETS: readonly MultiPreset[] = [PRIMARY_ORDER_PRESET];

export interface MultiLink {
  readonly figure: string;
  /** A preset whose lines are the log, or null (then `steps` is the log). */
  readonly run: string | null;
  readonly steps: readonly MultiStep[];
  readonly at: number;
}

export type MultiLinkParse = { readonly ok: true; readonly link: MultiLink } | { readonly ok: false; readonly figure: string; readonly error: string };

const ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export function findPreset(name: string): MultiPreset | null {
  return MULTI_PRESETS.find((p) => p.name === name) ?? null;
}

export function formatMultiLink(link: MultiLink): string {
  const parts = [`${MULTI_LINK_KEY}=${encodeURIComponent(link.figure)}`, `v=${MULTI_LINK_VERSION}`];
  if (link.run !== null) parts.push(`run=${encodeURIComponent(link.run)}`);
  else if (link.steps.length > 0) parts.push(`steps=${link.steps.map((s) => encodeLine(describeMultiStep(s))).join('~')}`);
  parts.push(`at=${link.at}`);
  return parts.join('&');
}

/** Reads a hash (without `#`). Null when it is not a Multi-Paxos link at all. */
export function parseMultiLink(hash: string): MultiLinkParse | null {
  if (!hash.startsWith(`${MULTI_LINK_KEY}=`)) return null;
  const { fields, figure } = hashFields(hash, MULTI_LINK_KEY);
  const fail = (error: string): MultiLinkParse => ({
    ok: false,
    figure,
    error,
  });
  if (!ID.test(figure)) return fail(`"${fields.get(MULTI_LINK_KEY)}" is not a figure's name`);
  const v = fields.get('v');
  if (v !== String(MULTI_LINK_VERSION)) return fail(v === undefined ? 'it has no version (v=)' : `version ${v} is not supported`);
  const atText = fields.get('at') ?? '0';
  if (!/^\d{1,5}$/.test(atText)) return fail(`position "${atText}" is not a step number`);
  const at = Number(atText);
  if (fields.has('run') && fields.has('steps')) return fail('it names both a run and steps');
  let run: string | null = null;
  let steps: MultiStep[] = [];
  try {
    if (fields.has('run')) {
      run = decodeURIComponent(fields.get('run')!);
      const preset = findPreset(run);
      if (!preset) return fail(`"${run}" is not a run of this figure (there is ${MULTI_PRESETS.map((p) => p.name).join(', ')})`);
      if (at > preset.lines.length) return fail(`position ${at} is past its ${preset.lines.length} steps`);
    } else if (fields.get('steps')) steps = readStepList(fields.get('steps')!, parseMultiStep);
  } catch (err) {
    return fail(err instanceof URIError ? 'it is not properly encoded' : (err as Error).message);
  }
  if (run === null && at > steps.length) return fail(`position ${at} is past its ${steps.length} steps`);
  return { ok: true, link: { figure, run, steps, at } };
}
