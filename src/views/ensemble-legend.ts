/**
 * The ensemble diagram's key, showing only what the figure can show. Each entry names one
 * thing the diagram draws; an entry with a `key` is drawn only by some runs (an observer, a
 * crashed or frozen server, a partition). Which of them a lab's key lists is derived, not
 * written per page: at build time from the lab's scenario (the trace at its start and at each
 * of its named moments, the places the chapter sends the reader) and from the faults its bar
 * offers (`legendKeysOfLab`); in the page, an entry a reader's own fault brings on screen is
 * added from the trace (`legendKeysOfTrace`). The words are the figure catalogue's
 * (src/i18n/<locale>/figure.ts). Pure.
 */
import type { TraceEvent } from '../../playground/sim/trace.ts';
import type { FigureMessages } from '../i18n/en/figure.ts';

/** The things only some runs draw. */
export const LEGEND_KEYS = ['observing', 'down', 'frozen', 'partition'] as const;
export type LegendKey = (typeof LEGEND_KEYS)[number];

export interface LegendEntry {
  /** Shown only when the run can show it; null: always. */
  readonly key: LegendKey | null;
  /** Its words in the figure catalogue (src/i18n/<locale>/figure.ts, `legend`): HTML, starting with its separator after the first. */
  readonly words: keyof FigureMessages['legend'];
}

export const ENSEMBLE_LEGEND: readonly LegendEntry[] = [
  { key: null, words: 'roles' },
  { key: 'observing', words: 'observing' },
  { key: null, words: 'electing' },
  { key: 'down', words: 'down' },
  { key: 'frozen', words: 'frozen' },
  { key: 'partition', words: 'partition' },
  { key: null, words: 'messages' },
  { key: 'observing', words: 'inform' },
];

/** The faults of the lab's bar (lab-controls.ts names) and what they bring on screen. */
const CONTROL_KEYS: Readonly<Record<string, LegendKey>> = {
  crash: 'down',
  'kill-leader': 'down',
  freeze: 'frozen',
  'freeze-leader': 'frozen',
  partition: 'partition',
  'partition-leader': 'partition',
};

/** What events [from, to) of a trace bring on screen. */
export function legendKeysOfTrace(trace: readonly TraceEvent[], from = 0, to = trace.length, into = new Set<LegendKey>()): Set<LegendKey> {
  for (let i = from; i < to; i++) {
    const e = trace[i]!;
    if (e.kind === 'crash') into.add('down');
    else if (e.kind === 'freeze') into.add('frozen');
    else if (e.kind === 'partition') into.add('partition');
    else if (e.kind === 'protocol' && e.event.type === 'zab.state' && e.event['state'] === 'OBSERVING') into.add('observing');
  }
  return into;
}

/** A run's trace up to a position. */
export interface RunTo {
  readonly trace: readonly TraceEvent[];
  readonly position: number;
}

/**
 * What a lab can show without the reader reaching into "More controls…": its scenario's runs
 * (at its start and to each of its moments: EnsembleLab.astro finds them) and the faults of
 * its bar. Build time.
 */
export function legendKeysOfLab(runs: Iterable<RunTo>, controls: readonly string[]): Set<LegendKey> {
  const keys = new Set<LegendKey>();
  for (const c of controls) if (CONTROL_KEYS[c]) keys.add(CONTROL_KEYS[c]);
  for (const run of runs) legendKeysOfTrace(run.trace, 0, run.position, keys);
  return keys;
}

/**
 * CSS that hides, in lab `lab`'s ensemble diagrams, the entries its run cannot show (until
 * the page marks one `data-seen`, when a reader's fault shows it).
 */
export function legendCss(lab: string, keys: ReadonlySet<LegendKey>): string {
  const hidden = LEGEND_KEYS.filter((k) => !keys.has(k));
  if (hidden.length === 0) return '';
  const at = `ensemble-diagram[data-lab="${lab.replace(/["\\]/g, '')}"]`;
  return `${hidden.map((k) => `${at} [data-legend="${k}"]:not([data-seen])`).join(', ')} { display: none; }`;
}
