/**
 * The <ensemble-playground> custom element (behaviour of Playground.astro).
 *
 * - The code: shown as build-time highlighted text (or, when the reader has saved work or
 *   opened a link, as plain text with every invisible or bidirectional control drawn as a
 *   `[U+202E]` mark, `hidden-chars.ts`) until a click on it or on Edit (or Enter) opens Monaco
 *   (`src/editor/monaco.ts`); focusing Edit only fetches it; a chapter's first load never does.
 * - The reader's work (`src/sandbox/persistence.ts`) changes only when they edit it or
 *   choose to replace it. A link's code, the solution, or the starting code shown by Reset
 *   while one of those is shown, is a preview: nothing is saved, a banner offers "Back to
 *   my saved code", and only an edit makes it the reader's work. Every replacement keeps
 *   what it replaced under "Earlier versions", with Restore.
 * - Run (button, Ctrl/Cmd+Enter) and Check send the code to the sandbox
 *   (`src/sandbox/programs-host.ts`: a fresh sandboxed iframe and workers for every job),
 *   which is loaded on the first of them. Output streams into the console
 *   (`playground-console.ts`, virtual rows); the trace, rebuilt by the sandbox's gate,
 *   streams back and is summarised, with a scrubber over its events (`playground-trace.ts`).
 *   Errors show with their line in the console and as a marker in the editor.
 * - Stop ends the job; the sandbox's watchdog ends a program that never yields; the page
 *   stays responsive and the next Run starts a fresh sandbox.
 * - Copy link puts code, seed and faults in the page hash (`src/sandbox/link.ts`). Code
 *   from a link (on load or as a hash change) is shown and never run until the reader
 *   presses Run; the banner counts its hidden characters; a bad link says why.
 * - Check (exercises) runs the exercise's fault schedules in the worker and reports pass,
 *   or the first failing schedule with a button that opens that very run here, at the
 *   event where it went wrong.
 *
 * Its words are the page's language's (src/i18n/{en,zh-cn}/playground.ts; the Chinese
 * catalogue is fetched only on a Chinese page), and so is a check's message
 * (src/i18n/{en,zh-cn}/checks.ts, by its id).
 *
 * Imports the persistence and hidden-character modules, and (lazily) the link format, the
 * fault-schedule validator, the earlier-versions list, the console, the trace panel, the
 * sandbox host and the editor.
 */
import type { FaultSchedule } from '../../playground/zab/fault-schedule.ts';
import type { OutputLine, ProgramStatus } from '../../playground/programs/program.ts';
import type { TraceEvent } from '../../playground/sim/trace.ts';
import type { CheckFailure, JobRequest } from '../sandbox/protocol.ts';
import type { JobEnd, Sandbox } from '../sandbox/sandbox-host.ts';
import { WorkStore } from '../sandbox/persistence.ts';
import type { SavedWork } from '../sandbox/persistence.ts';
import { findHiddenChars } from '../editor/hidden-chars.ts';
import { renderCode } from './hidden-marks.ts';
import { readExercise, readHints, writeExercisePassed, writeHints } from './reader-progress.ts';
import type { ConsoleView } from './playground-console.ts';
import type { TracePanel } from './playground-trace.ts';
import { messagesFor, pageLocale } from '../i18n/locale.ts';
import type { Said } from '../../playground/exercises/said.ts';
import en from '../i18n/en/playground.ts';

const m = await messagesFor(en, () => import('../i18n/zh-cn/playground.ts'));

type Editor = import('monaco-editor/editor').editor.IStandaloneCodeEditor;
type MonacoModule = typeof import('../editor/monaco.ts');

/** Wall-clock budgets of a job (the watchdog also ends one that stops beating). */
const RUN_BUDGET_MS = 30_000;
const CHECK_BUDGET_MS = 120_000;

let jobIds = 0;

/** What the editor shows when it is not the reader's own work: nothing of it is saved. */
type Preview = 'link' | 'solution' | 'start';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls !== undefined) e.className = cls;
  return e;
}

function statusText(s: ProgramStatus): string {
  switch (s.kind) {
    case 'finished':
      return m.finished;
    case 'stuck':
      return m.neverSettled(s.message);
    case 'threw': {
      const code = s.code !== undefined && s.code !== 'ILLEGAL_ARGUMENT' ? ` ${s.code}` : '';
      return m.threw(s.line, `${s.name}${code}: ${s.message}`);
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
  private out: ConsoleView | null = null;
  private store!: WorkStore;
  /** The reader's own work: what is saved (or would be, if storage refused). */
  private own: SavedWork = { code: '', seed: 1, faults: '' };
  /** The fault schedule a free-form playground starts with (`faults` of <Playground>), as text lines. */
  private startFaults = '';
  private preview_: Preview | null = null;

  connectedCallback(): void {
    if (this.id_ !== '') return;
    this.id_ = this.dataset.id ?? 'playground';
    this.exercise = this.dataset.exercise || undefined;
    this.start = this.dataset.start ?? '';
    this.startFaults = this.dataset.startFaults ?? '';
    this.store = new WorkStore(this.id_);
    this.own = this.store.load() ?? this.startWork();
    this.showWork(this.own, m.savedCode);
    if (this.exercise !== undefined && readExercise(this.id_) === 'passed') this.byRole('passed').hidden = false;
    this.keepHints();

    const activate = (): void => void this.activateEditor();
    this.byRole('static').addEventListener('click', (e) => {
      if (!(e.target as HTMLElement).closest('.copy')) activate();
    });
    // Focus only fetches Monaco, so that a click or Enter opens it at once; it never swaps the
    // code for the editor or moves the focus (a Tab walk passes Edit like any button: WCAG 3.2.1).
    this.button('edit').addEventListener('focus', () => void import('../editor/monaco.ts').catch(() => undefined), { once: true });
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
    this.byRole('history').addEventListener('toggle', () => void this.renderHistory());
    void this.readLink();
    window.addEventListener('hashchange', () => void this.readLink());
  }

  /** The hints the reader opened stay open after a reload (they nest: n open = the first n). */
  private keepHints(): void {
    const steps = [...this.querySelectorAll<HTMLDetailsElement>('.pg-hint-step')];
    steps.slice(0, readHints(this.id_)).forEach((d) => (d.open = true));
    const open = (): number => {
      const closed = steps.findIndex((d) => !d.open);
      return closed < 0 ? steps.length : closed;
    };
    let kept = open();
    this.querySelector('.pg-hints')?.addEventListener(
      'toggle',
      () => {
        if (open() !== kept) writeHints(this.id_, (kept = open()));
      },
      true,
    );
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

  private banner(text: string | null, actions: readonly [string, () => void][] = [], warning = ''): void {
    const b = this.byRole('banner');
    b.replaceChildren();
    b.hidden = text === null;
    if (text === null) return;
    b.append(el('span', text));
    if (warning !== '') b.append(' ', el('strong', warning, 'pg-banner-warning'));
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
    renderCode(plain, code);
    plain.setAttribute('aria-label', note);
    plain.hidden = false;
    const highlighted = this.byRole('static').querySelector<HTMLElement>('.expressive-code');
    if (highlighted) highlighted.hidden = true;
  }

  /** Put code in the editor (or the plain view). Never saves: only the reader's edits do. */
  private setCode(code: string, note: string): void {
    this.code = code;
    if (this.editor !== null && this.monaco !== null) {
      if (this.editor.getValue() !== code) this.monaco.setText(this.editor, code);
    } else if (code === this.start) {
      this.byRole('plain').hidden = true;
      const highlighted = this.byRole('static').querySelector<HTMLElement>('.expressive-code');
      if (highlighted) highlighted.hidden = false;
    } else {
      this.showPlain(code, note);
    }
  }

  private startWork(): SavedWork {
    return { code: this.start, seed: 1, faults: this.startFaults };
  }

  private current(): SavedWork {
    return { code: this.code, seed: this.seed(), faults: this.faultsInput.value };
  }

  private showWork(work: SavedWork, note: string): void {
    this.setCode(work.code, note);
    this.seedInput.value = String(work.seed);
    this.faultsInput.value = work.faults;
  }

  /** The reader changed the code, seed or faults of their own work: save it. */
  private persist(): void {
    if (this.preview_ !== null) return;
    this.own = this.current();
    this.store.save(this.own);
  }

  /** The reader edited a preview (a link's code, the solution, the start): it becomes their work. */
  private adopt(): void {
    const was = this.preview_;
    this.preview_ = null;
    this.own = this.current();
    this.store.replace(this.own);
    this.banner(null);
    this.forgetLink();
    const what = was === 'link' ? m.linkCodeSubject : was === 'solution' ? m.solution : m.startingCode;
    this.setStatus(m.adopted(what));
    void this.renderHistory();
  }

  /** Show something that is not the reader's work, saving nothing, with a way back. */
  private showPreview(kind: Preview, work: SavedWork, message: string, warning = ''): void {
    this.preview_ = kind;
    this.showWork(work, kind === 'link' ? m.linkCode : kind === 'solution' ? m.solution : m.startingCode);
    this.mark(null);
    this.banner(message, [[m.backToSaved, () => this.backToSaved()]], warning);
  }

  private backToSaved(): void {
    this.preview_ = null;
    this.banner(null);
    this.showWork(this.own, m.savedCode);
    this.mark(null);
    this.forgetLink();
    this.setStatus(m.savedBack);
  }

  /** Take this playground's link out of the address bar, so a reload shows the reader's code. */
  private forgetLink(): void {
    if (/^#pg=([^&]*)/.exec(location.hash)?.[1] === this.id_) history.replaceState(null, '', location.pathname + location.search);
  }

  activateEditor(): Promise<void> {
    this.loadingEditor ??= this.loadEditor();
    return this.loadingEditor;
  }

  private async loadEditor(): Promise<void> {
    const host = this.byRole('editor');
    this.setStatus(m.loadingEditor);
    try {
      const mod = await import('../editor/monaco.ts');
      this.monaco = mod;
      const lines = this.code.split('\n').length;
      host.style.setProperty('--pg-height', `${Math.min(Math.max(lines + 2, 8), 32) * 19}px`);
      host.hidden = false;
      this.byRole('static').hidden = true;
      this.editor = mod.mountEditor(host, this.code, {
        language: 'typescript',
        label: this.exercise !== undefined ? m.editorLabel : m.editorLabelFree,
        // Only the reader's own edits: setText (links, Reset, Restore) does not call this.
        onChange: (text) => {
          this.code = text;
          if (this.preview_ !== null) this.adopt();
          else this.persist();
        },
        onRun: () => void this.run(),
      });
      this.editor.focus();
      this.dataset.editor = 'ready';
      this.setStatus(m.editorReady);
    } catch (err) {
      this.setStatus(m.editorFailed((err as Error).message));
      host.hidden = true;
      this.byRole('static').hidden = false;
      this.loadingEditor = null;
    }
  }

  private reset(): void {
    this.mark(null);
    if (this.preview_ !== null) {
      this.showPreview('start', this.startWork(), m.previewStart);
      this.setStatus(m.startShown);
      return;
    }
    const had = this.own.code !== this.start || this.own.seed !== 1 || this.own.faults !== this.startFaults;
    this.store.clear();
    this.own = this.startWork();
    this.showWork(this.own, m.startingCode);
    this.setStatus(had ? m.backToStartKept : m.backToStart);
    void this.renderHistory();
  }

  private showSolution(): void {
    const solution = this.dataset.solution;
    if (solution === undefined) return;
    this.showPreview('solution', { code: solution, seed: this.seed(), faults: this.faultsInput.value }, m.previewSolution);
    this.setStatus(m.solutionShown);
  }

  // ---- earlier versions ----

  /** Draw the list of earlier versions, if it is open (its module is fetched the first time). */
  private async renderHistory(): Promise<void> {
    const details = this.byRole('history') as HTMLDetailsElement;
    if (!details.open) return;
    const { renderVersions, savedWhen } = await import('./playground-history.ts');
    const versions = this.store.history();
    const empty = this.byRole('no-versions');
    empty.textContent = !this.store.available
      ? m.noStorage
      : versions.length === 0
        ? m.noVersions
        : '';
    empty.hidden = empty.textContent === '';
    renderVersions(this.byRole('versions'), versions, (index) => this.restore(index, savedWhen(versions[index]!.savedAt)));
  }

  private restore(index: number, saved: string): void {
    const work = this.store.restore(index);
    if (work === null) {
      this.setStatus(m.versionGone);
    } else {
      this.preview_ = null;
      this.banner(null);
      this.forgetLink();
      this.own = work;
      this.showWork(work, m.savedCode);
      this.mark(null);
      this.setStatus(m.restored(saved));
    }
    void this.renderHistory();
  }

  // ---- links ----

  private seed(): number {
    const n = Number(this.seedInput.value);
    return Number.isSafeInteger(n) && n >= 0 ? n : 1;
  }

  /** The fault schedule typed in settings, or why it is not valid (the validator is fetched only when there is one). */
  private async faults(): Promise<FaultSchedule | string> {
    const text = this.faultsInput.value.trim();
    if (text === '') return { version: 1, events: [] };
    try {
      // JSON, or lines of the fault language (`at 800ms crash s1`), read against this
      // playground's ensemble; the sandbox reads it again (and is the one that decides).
      const { parseFaultSchedule } = await import('../../playground/zab/fault-schedule.ts');
      const servers = (this.dataset.servers ?? 's1 s2 s3').split(' ');
      return parseFaultSchedule(text, { servers, clients: 'numbered' });
    } catch (err) {
      // A FaultScheduleError lists every problem with its place; say those, not its heading.
      const problems = (err as { problems?: unknown }).problems;
      return Array.isArray(problems) ? problems.join('; ') : (err as Error).message;
    }
  }

  private async copyLink(): Promise<void> {
    const faults = await this.faults();
    if (typeof faults === 'string') {
      this.setStatus(m.noLinkFaults(faults));
      return;
    }
    const { formatPlaygroundLink } = await import('../sandbox/link.ts');
    const hash = await formatPlaygroundLink({ id: this.id_, code: this.code, seed: this.seed(), faults });
    const url = `${location.origin}${location.pathname}${location.search}${hash}`;
    history.replaceState(null, '', hash);
    const copied = await navigator.clipboard.writeText(url).then(
      () => true,
      () => false,
    );
    this.dataset.link = url;
    this.setStatus(copied ? m.copied : m.notCopied);
  }

  /** Show the link in the page's hash, if it is one for a playground (link.ts is fetched only then). */
  private async readLink(): Promise<void> {
    if (!location.hash.startsWith('#pg=')) return;
    const { parsePlaygroundLink } = await import('../sandbox/link.ts');
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
    const hidden = findHiddenChars(link.code).length;
    const warning = hidden === 0 ? '' : m.hiddenWarning(hidden);
    const faults = link.faults.events.length > 0 ? JSON.stringify(link.faults, null, 1) : '';
    this.showPreview('link', { code: link.code, seed: link.seed, faults }, m.previewLink, warning);
    this.setStatus('');
    this.scrollIntoView({ block: 'start' });
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
      const { Sandbox } = await import('../sandbox/sandbox-host.ts');
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

  /** The console, created (and its module fetched) on the first Run. */
  private async consoleView(): Promise<ConsoleView> {
    if (this.out === null) {
      const { ConsoleView } = await import('./playground-console.ts');
      this.out ??= new ConsoleView(this.byRole('console'));
    }
    return this.out;
  }

  private consoleLine(stream: OutputLine['stream'], text: string): void {
    this.out?.system(stream, text);
  }

  /** Why the sandbox ended a job, as the reader reads it (a malformed message says what was wrong). */
  private stoppedText(end: Extract<JobEnd, { kind: 'stopped' }>): string {
    return end.detail !== undefined ? m.whatWasWrong(end.message, end.detail) : end.message;
  }

  private mark(problem: { line: number; column?: number; message: string } | null): void {
    if (this.editor !== null && this.monaco !== null) this.monaco.markProblem(this.editor, problem);
  }

  async run(options: { seed?: number; faults?: FaultSchedule; at?: number } = {}): Promise<void> {
    if (this.sandbox?.busy || this.dataset.busy === 'true') return;
    this.busy(true);
    const faults = options.faults ?? (await this.faults());
    if (typeof faults === 'string') {
      this.busy(false);
      this.setStatus(m.badFaults(faults));
      this.dataset.lastRun = 'faults';
      return;
    }
    const seed = options.seed ?? this.seed();
    this.mark(null);
    const panels = await Promise.all([this.tracePanel(), this.consoleView()]).catch((err: unknown) => {
      this.busy(false);
      this.setStatus(m.cannotStart((err as Error).message));
      return null;
    });
    if (panels === null) return;
    const [trace, out] = panels;
    out.clear();
    trace.reset();
    this.setStatus(m.running(seed, faults.events.length));
    const id = ++jobIds;
    const req: JobRequest = { type: 'run', id, code: this.code, seed, faults, ...(this.exercise !== undefined ? { exercise: this.exercise } : {}) };
    const events: TraceEvent[] = [];
    const end = await (await this.ensureSandbox()).job(req, RUN_BUDGET_MS, (msg) => {
      if (msg.type === 'output') out.append(msg.lines, msg.skipped);
      else if (msg.type === 'trace') {
        for (const e of msg.events) events.push(e);
        trace.grow(events);
      }
    }).catch((err: unknown) => ({ kind: 'stopped' as const, why: 'crash' as const, message: m.sandboxCannotStart((err as Error).message) }));
    this.busy(false);
    if (end.kind === 'stopped') {
      this.consoleLine('error', this.stoppedText(end));
      this.setStatus(end.message);
      this.dataset.lastRun = end.why;
      trace.show(events, undefined);
      return;
    }
    const msg = end.message;
    if (msg.type === 'fatal') {
      this.consoleLine('error', msg.message);
      this.setStatus(m.sandboxFailed(msg.message));
      return;
    }
    if (msg.type !== 'run-done') return;
    if (msg.faultsError !== undefined) {
      // Read against this playground's ensemble by the sandbox: a node it does not have.
      this.consoleLine('error', m.badFaults(msg.faultsError));
      this.setStatus(m.badFaults(msg.faultsError));
      this.dataset.lastRun = 'faults';
      return;
    }
    if (msg.compileError !== undefined) {
      const e = msg.compileError;
      const where = e.line !== undefined ? m.at(e.line, e.column) : '';
      this.consoleLine('error', m.compileError(where, e.message));
      this.setStatus(m.didNotCompile(where, e.message));
      if (e.line !== undefined) this.mark({ line: e.line, ...(e.column !== undefined ? { column: e.column } : {}), message: e.message });
      this.dataset.lastRun = 'compile-error';
      return;
    }
    const status = msg.status!;
    const text = statusText(status);
    if (status.kind !== 'finished') this.consoleLine('error', text.charAt(0).toUpperCase() + text.slice(1));
    if (status.kind === 'threw' && status.line !== undefined) this.mark({ line: status.line, message: `${status.name}${status.code ? ` ${status.code}` : ''}: ${status.message}` });
    let verdict = '';
    if (msg.judgement !== undefined) verdict = msg.judgement.ok ? m.runPasses : m.runCheckSays(await this.problemText(msg.judgement));
    const truncated = msg.traceDropped > 0 ? m.firstEvents(events.length) : '';
    this.setStatus(m.ran(text, msg.virtualMs, msg.traceLength, truncated, verdict));
    this.dataset.lastRun = status.kind;
    const at = options.at ?? (msg.judgement !== undefined && !msg.judgement.ok ? msg.judgement.at : undefined);
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
    this.setStatus(m.checking);
    const id = ++jobIds;
    const end = await (await this.ensureSandbox()).job({ type: 'check', id, code: this.code, exercise }, CHECK_BUDGET_MS, (msg) => {
      if (msg.type === 'progress' && msg.id === id) {
        bar.style.width = `${Math.round((100 * msg.done) / msg.total)}%`;
        this.setStatus(m.checkingProgress(msg.done, msg.total));
      }
    }).catch((err: unknown) => ({ kind: 'stopped' as const, why: 'crash' as const, message: m.sandboxCannotStart((err as Error).message) }));
    // Busy until the verdict is on the page (a failure's wording is fetched first).
    try {
      progress.hidden = true;
      panel.hidden = false;
      await this.showVerdict(panel, end);
    } finally {
      this.busy(false);
    }
  }

  private async showVerdict(panel: HTMLElement, end: JobEnd): Promise<void> {
    if (end.kind === 'stopped') {
      panel.append(el('p', this.stoppedText(end), 'pg-fail'));
      this.setStatus(end.message);
      this.dataset.check = end.why;
      return;
    }
    const msg = end.message;
    if (msg.type !== 'check-done') {
      panel.append(el('p', msg.type === 'fatal' ? msg.message : m.checkFailedToRun, 'pg-fail'));
      return;
    }
    this.dataset.check = msg.kind;
    if (msg.kind !== 'compile-error') this.dataset.checkMs = String(msg.ms);
    if (msg.kind === 'compile-error') {
      const where = msg.error.line !== undefined ? m.at(msg.error.line) : '';
      panel.append(el('p', m.doesNotCompile(where, msg.error.message), 'pg-fail'));
      if (msg.error.line !== undefined) this.mark({ line: msg.error.line, ...(msg.error.column !== undefined ? { column: msg.error.column } : {}), message: msg.error.message });
      this.setStatus(m.checkDoesNotCompile);
    } else if (msg.kind === 'passed') {
      panel.append(el('p', m.passedAll(msg.schedules, (msg.ms / 1000).toFixed(1)), 'pg-pass'));
      this.setStatus(m.checkPassed(msg.schedules));
      // A pass stays: the mark survives a reload, and a later failing edit does not undo it.
      writeExercisePassed(this.id_);
      this.byRole('passed').hidden = false;
    } else {
      // Fetched only now: the schedule's wording pulls in the kernel's fault language.
      const { describeSchedule } = await import('../../playground/exercises/faults.ts');
      const problem = await this.problemText(msg.failure);
      this.showFailure(panel, msg.failure, problem, msg.schedules, describeSchedule);
      this.setStatus(m.checkFailed(msg.failure.seed, problem));
    }
  }

  /** A failing verdict's problem in the page's language: by its message id from the page's checks catalogue, else as the check wrote it (English). */
  private async problemText(j: { readonly problem: string; readonly say?: Said }): Promise<string> {
    if (j.say === undefined || pageLocale() === 'en') return j.problem;
    const [{ default: zh }, { word }] = await Promise.all([import('../i18n/zh-cn/checks.ts'), import('../../playground/exercises/said.ts')]);
    return word(zh, j.say) ?? j.problem;
  }

  private showFailure(panel: HTMLElement, f: CheckFailure, problem: string, schedules: number, describeSchedule: (s: FaultSchedule) => string[]): void {
    panel.append(el('p', m.failedOn(f.seed, schedules - 1, problem), 'pg-fail'));
    const dl = el('dl', undefined, 'pg-replay');
    const row = (k: string, v: string): void => {
      dl.append(el('dt', k), el('dd', v));
    };
    row(m.seedRow, String(f.seed));
    row(m.faultsRow, f.faults.events.length > 0 ? describeSchedule(f.faults).join(m.faultJoin) : m.noFaults);
    if (f.at !== undefined) row(m.wentWrongAt, m.eventAt(f.at, f.time, f.event));
    panel.append(dl);
    if (f.lastOutput.length > 0) {
      panel.append(el('p', m.lastOutput, 'pg-sub'));
      const pre = el('pre', f.lastOutput.map((l) => l.text).join('\n'), 'pg-out');
      panel.append(pre);
    }
    const open = el('button', m.openFailure);
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
