/**
 * TxnLog drawing: rows of TxnLogRow into HTML with d3-selection keyed joins (servers by
 * id, entries by zxid). Entry status is told by a glyph and words, not colour alone; the
 * fill is the entry's epoch tint, as on the ensemble's servers.
 * Draws only.
 */
import { select } from 'd3-selection';
import type { TxnLogEntry, TxnLogRow } from './txn-log-model.ts';

const GLYPH: Record<TxnLogEntry['status'], string> = { proposed: '○', committed: '●', truncated: '✕' };

export function drawTxnLog(host: HTMLElement, rows: readonly TxnLogRow[], onSelect: (zxid: string) => void): void {
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
  const entries = row
    .select('ol.txn-entries')
    .attr('aria-label', (d) => d.summary)
    .selectAll<HTMLLIElement, TxnLogEntry>('li')
    .data((d) => d.entries, (e) => e.zxid)
    .join((enter) => {
      const li = enter.append('li');
      li.append('button').attr('type', 'button');
      return li;
    })
    .on('click', (_ev, e) => onSelect(e.zxid));
  // Only entries whose status, label or selection changed are touched (most never change).
  entries
    .filter(function (this: HTMLLIElement & { __sig?: string }, e) {
      const sig = `${e.status}|${e.selected}|${e.txn}`;
      if (this.__sig === sig) return false;
      this.__sig = sig;
      return true;
    })
    .attr('data-status', (e) => e.status)
    .attr('data-tint', (e) => e.tint)
    .classed('selected', (e) => e.selected)
    .select('button')
    .attr('aria-pressed', (e) => String(e.selected))
    .attr('aria-label', (e) => `zxid ${e.short}, ${e.status}${e.txn ? `, ${e.txn}` : ''}`)
    .attr('title', (e) => `${e.zxid} ${e.txn}`)
    .text((e) => `${GLYPH[e.status]} ${e.short}`);
}
