/**
 * A lab's footprint: the room its views take at the first frame they draw, computed at build
 * time from the very models they draw with, and written into the page as CSS, so that
 * nothing below a lab moves when its script runs or when a view first comes into sight
 * (issue 18: layout shift at most 0.02). Pure.
 *
 * - The ensemble scales with its canvas (a viewBox at 100 % width, at most min(60vh, 30rem)
 *   high, never narrower than 290 px), in the wide layout from `wideMinWidth` up and in the
 *   compact one below it: its height is a function of the canvas's width, which a container
 *   query turns into CSS.
 * - The space-time diagram is drawn at 1:1, as high as its lanes.
 * - The transaction logs are a row per server: a line of text, or a row of entry buttons,
 *   under a row of epochs once there are entries.
 */
import type { NodeId } from '../../playground/sim/types.ts';
import { buildEnsembleModel, wideMinWidth } from './ensemble-model.ts';
import { spaceTimeHeight } from './space-time-model.ts';
import type { ClusterState } from './trace-digest.ts';
import { TXN_GRID_REM } from './txn-log-model.ts';

export interface LabFootprint {
  /** The ensemble's viewBox sizes (user units) in each layout, and where the wide one starts. */
  readonly ensemble: { readonly wide: readonly [number, number]; readonly compact: readonly [number, number]; readonly wideFromPx: number };
  /** The space-time drawing's height in CSS pixels. */
  readonly spaceTimePx: number;
  /** The transaction logs' rows: how many are a line of text, how many hold entries. */
  readonly txnRows: { readonly empty: number; readonly withEntries: number };
}

export function labFootprint(state: ClusterState, now: number, servers: readonly NodeId[], clients: readonly NodeId[]): LabFootprint {
  const wideFromPx = wideMinWidth(servers, clients);
  const size = (width: number): [number, number] => {
    const m = buildEnsembleModel(state, now, servers, clients, { width });
    return [m.width, m.height];
  };
  const withEntries = servers.filter((id) => (state.servers.get(id)?.log.length ?? 0) > 0).length;
  return {
    ensemble: { wide: size(Math.ceil(wideFromPx) + 1), compact: size(Math.max(1, Math.floor(wideFromPx) - 1)), wideFromPx },
    spaceTimePx: spaceTimeHeight(state, servers, clients),
    txnRows: { empty: servers.length - withEntries, withEntries },
  };
}

const round = (n: number): string => String(Math.round(n * 1000) / 1000);

/**
 * The CSS that reserves `f` for the views of lab `lab` (each view names its lab in
 * `data-lab`). The ensemble's view is a size container (book.css), so its canvas's height
 * follows its width as the drawing's does; numbers must match book.css's `.ensemble-svg`
 * (290 px at least, min(60vh, 30rem) at most) and `.txn-*` rules.
 */
export function footprintCss(lab: string, f: LabFootprint): string {
  const at = (name: string): string => `${name}[data-lab="${lab.replace(/["\\]/g, '')}"]`;
  const ensembleHeight = ([w, h]: readonly [number, number]): string => `min(60vh, 30rem, max(290px, 100cqw) * ${round(h / w)})`;
  const { empty, withEntries } = f.txnRows;
  const rows = empty + withEntries;
  return [
    `${at('ensemble-diagram')} .ensemble-canvas { min-height: ${ensembleHeight(f.ensemble.wide)}; }`,
    `@container (width < ${round(f.ensemble.wideFromPx)}px) { ${at('ensemble-diagram')} .ensemble-canvas { min-height: ${ensembleHeight(f.ensemble.compact)}; } }`,
    `${at('space-time')} .space-time-canvas { min-height: ${f.spaceTimePx}px; }`,
    // With entries, the grid has a row of epochs over its columns (TXN_GRID_REM.header).
    rows > 0 ? `${at('txn-log')} .txn-rows { min-height: calc(${empty} * 1lh + ${withEntries} * 1.8rem + ${rows - 1} * 0.2rem${withEntries > 0 ? ` + ${TXN_GRID_REM.header + TXN_GRID_REM.gap}rem` : ''}); }` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
