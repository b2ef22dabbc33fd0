/**
 * TxnLog drawing: rows of TxnLogRow into HTML with d3-selection keyed joins (servers by
 * id, entries by zxid), laid on the grid of `txnLogGrid`: a column per zxid, so one
 * transaction lines up on every server (RaftScope's log grid), a header of epochs over their
 * columns, and an empty dotted slot where a server lacks a zxid the others have; as many of
 * the newest columns as fit (the owner chooses them), so nothing scrolls sideways. Entry status
 * is told by a glyph, a border and words, not colour alone; the fill is the entry's epoch
 * tint, as on the ensemble's servers.
 * Draws only.
 */
import { select, type Selection } from 'd3-selection';
import type { TxnLogEntry, TxnLogGrid, TxnLogRow } from './txn-log-model.ts';

const GLYPH: Record<TxnLogEntry['status'], string> = { proposed: '○', committed: '●', truncated: '✕' };

type EntryCell = { entry: TxnLogEntry; column: number };
type Cell = EntryCell | { gap: number };

export function drawTxnLog(host: HTMLElement, rows: readonly TxnLogRow[], grid: TxnLogGrid, onSelect: (zxid: string) => void): void {
  host.style.setProperty('--txn-columns', String(Math.max(1, grid.columns.length)));

  select(host)
    .selectAll<HTMLDivElement, TxnLogGrid>('div.txn-epochs')
    .data(grid.columns.length > 0 ? [grid] : [])
    .join((enter) => {
      const div = enter.insert('div', ':first-child').attr('class', 'txn-epochs').attr('aria-hidden', 'true');
      div.append('span').attr('class', 'txn-server');
      div.append('div').attr('class', 'txn-epoch-cells');
      return div;
    })
    .select('div.txn-epoch-cells')
    .selectAll<HTMLSpanElement, TxnLogGrid['epochs'][number]>('span')
    .data((g) => g.epochs, (e) => `${e.epoch}`)
    .join('span')
    .attr('data-tint', (e) => e.tint)
    .style('grid-column', (e) => `${e.from + 1} / span ${e.span}`)
    .text((e) => `epoch ${e.epoch}`);

  const row = select(host)
    .selectAll<HTMLDivElement, TxnLogRow>('div.txn-row')
    .data(rows, (d) => d.server)
    .join((enter) => {
      const div = enter.append('div').attr('class', 'txn-row');
      div.append('span').attr('class', 'txn-server');
      div.append('ol').attr('class', 'txn-entries');
      return div;
    });
  row.classed('down', (d) => !d.up).attr('data-server', (d) => d.server);
  row.select('span.txn-server').text((d) => `${d.server}${d.up ? (d.role === 'LEADING' ? ' ★' : '') : ' ✕'}`).attr('title', (d) => d.summary);
  const cellsOf = (d: TxnLogRow, i: number): Cell[] => [
    ...d.entries.map((entry, k): EntryCell => ({ entry, column: grid.at[i]![k]! })).filter((c) => c.column >= 0),
    ...grid.missing[i]!.map((gap) => ({ gap })),
  ];
  const cells = row
    .select('ol.txn-entries')
    .attr('aria-label', (d) => d.summary)
    .selectAll<HTMLLIElement, Cell>('li')
    .data(
      (d) => cellsOf(d, rows.indexOf(d)),
      (c) => ('entry' in c ? c.entry.zxid : `gap:${grid.columns[c.gap]!.zxid}`),
    )
    .join((enter) =>
      enter.append('li').each(function (c) {
        if ('entry' in c) select(this).append('button').attr('type', 'button');
        else select(this).attr('class', 'gap').attr('aria-hidden', 'true');
      }),
    )
    .style('grid-column', (c) => String(('entry' in c ? c.column : c.gap) + 1));
  const entries = cells.filter((c) => 'entry' in c) as unknown as Selection<HTMLLIElement, EntryCell, HTMLOListElement, TxnLogRow>;
  entries.on('click', (_ev, c) => onSelect(c.entry.zxid));
  // Only entries whose status, label or selection changed are touched (most never change).
  entries
    .filter(function (this: HTMLLIElement & { __sig?: string }, { entry: e }) {
      const sig = `${e.status}|${e.selected}|${e.txn}`;
      if (this.__sig === sig) return false;
      this.__sig = sig;
      return true;
    })
    .attr('data-status', (c) => c.entry.status)
    .attr('data-tint', (c) => c.entry.tint)
    .classed('selected', (c) => c.entry.selected)
    .select('button')
    .attr('aria-pressed', (c) => String(c.entry.selected))
    .attr('aria-label', (c) => `zxid ${c.entry.short}, ${c.entry.status}${c.entry.txn ? `, ${c.entry.txn}` : ''}`)
    .attr('title', (c) => `${c.entry.zxid} ${c.entry.txn}`)
    .text((c) => `${GLYPH[c.entry.status]} ${c.entry.short}`);
}
