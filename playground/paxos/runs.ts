/**
 * The classic runs, loaded by name: JSON step lists in `runs/*.json` that build the famous
 * cases by hand (a clean round, a second proposer adopting the chosen value, duelling
 * proposers, an acceptor crash, a lost accept repaired), each with the outcome it must reach.
 * A paxos-check counterexample has the same shape and loads the same way (`parseRun`).
 *
 *   { "name", "title", "summary", "source", "config": { acceptors, proposers, learners, mutants },
 *     "expect": { "chosen": "X" | null }, "steps": [ ...PaxosStep ] }
 *
 * Imports the JSON files (import attributes, understood by Node and Vite alike), the step
 * parser and the engine.
 */

import acceptorCrash from './runs/acceptor-crash.json' with { type: 'json' };
import cleanRound from './runs/clean-round.json' with { type: 'json' };
import competingProposers from './runs/competing-proposers.json' with { type: 'json' };
import duellingProposers from './runs/duelling-proposers.json' with { type: 'json' };
import lostAccept from './runs/lost-accept.json' with { type: 'json' };
import { checkMutants } from './mutants.ts';
import { parseStep, type PaxosStep } from './steps.ts';
import { applyStep, DEFAULT_CONFIG, initialState, type PaxosConfig, type PaxosState } from './system.ts';

export interface PaxosRun {
  readonly name: string;
  readonly title: string;
  readonly summary: string;
  readonly source: string;
  readonly config: PaxosConfig;
  /** The value the run must end with chosen (null: none), if the run promises one. */
  readonly expect: { readonly chosen: string | null } | null;
  readonly steps: readonly PaxosStep[];
}

/** Checks a run read from JSON; throws naming the field at fault. */
export function parseRun(raw: unknown): PaxosRun {
  if (typeof raw !== 'object' || raw === null) throw new Error('a run must be a JSON object');
  const r = raw as Record<string, unknown>;
  const text = (key: string, fallback?: string): string => {
    const v = r[key] ?? fallback;
    if (typeof v !== 'string') throw new Error(`run: "${key}" must be a string`);
    return v;
  };
  if (!Array.isArray(r.steps)) throw new Error('run: "steps" must be an array');
  const c = (r.config ?? {}) as Partial<PaxosConfig>;
  const config: PaxosConfig = {
    acceptors: c.acceptors ?? DEFAULT_CONFIG.acceptors,
    proposers: c.proposers ?? DEFAULT_CONFIG.proposers,
    learners: c.learners ?? DEFAULT_CONFIG.learners,
    mutants: checkMutants(c.mutants ?? []),
  };
  const e = r.expect as { chosen?: unknown } | undefined;
  if (e !== undefined && !(typeof e.chosen === 'string' || e.chosen === null)) throw new Error('run: "expect.chosen" must be a value or null');
  const name = text('name');
  return {
    name,
    title: text('title', name),
    summary: text('summary', ''),
    source: text('source', ''),
    config,
    expect: e === undefined ? null : { chosen: e.chosen as string | null },
    steps: r.steps.map(parseStep),
  };
}

export const CLASSIC_RUNS: readonly PaxosRun[] = [cleanRound, competingProposers, duellingProposers, acceptorCrash, lostAccept].map(parseRun);

export function loadRun(name: string): PaxosRun {
  const run = CLASSIC_RUNS.find((r) => r.name === name);
  if (!run) throw new Error(`no classic run ${JSON.stringify(name)}; there are ${CLASSIC_RUNS.map((r) => r.name).join(', ')}`);
  return run;
}

/** Every state of a run, from the initial one (index 0) to the end. Throws at a step that cannot apply. */
export function replayRun(run: PaxosRun): PaxosState[] {
  const states = [initialState(run.config)];
  run.steps.forEach((step, i) => {
    try {
      states.push(applyStep(states[i]!, step));
    } catch (err) {
      throw new Error(`run ${run.name}, step ${i + 1}: ${(err as Error).message}`, { cause: err });
    }
  });
  return states;
}
