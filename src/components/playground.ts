/**
 * The <ensemble-playground> custom element (behaviour of Playground.astro).
 *
 * - The code: shown as build-time highlighted text (or, when the reader has saved work or
 *   opened a link, as plain text) until a click or focus on Edit imports Monaco
 *   (`src/editor/monaco.ts`); a chapter's first load never fetches it. Every change is
 *   saved to localStorage at once (`src/playground/persistence.ts`).
 * - Run (button, Ctrl/Cmd+Enter) and Check send the code to the sandbox
 *   (`src/playground/sandbox-host.ts`: a worker inside a sandboxed iframe), which is loaded
 *   on the first of them. Output streams into the console; the trace streams back and is
 *   summarised, with a scrubber over its events (`playground-trace.ts`). Errors show with
 *   their line in the console and as a marker in the editor.
 * - Stop ends the job; the sandbox's watchdog ends a program that never yields; the page
 *   stays responsive and the next Run starts a fresh sandbox.
 * - Copy link puts code, seed and faults in the page hash (`src/playground/link.ts`). Code
 *   from a link is shown and never run until the reader presses Run; a bad link leaves the
 *   saved code alone and says why.
 * - Check (exercises) runs the exercise's fault schedules in the worker and reports pass,
 *   or the first failing schedule with a button that opens that very run here, at the
 *   event where it went wrong.
 *
 * Imports the link and persistence modules, and (lazily) the trace panel, the sandbox host
 * and the editor.
 */
import type { FaultSchedule } from '../../playground/zab/fault-schedule.ts';
import { validateFaultSchedule } from '../../playground/zab/fault-schedule.ts';
import type { OutputLine, ProgramStatus } from '../../playground/sandbox/program.ts';
import type { TraceEvent } from '../../playground/sim/trace.ts';
import { describeSchedule } from '../../playground/exercises/faults.ts';
import type { CheckFailure, HostToWorker } from '../playground/protocol.ts';
import type { Sandbox } from '../playground/sandbox-host.ts';
import { formatPlaygroundLink, parsePlaygroundLink } from '../playground/link.ts';
import { clearWork, loadWork, saveWork } from '../playground/persistence.ts';
import type { TracePanel } from './playground-trace.ts';

type Editor = import('monaco-editor/editor').editor.IStandaloneCodeEditor;
type MonacoModule = typeof import('../editor/monaco.ts');

/** Wall-clock budgets of a job (the watchdog also ends one that stops beating). */
const RUN_BUDGET_MS = 30_000;
const CHECK_BUDGET_MS = 120_000;

let jobIds = 0;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls !== undefined) e.className = cls;
  return e;
}

function statusText(s: ProgramStatus): string {
  switch (s.kind) {
    case 'finished':
      return 'finished';
    case 'stuck':
      return `never settled — ${s.message}`;
    case 'threw': {
      const where = s.line !== undefined ? ` at line ${s.line}` : '';
      const code = s.code !== undefined && s.code !== 'ILLEGAL_ARGUMENT' ? ` ${s.code}` : '';
      return `threw${where}: ${s.name}${code}: ${s.message}`;
    }
  }
}

class PlaygroundElement extends HTMLElement {
  private id_ = '';
  private exercise: string | undefined;
  private start = '';
  private code = '';
  private editor: Editor | null = null;
  private monaco: MonacoModule | null = null;
  private loadingEditor: Promise<void> | null = null;
  private sandbox: Sandbox | null = null;
  private trace: TracePanel | null = null;
  private fromLink = false;
  private savedBeforeLink: string | null = null;

  connectedCallback(): void {
    if (this.id_ !== '') return;
    this.id_ = this.dataset.id ?? 'playground';
    this.exercise = this.dataset.exercise || undefined;
    this.start = this.dataset.start ?? '';
    const saved = loadWork(this.id_);
    this.code = saved?.code ?? this.start;
    if (saved !== null) {
      this.seedInput.value = String(saved.seed);
      this.faultsInput.value = saved.faults;
      if (saved.code !== this.start) this.showPlain(saved.code, 'Your saved code.');
    }

    const activate = (): void => void this.activateEditor();
    this.byRole('static').addEventListener('click', (e) => {
      if (!(e.target as HTMLElement).closest('.copy')) activate();
    });
    this.button('edit').addEventListener('focus', activate);
    this.button('edit').addEventListener('click', activate);
    this.button('run').addEventListener('click', () => void this.run());
    this.button('stop').addEventListener('click', () => this.sandbox?.stop());
    this.button('reset').addEventListener('click', () => this.reset());
    this.button('copy-link').addEventListener('click', () => void this.copyLink());
    this.querySelector('[data-action="check"]')?.addEventListener('click', () => void this.check());
    this.querySelector('[data-action="solution"]')?.addEventListener('click', () => this.showSolution());
    this.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && this.editor === null) {
        e.preventDefault();
        void this.run();
      }
    });
    const persist = (): void => this.persist();
    this.seedInput.addEventListener('input', persist);
    this.faultsInput.addEventListener('input', persist);
    void this.readLink();
    window.addEventListener('hashchange', () => void this.readLink());
  }

  // ---- parts ----

  private byRole(role: string): HTMLElement {
    return this.querySelector<HTMLElement>(`[data-role="${role}"]`)!;
  }

  private button(action: string): HTMLButtonElement {
    return this.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
  }

  private get seedInput(): HTMLInputElement {
    return this.byRole('seed') as HTMLInputElement;
  }

  private get faultsInput(): HTMLTextAreaElement {
    return this.byRole('faults') as HTMLTextAreaElement;
  }

  private setStatus(text: string): void {
    this.byRole('status').textContent = text;
  }

  private banner(text: string | null, actions: readonly [string, () => void][] = []): void {
    const b = this.byRole('banner');
    b.replaceChildren();
    b.hidden = text === null;
    if (text === null) return;
    b.append(el('span', text));
    for (const [label, fn] of actions) {
      const btn = el('button', label);
      btn.type = 'button';
      btn.addEventListener('click', fn);
      b.append(' ', btn);
    }
  }

  // ---- code ----

  /** Show code as plain text in place of the highlighted start (before Monaco loads). */
  private showPlain(code: string, note: string): void {
    const plain = this.byRole('plain');
    plain.textContent = code;
    plain.setAttribute('aria-label', note);
    plain.hidden = false;
    const highlighted = this.byRole('static').querySelector<HTMLElement>('.expressive-code');
    if (highlighted) highlighted.hidden = true;
  }

  private setCode(code: string, save: boolean): void {
    this.code = code;
    if (this.editor !== null && this.monaco !== null) {
      if (this.editor.getValue() !== code) this.monaco.setText(this.editor, code);
    } else if (code === this.start) {
      this.byRole('plain').hidden = true;
      const highlighted = this.byRole('static').querySelector<HTMLElement>('.expressive-code');
      if (highlighted) highlighted.hidden = false;
    } else {
      this.showPlain(code, 'Code');
    }
    if (save) this.persist();
  }

  private persist(): void {
    if (this.fromLink) return;
    if (this.code === this.start && this.seedInput.value === '1' && this.faultsInput.value.trim() === '') clearWork(this.id_);
    else saveWork(this.id_, { code: this.code, seed: this.seed(), faults: this.faultsInput.value });
  }

  activateEditor(): Promise<void> {
    this.loadingEditor ??= this.loadEditor();
    return this.loadingEditor;
  }

  private async loadEditor(): Promise<void> {
    const host = this.byRole('editor');
    this.setStatus('Loading the editor…');
    try {
      const mod = await import('../editor/monaco.ts');
      this.monaco = mod;
      const lines = this.code.split('\n').length;
      host.style.setProperty('--pg-height', `${Math.min(Math.max(lines + 2, 8), 32) * 19}px`);
      host.hidden = false;
      this.byRole('static').hidden = true;
      this.editor = mod.mountEditor(host, this.code, {
        language: 'typescript',
        label: this.exercise !== undefined ? `Your code for the exercise` : 'Playground code',
        onChange: (text) => {
          this.code = text;
          if (this.fromLink) this.keepLinkCode();
          this.persist();
        },
        onRun: () => void this.run(),
      });
      this.editor.focus();
      this.dataset.editor = 'ready';
      this.setStatus('Editor ready. Ctrl/Cmd+Enter runs your code.');
    } catch (err) {
      this.setStatus(`The editor could not load: ${(err as Error).message}`);
      host.hidden = true;
      this.byRole('static').hidden = false;
      this.loadingEditor = null;
    }
  }

  private reset(): void {
    this.fromLink = false;
    this.banner(null);
    this.seedInput.value = '1';
    this.faultsInput.value = '';
    this.setCode(this.start, false);
    clearWork(this.id_);
    this.mark(null);
    this.setStatus('Back to the starting code.');
  }

  private showSolution(): void {
    const solution = this.dataset.solution;
    if (solution === undefined) return;
    const mine = this.code;
    this.setCode(solution, true);
    this.setStatus('The solution is in the editor.');
    this.banner('This is the solution. Your own code is one click away.', [
      ['Back to my code', () => {
        this.setCode(mine, true);
        this.banner(null);
      }],
    ]);
  }

  // ---- links ----

  private seed(): number {
    const n = Number(this.seedInput.value);
    return Number.isSafeInteger(n) && n >= 0 ? n : 1;
  }

  private faults(): FaultSchedule | string {
    const text = this.faultsInput.value.trim();
    if (text === '') return { version: 1, events: [] };
    try {
      return validateFaultSchedule(JSON.parse(text));
    } catch (err) {
      return (err as Error).message;
    }
  }

  private async copyLink(): Promise<void> {
    const faults = this.faults();
    if (typeof faults === 'string') {
      this.setStatus(`The fault schedule is not valid, so no link was made: ${faults}`);
      return;
    }
    const hash = await formatPlaygroundLink({ id: this.id_, code: this.code, seed: this.seed(), faults });
    const url = `${location.origin}${location.pathname}${location.search}${hash}`;
    history.replaceState(null, '', hash);
    const copied = await navigator.clipboard.writeText(url).then(
      () => true,
      () => false,
    );
    this.dataset.link = url;
    this.setStatus(copied ? 'Link copied: it carries your code, the seed and the fault schedule.' : 'The link is in the address bar (copying to the clipboard was not allowed).');
  }

  private async readLink(): Promise<void> {
    const parsed = await parsePlaygroundLink(location.hash);
    if (parsed.ok === 'none') return;
    if (parsed.ok === false) {
      // Shown by the playground the link names, or by the page's first one if it names none here.
      const named = /^#pg=([^&]*)/.exec(location.hash)?.[1] ?? '';
      const all = [...document.querySelectorAll<HTMLElement>('ensemble-playground')];
      const owner = all.find((p) => p.dataset.id === named) ?? all[0];
      if (owner === (this as HTMLElement)) this.banner(parsed.error);
      return;
    }
    const link = parsed.link;
    if (link.id !== this.id_) return;
    if (link.code === this.code && link.seed === this.seed()) return;
    this.savedBeforeLink = this.code;
    this.fromLink = true;
    this.setCode(link.code, false);
    this.seedInput.value = String(link.seed);
    this.faultsInput.value = link.faults.events.length > 0 ? JSON.stringify(link.faults, null, 1) : '';
    this.scrollIntoView({ block: 'start' });
    this.banner('This code came from a link. It has not run: read it, then press Run. Your saved code is kept until you edit this.', [
      ['Back to my saved code', () => {
        this.fromLink = false;
        this.banner(null);
        const saved = loadWork(this.id_);
        this.seedInput.value = String(saved?.seed ?? 1);
        this.faultsInput.value = saved?.faults ?? '';
        this.setCode(this.savedBeforeLink ?? this.start, false);
        history.replaceState(null, '', location.pathname + location.search);
      }],
    ]);
  }

  /** The reader edited code from a link: it becomes their saved work. */
  private keepLinkCode(): void {
    this.fromLink = false;
    this.banner(null);
  }

  // ---- running ----

  /** The panel that shows a run's trace, created (and its module fetched) on the first Run. */
  private async tracePanel(): Promise<TracePanel> {
    if (this.trace === null) {
      const { TracePanel } = await import('./playground-trace.ts');
      this.trace ??= new TracePanel(this.byRole('trace'));
    }
    return this.trace;
  }

  /** The sandbox, created (and its module fetched) on the first Run or Check, not at page load. */
  private async ensureSandbox(): Promise<Sandbox> {
    if (this.sandbox === null) {
      const { Sandbox } = await import('../playground/sandbox-host.ts');
      this.sandbox ??= new Sandbox(this.byRole('sandbox'));
    }
    return this.sandbox;
  }

  private busy(on: boolean): void {
    this.button('run').disabled = on;
    this.button('stop').disabled = !on;
    const check = this.querySelector<HTMLButtonElement>('[data-action="check"]');
    if (check) check.disabled = on;
    this.dataset.busy = on ? 'true' : 'false';
  }

  private consoleLine(stream: OutputLine['stream'] | 'system', text: string): void {
    const li = el('div', text, `pg-line pg-${stream}`);
    this.byRole('console').append(li);
    li.scrollIntoView({ block: 'nearest' });
  }

  private mark(problem: { line: number; column?: number; message: string } | null): void {
    if (this.editor !== null && this.monaco !== null) this.monaco.markProblem(this.editor, problem);
  }

  async run(options: { seed?: number; faults?: FaultSchedule; at?: number } = {}): Promise<void> {
    if (this.sandbox?.busy || this.dataset.busy === 'true') return;
    const faults = options.faults ?? this.faults();
    if (typeof faults === 'string') {
      this.setStatus(`The fault schedule is not valid: ${faults}`);
      return;
    }
    const seed = options.seed ?? this.seed();
    this.byRole('console').replaceChildren();
    this.mark(null);
    this.busy(true);
    const trace = await this.tracePanel().catch((err: unknown) => {
      this.busy(false);
      this.setStatus(`The run could not start: ${(err as Error).message}`);
      return null;
    });
    if (trace === null) return;
    trace.reset();
    this.setStatus(`Running (seed ${seed}${faults.events.length > 0 ? `, ${faults.events.length} fault events` : ''})…`);
    const id = ++jobIds;
    const req: HostToWorker = { type: 'run', id, code: this.code, seed, faults, ...(this.exercise !== undefined ? { exercise: this.exercise } : {}) };
    const events: TraceEvent[] = [];
    const end = await (await this.ensureSandbox()).job(req, RUN_BUDGET_MS, (m) => {
      if (m.type === 'output' && m.id === id) this.consoleLine(m.line.stream, m.line.text);
      else if (m.type === 'trace' && m.id === id) {
        for (const e of m.events) events.push(e);
        trace.grow(events);
      }
    }).catch((err: unknown) => ({ kind: 'stopped' as const, why: 'crash' as const, message: `The sandbox could not start: ${(err as Error).message}` }));
    this.busy(false);
    if (end.kind === 'stopped') {
      this.consoleLine('error', end.message);
      this.setStatus(end.message);
      this.dataset.lastRun = end.why;
      trace.show(events, undefined);
      return;
    }
    const m = end.message;
    if (m.type === 'fatal') {
      this.consoleLine('error', m.message);
      this.setStatus(`The sandbox failed: ${m.message}`);
      return;
    }
    if (m.type !== 'run-done') return;
    if (m.compileError !== undefined) {
      const e = m.compileError;
      const where = e.line !== undefined ? `line ${e.line}${e.column !== undefined ? `:${e.column}` : ''}: ` : '';
      this.consoleLine('error', `Compile error: ${where}${e.message}`);
      this.setStatus(`Did not compile: ${where}${e.message}`);
      if (e.line !== undefined) this.mark({ line: e.line, ...(e.column !== undefined ? { column: e.column } : {}), message: e.message });
      this.dataset.lastRun = 'compile-error';
      return;
    }
    const status = m.status!;
    const text = statusText(status);
    if (status.kind !== 'finished') this.consoleLine('error', text.charAt(0).toUpperCase() + text.slice(1));
    if (status.kind === 'threw' && status.line !== undefined) this.mark({ line: status.line, message: `${status.name}${status.code ? ` ${status.code}` : ''}: ${status.message}` });
    let verdict = '';
    if (m.judgement !== undefined) verdict = m.judgement.ok ? ' The exercise check passes on this run.' : ` On this run the check says: ${m.judgement.problem}`;
    const truncated = m.traceDropped > 0 ? ` (the first ${events.length} events are shown)` : '';
    this.setStatus(`Run ${text} after ${m.virtualMs} ms of virtual time, ${m.traceLength} events${truncated}.${verdict}`);
    this.dataset.lastRun = status.kind;
    const at = options.at ?? (m.judgement !== undefined && !m.judgement.ok ? m.judgement.at : undefined);
    trace.show(events, at);
  }

  async check(): Promise<void> {
    const exercise = this.exercise;
    if (exercise === undefined || this.sandbox?.busy || this.dataset.busy === 'true') return;
    const panel = this.byRole('check');
    panel.hidden = true;
    panel.replaceChildren();
    this.mark(null);
    this.busy(true);
    const progress = this.byRole('progress');
    const bar = this.byRole('bar');
    progress.hidden = false;
    bar.style.width = '0%';
    this.setStatus('Checking under faults…');
    const id = ++jobIds;
    const end = await (await this.ensureSandbox()).job({ type: 'check', id, code: this.code, exercise }, CHECK_BUDGET_MS, (m) => {
      if (m.type === 'progress' && m.id === id) {
        bar.style.width = `${Math.round((100 * m.done) / m.total)}%`;
        this.setStatus(`Checking under faults… ${m.done} of ${m.total} schedules`);
      }
    }).catch((err: unknown) => ({ kind: 'stopped' as const, why: 'crash' as const, message: `The sandbox could not start: ${(err as Error).message}` }));
    this.busy(false);
    progress.hidden = true;
    panel.hidden = false;
    if (end.kind === 'stopped') {
      panel.append(el('p', end.message, 'pg-fail'));
      this.setStatus(end.message);
      this.dataset.check = end.why;
      return;
    }
    const m = end.message;
    if (m.type !== 'check-done') {
      panel.append(el('p', m.type === 'fatal' ? m.message : 'The check failed to run.', 'pg-fail'));
      return;
    }
    this.dataset.check = m.kind;
    if (m.kind !== 'compile-error') this.dataset.checkMs = String(m.ms);
    if (m.kind === 'compile-error') {
      const where = m.error.line !== undefined ? `line ${m.error.line}: ` : '';
      panel.append(el('p', `Your code does not compile: ${where}${m.error.message}`, 'pg-fail'));
      if (m.error.line !== undefined) this.mark({ line: m.error.line, ...(m.error.column !== undefined ? { column: m.error.column } : {}), message: m.error.message });
      this.setStatus('Check: does not compile.');
    } else if (m.kind === 'passed') {
      panel.append(el('p', `✓ Passed: your code was correct in all ${m.schedules} fault schedules (${(m.ms / 1000).toFixed(1)} s).`, 'pg-pass'));
      this.setStatus(`Check passed on ${m.schedules} fault schedules.`);
    } else {
      this.showFailure(panel, m.failure, m.schedules);
      this.setStatus(`Check failed on fault schedule ${m.failure.seed}: ${m.failure.problem}`);
    }
  }

  private showFailure(panel: HTMLElement, f: CheckFailure, schedules: number): void {
    panel.append(el('p', `✗ Failed on fault schedule ${f.seed}${schedules > 1 ? ` (the ${schedules - 1} before it passed)` : ''}: ${f.problem}`, 'pg-fail'));
    const dl = el('dl', undefined, 'pg-replay');
    const row = (k: string, v: string): void => {
      dl.append(el('dt', k), el('dd', v));
    };
    row('Seed', String(f.seed));
    row('Faults', f.faults.events.length > 0 ? describeSchedule(f.faults).join('; ') : 'none');
    if (f.at !== undefined) row('Went wrong at', `event #${f.at}${f.time !== undefined ? `, t=${f.time} ms` : ''}${f.event !== undefined ? ` — ${f.event}` : ''}`);
    panel.append(dl);
    if (f.lastOutput.length > 0) {
      panel.append(el('p', 'Its last output:', 'pg-sub'));
      const pre = el('pre', f.lastOutput.map((l) => l.text).join('\n'), 'pg-out');
      panel.append(pre);
    }
    const open = el('button', 'Open the failing run');
    open.type = 'button';
    open.dataset.action = 'open-failure';
    open.addEventListener('click', () => {
      this.seedInput.value = String(f.seed);
      this.faultsInput.value = f.faults.events.length > 0 ? JSON.stringify(f.faults, null, 1) : '';
      this.persist();
      void this.run({ seed: f.seed, faults: f.faults, ...(f.at !== undefined ? { at: f.at } : {}) });
    });
    panel.append(open);
  }
}

if (!customElements.get('ensemble-playground')) customElements.define('ensemble-playground', PlaygroundElement);
