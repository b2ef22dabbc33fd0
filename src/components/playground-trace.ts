/**
 * The Playground's view of a run's trace: what happened in the ensemble while the reader's
 * code ran. A summary (messages, client calls and their results, watch notifications,
 * faults), a scrubber over every event (keyboard: arrows, Home/End) with the event at the
 * position in words, the client calls up to it, and the ensemble drawn at that moment by
 * the book's own live views (`src/views/trace-digest.ts`, `ensemble-model.ts`,
 * `ensemble-view.ts`, loaded with the first trace shown).
 *
 * A check's failing run opens here at the event where it went wrong. Browser-only;
 * imports kernel trace types and (lazily) the views.
 */
import { commandWords, outputWords } from '../../playground/client/events.ts';
import { isFaultEvent } from '../../playground/sim/faults.ts';
import { describeEvent } from '../../playground/sim/trace.ts';
import type { TraceEvent } from '../../playground/sim/trace.ts';
import type { NodeId } from '../../playground/sim/types.ts';

type Views = {
  TraceDigest: typeof import('../views/trace-digest.ts').TraceDigest;
  buildEnsembleModel: typeof import('../views/ensemble-model.ts').buildEnsembleModel;
  createEnsembleSvg: typeof import('../views/ensemble-view.ts').createEnsembleSvg;
  drawEnsemble: typeof import('../views/ensemble-view.ts').drawEnsemble;
};

let views: Promise<Views> | null = null;
function loadViews(): Promise<Views> {
  views ??= Promise.all([import('../views/trace-digest.ts'), import('../views/ensemble-model.ts'), import('../views/ensemble-view.ts')]).then(([d, m, v]) => ({
    TraceDigest: d.TraceDigest,
    buildEnsembleModel: m.buildEnsembleModel,
    createEnsembleSvg: v.createEnsembleSvg,
    drawEnsemble: v.drawEnsemble,
  }));
  return views;
}


/** A client call and what came back, read from the trace. */
interface CallRow {
  readonly index: number;
  readonly time: number;
  readonly client: NodeId;
  readonly what: string;
  result: string;
  resultIndex: number | undefined;
}

/** Each call of the run (the client node's traced commands) with its outcome, in the engine's words. */
function callRows(trace: readonly TraceEvent[]): CallRow[] {
  const rows: CallRow[] = [];
  const open = new Map<string, CallRow>();
  for (const e of trace) {
    if (e.kind === 'request') {
      const c = commandWords(e.value);
      if (c?.kind !== 'call') continue;
      const row: CallRow = { index: e.index, time: e.time, client: e.node, what: `${c.op}(${c.path !== null ? `'${c.path}'` : ''})`, result: 'no reply', resultIndex: undefined };
      rows.push(row);
      open.set(`${e.node}:${c.handle}:${c.reqId}`, row);
    } else if (e.kind === 'output') {
      const o = outputWords(e.value);
      if (o?.kind !== 'reply') continue;
      const row = open.get(`${e.node}:${o.handle}:${o.reqId}`);
      if (row === undefined) continue;
      row.result = o.outcome === 'OK' ? 'ok' : o.outcome;
      row.resultIndex = e.index;
    }
  }
  return rows;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls !== undefined) e.className = cls;
  return e;
}

export class TracePanel {
  private trace: readonly TraceEvent[] = [];
  private position = 0;
  private rows: CallRow[] = [];
  private digest: InstanceType<Views['TraceDigest']> | null = null;
  private svg: SVGSVGElement | null = null;
  private servers: NodeId[] = [];
  private clients: NodeId[] = [];
  private growing = 0;

  private readonly host: HTMLElement;

  constructor(host: HTMLElement) {
    this.host = host;
  }

  reset(): void {
    this.host.replaceChildren();
    this.host.hidden = true;
    this.trace = [];
    this.digest = null;
    this.svg = null;
  }

  /** While a run streams: just the count. */
  grow(trace: readonly TraceEvent[]): void {
    if (this.growing !== 0) return;
    this.growing = requestAnimationFrame(() => {
      this.growing = 0;
      this.host.hidden = false;
      this.host.replaceChildren(el('p', `${trace.length} events so far…`, 'pg-hint'));
    });
  }

  /** The finished run, positioned at `at` (the moment something went wrong) or its end. */
  show(trace: readonly TraceEvent[], at: number | undefined): void {
    if (this.growing !== 0) cancelAnimationFrame(this.growing);
    this.growing = 0;
    this.trace = trace;
    this.host.replaceChildren();
    if (trace.length === 0) {
      this.host.hidden = true;
      return;
    }
    this.host.hidden = false;
    this.rows = callRows(trace);
    const nodes = new Set<NodeId>();
    for (const e of trace) if (e.kind === 'start') nodes.add(e.node);
    this.servers = [...nodes].filter((n) => /^s\d+$/.test(n));
    this.clients = [...nodes].filter((n) => !/^s\d+$/.test(n));

    const count = (k: string): number => trace.filter((e) => e.kind === k).length;
    const notes = trace.filter((e) => {
      const o = e.kind === 'output' ? outputWords(e.value) : null;
      return o?.kind === 'event' && o.type !== 'None';
    }).length;
    const faults = trace.filter(isFaultEvent).length;
    const failed = this.rows.filter((r) => r.result !== 'ok').length;
    this.host.append(el('h4', 'What happened in the ensemble', 'pg-sub'));
    const summary = el('p', undefined, 'pg-summary');
    summary.textContent = `${trace.length} events over ${trace.at(-1)!.time} ms of virtual time: ${count('send')} messages sent (${count('drop')} lost), ${this.rows.length} client calls (${failed} failed or unanswered), ${notes} watch notifications, ${faults} faults. Servers ${this.servers.join(', ')}; clients ${this.clients.join(', ') || 'none'}.`;
    this.host.append(summary);

    const bar = el('div', undefined, 'pg-scrub');
    const back = el('button', '◀');
    back.type = 'button';
    back.setAttribute('aria-label', 'Previous event');
    const fwd = el('button', '▶');
    fwd.type = 'button';
    fwd.setAttribute('aria-label', 'Next event');
    const range = el('input');
    range.type = 'range';
    range.min = '0';
    range.max = String(trace.length - 1);
    range.step = '1';
    range.setAttribute('aria-label', 'Trace event');
    range.dataset.role = 'scrub';
    bar.append(back, range, fwd);
    this.host.append(bar);
    const now = el('p', undefined, 'pg-event');
    now.dataset.role = 'event';
    now.setAttribute('aria-live', 'polite');
    this.host.append(now);
    const canvas = el('div', undefined, 'pg-ensemble');
    this.host.append(canvas);
    const calls = el('details', undefined, 'pg-calls');
    calls.append(el('summary', 'Client calls up to this event'));
    const table = el('table');
    calls.append(table);
    this.host.append(calls);

    const go = (p: number): void => {
      this.position = Math.max(0, Math.min(trace.length - 1, p));
      range.value = String(this.position);
      const e = trace[this.position]!;
      now.textContent = describeEvent(e);
      table.replaceChildren();
      const head = el('tr');
      for (const h of ['#', 't (ms)', 'client', 'call', 'result']) {
        const th = el('th', h);
        th.scope = 'col';
        head.append(th);
      }
      table.append(el('caption', 'Client calls'), head);
      for (const r of this.rows.filter((r) => r.index <= this.position).slice(-12)) {
        const tr = el('tr');
        const result = r.resultIndex !== undefined && r.resultIndex <= this.position ? r.result : 'waiting';
        for (const c of [String(r.index), String(r.time), r.client, r.what, result]) tr.append(el('td', c));
        table.append(tr);
      }
      void this.draw(canvas);
    };
    range.addEventListener('input', () => go(Number(range.value)));
    back.addEventListener('click', () => go(this.position - 1));
    fwd.addEventListener('click', () => go(this.position + 1));
    go(at ?? trace.length - 1);
  }

  private async draw(canvas: HTMLElement): Promise<void> {
    const v = await loadViews();
    if (this.trace.length === 0) return;
    this.digest ??= new v.TraceDigest(this.trace, this.servers, this.clients);
    this.svg ??= v.createEnsembleSvg(canvas, 'The ensemble at this event: servers, clients and messages in flight');
    const position = this.position + 1;
    const state = this.digest.at(position);
    const model = v.buildEnsembleModel(state, this.trace[this.position]!.time, this.servers, this.clients, { hidePings: true, width: canvas.clientWidth });
    v.drawEnsemble(this.svg, model, { inspected: null, onMessage: () => {}, onServer: () => {} });
  }
}
