/**
 * The page's side of the sandbox. Every job (a Run, a Check) gets a fresh realm: a hidden
 * iframe sandboxed with `allow-scripts` only (an opaque origin that cannot touch this
 * page's DOM, cookies or localStorage), whose document carries a CSP with `connect-src
 * 'none'`, holding two workers built from the bundles' text:
 *
 *   page ⇄ gate worker ⇄ run worker (the reader's code)
 *
 * The run worker talks only to the gate, over a channel the iframe made; the gate (which
 * never runs reader code) checks every message, rebuilds the run, judges it, and sends the
 * page bounded batches, the next only when the page acknowledges the last (`gate.worker.ts`). The page checks the gate's messages too
 * (`messages.ts`, plus order and totals here); anything malformed ends the job. When the
 * job ends, whichever way, the iframe is removed, which destroys both workers, and a spare
 * realm is booted in the background, so the next Run starts at once on one no program
 * has touched.
 *
 * Watchdogs: the gate ends a job whose run worker is silent for `STALL_MS` (reader code that
 * never yields: an endless loop, a long computation, allocation that stalls the worker;
 * `endings.ts` words each ending from what is known of it); the page ends one
 * whose gate is silent for `GATE_STALL_MS`, or that runs past its wall-clock budget.
 *
 * Browser-only; imports the protocol, the message schema and the workers' bundle URLs.
 */
import gateUrl from './gate.worker.ts?worker&url';
import runUrl from './sandbox.worker.ts?worker&url';
import { budgetMessage, crashedMessage } from './endings.ts';
import { Malformed, readGateMessage } from './messages.ts';
import { BUDGET } from './protocol.ts';
import type { Ack, CheckDone, GateToHost, JobRequest, RunDone } from './protocol.ts';

/**
 * No message from the gate for this long: it is stuck. (The gate times the run worker
 * itself, `STALL_MS`; it can be busy for seconds with a huge message or a long rebuild.)
 */
const GATE_STALL_MS = 10_000;

/** What the page says when the sandbox sent something it cannot accept. */
export const MALFORMED = 'The sandbox sent something malformed; it was stopped.';

export type JobEnd =
  | { readonly kind: 'message'; readonly message: RunDone | CheckDone | Extract<GateToHost, { type: 'fatal' }> }
  | {
      readonly kind: 'stopped';
      readonly why: 'stall' | 'budget' | 'crash' | 'stop' | 'malformed';
      readonly message: string;
      /** What exactly was malformed, for the console. */
      readonly detail?: string;
    };

/** The messages a job streams while it runs. */
export type JobMessage = Extract<GateToHost, { type: 'output' | 'trace' | 'progress' }>;

const CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; worker-src blob:; connect-src 'none'";

/** The iframe's one script: make the two workers, join them, hand the gate the page's port. */
const BOOT = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"><title>sandbox</title></head><body><script>
addEventListener('message', function (e) {
  if (e.source !== parent || !e.data || e.data.type !== 'boot' || e.ports.length !== 1) return;
  var workers = [];
  var failed = false;
  function make(source, name) {
    var w = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), { name: name });
    w.onerror = function (ev) {
      ev.preventDefault();
      if (failed) return;
      failed = true;
      workers.forEach(function (x) { x.terminate(); });
      parent.postMessage({ type: 'crashed', message: String(ev.message || 'the worker stopped').slice(0, 300) }, '*');
    };
    workers.push(w);
    return w;
  }
  var gate = make(e.data.gate, 'gate');
  var run = make(e.data.run, 'run');
  var channel = new MessageChannel();
  gate.postMessage(null, [e.ports[0], channel.port1]);
  run.postMessage({ warm: e.data.warm === true }, [channel.port2]);
});
parent.postMessage({ type: 'iframe-ready' }, '*');
</script></body></html>`;

let sourceText: Promise<{ gate: string; run: string }> | null = null;

function workerSources(): Promise<{ gate: string; run: string }> {
  const get = (url: string): Promise<string> =>
    fetch(url).then((r) => {
      if (!r.ok) throw new Error(`the sandbox could not load (${r.status})`);
      return r.text();
    });
  sourceText ??= Promise.all([get(gateUrl), get(runUrl)]).then(([gate, run]) => ({ gate, run }));
  sourceText.catch(() => (sourceText = null));
  return sourceText;
}

type Ended = (end: JobEnd) => void;

/** A realm ended before it was ready, and why (what the job it was for reports). */
class RealmEnded extends Error {
  readonly end: JobEnd;
  constructor(end: Extract<JobEnd, { kind: 'stopped' }>) {
    super(end.message);
    this.end = end;
  }
}

/** One sandboxed iframe with its gate and run worker, for one job. */
class Realm {
  readonly ready: Promise<void>;
  private iframe: HTMLIFrameElement | null = null;
  private port: MessagePort | null = null;
  private onWindowMessage: ((e: MessageEvent) => void) | null = null;
  private onMessage: ((m: Exclude<GateToHost, { type: 'ready' | 'alive' }>) => void) | null = null;
  /** Ended (or never started): no job may use it. */
  dead = false;
  private onEnd: Ended | null = null;
  private abortBoot: ((err: Error) => void) | null = null;
  private lastBeat = 0;

  /** `warm`: booted ahead, while the page is idle, so the run worker warms up before it is ready. */
  constructor(host: HTMLElement, warm: boolean) {
    this.ready = this.boot(host, warm);
    this.ready.catch(() => this.destroy());
  }

  private async boot(host: HTMLElement, warm: boolean): Promise<void> {
    const sources = await workerSources();
    const iframe = document.createElement('iframe');
    iframe.setAttribute('sandbox', 'allow-scripts');
    iframe.setAttribute('title', 'Sandbox for reader code (hidden)');
    iframe.setAttribute('aria-hidden', 'true');
    iframe.tabIndex = -1;
    iframe.hidden = true;
    iframe.srcdoc = BOOT;
    this.iframe = iframe;
    await new Promise<void>((resolve, reject) => {
      this.abortBoot = reject;
      let booted = false;
      this.onWindowMessage = (e: MessageEvent) => {
        if (e.source !== iframe.contentWindow || iframe.contentWindow === null) return;
        const data: unknown = e.data;
        const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : undefined;
        if (type === 'iframe-ready') {
          // Its one script says so once; a second is not the sandbox's script speaking.
          if (booted) return this.end({ kind: 'stopped', why: 'malformed', message: MALFORMED, detail: 'message.type: "iframe-ready" came twice' });
          booted = true;
          const channel = new MessageChannel();
          this.port = channel.port1;
          channel.port1.onmessage = (m: MessageEvent) => this.receive(m.data, resolve);
          iframe.contentWindow.postMessage({ type: 'boot', gate: sources.gate, run: sources.run, warm }, '*', [channel.port2]);
        } else if (type === 'crashed') {
          const raw = (data as { message?: unknown }).message;
          const message = typeof raw === 'string' ? raw.slice(0, 300) : '';
          this.end({ kind: 'stopped', why: 'crash', message: crashedMessage(message) });
        } else {
          this.end({ kind: 'stopped', why: 'malformed', message: MALFORMED, detail: `the sandbox's frame sent ${typeof type === 'string' ? `a message of type "${type.slice(0, 40)}"` : 'a message without a type'}` });
        }
      };
      window.addEventListener('message', this.onWindowMessage);
      host.append(iframe);
    });
  }

  /** Every message from the gate: read against its schema before anything acts on it. */
  private receive(data: unknown, ready: () => void): void {
    this.lastBeat = performance.now();
    let m: GateToHost;
    try {
      m = readGateMessage(data);
    } catch (err) {
      this.end({ kind: 'stopped', why: 'malformed', message: MALFORMED, detail: err instanceof Malformed ? err.message : String(err) });
      return;
    }
    if (m.type === 'alive') return;
    if (m.type === 'ready') {
      if (this.abortBoot === null) return this.end({ kind: 'stopped', why: 'malformed', message: MALFORMED, detail: 'message.type: "ready" came twice' });
      this.abortBoot = null;
      return ready();
    }
    if (this.onMessage === null) return this.end({ kind: 'stopped', why: 'malformed', message: MALFORMED, detail: `message.type: "${m.type}" before any job` });
    this.onMessage(m);
  }

  /** Run one job; resolves with its final message, or with why the sandbox ended it. */
  job(req: JobRequest, budgetMs: number, onMessage: (m: JobMessage) => void): Promise<JobEnd> {
    const port = this.port;
    if (this.dead || port === null) return Promise.resolve({ kind: 'stopped', why: 'crash', message: 'The sandbox stopped before the job could start. Run starts a fresh one.' });
    return new Promise((resolve) => {
      const start = (this.lastBeat = performance.now());
      const timer = window.setInterval(() => {
        const now = performance.now();
        if (now - this.lastBeat > GATE_STALL_MS) {
          this.end({ kind: 'stopped', why: 'crash', message: `Stopped: the sandbox did not answer for ${(GATE_STALL_MS / 1000).toFixed(0)} s, so it was ended; the page was never blocked. Run starts a fresh one.` });
        } else if (now - start > budgetMs) {
          this.end({ kind: 'stopped', why: 'budget', message: budgetMessage(budgetMs) });
        }
      }, 250);
      this.onEnd = (end) => {
        window.clearInterval(timer);
        resolve(end);
      };
      const order = new JobOrder(req.id);
      this.onMessage = (m) => {
        const wrong = order.check(m);
        if (wrong !== null) return this.end({ kind: 'stopped', why: 'malformed', message: MALFORMED, detail: wrong });
        if (m.type === 'stopped') {
          return this.end(m.why === 'malformed' ? { kind: 'stopped', why: 'malformed', message: MALFORMED, detail: m.message } : { kind: 'stopped', why: m.why, message: m.message });
        }
        if (m.type === 'run-done' || m.type === 'check-done' || m.type === 'fatal') return this.end({ kind: 'message', message: m });
        onMessage(m);
        // Read: the gate may send the next batch (it holds the rest until then).
        if (m.type !== 'progress') port.postMessage({ type: 'ack' } satisfies Ack);
      };
      port.postMessage(req);
    });
  }

  /** End the job (if any) and the realm. */
  end(e: JobEnd): void {
    if (e.kind === 'stopped') this.abortBoot?.(new RealmEnded(e));
    this.abortBoot = null;
    const done = this.onEnd;
    this.onEnd = null;
    this.onMessage = null;
    this.destroy();
    done?.(e);
  }

  destroy(): void {
    this.dead = true;
    this.abortBoot?.(new Error('the sandbox was ended before it was ready'));
    this.abortBoot = null;
    if (this.onWindowMessage !== null) window.removeEventListener('message', this.onWindowMessage);
    this.onWindowMessage = null;
    if (this.port !== null) {
      this.port.onmessage = null;
      this.port.close();
    }
    this.port = null;
    this.iframe?.remove();
    this.iframe = null;
  }
}

/** What the page keeps across one job's messages: its id, trace events in order, budgets. */
class JobOrder {
  private events = 0;
  private lines = 0;
  private chars = 0;
  private readonly id: number;

  constructor(id: number) {
    this.id = id;
  }

  /** Null when `m` fits the job so far; else what is wrong with it. */
  check(m: GateToHost): string | null {
    if ('id' in m && m.id !== this.id && !((m.type === 'stopped' || m.type === 'fatal') && m.id === 0)) return `message.id: expected ${this.id}, got ${m.id}`;
    if (m.type === 'trace') {
      if (m.from !== this.events) return `message.from: expected ${this.events}, the events so far`;
      this.events += m.events.length;
      if (this.events > BUDGET.shownEvents) return `message.events: more than ${BUDGET.shownEvents} in all`;
    } else if (m.type === 'output') {
      this.lines += m.lines.length + (m.skipped ?? 0);
      for (const l of m.lines) this.chars += l.text.length;
      if (this.lines > BUDGET.outputLines + 1 || this.chars > BUDGET.outputChars + BUDGET.lineChars * 2) return 'message.lines: more output than a run may print';
    }
    return null;
  }
}

/**
 * The sandbox of one playground: a fresh realm per job, the next one booted while the
 * reader reads (after the first job: a chapter's first load never boots one).
 */
export class Sandbox {
  private spare: Realm | null = null;
  private current: Realm | null = null;
  private readonly host: HTMLElement;

  constructor(host: HTMLElement) {
    this.host = host;
  }

  /** Send one job to a fresh realm; resolves with its final message, or why it was ended. */
  async job(req: JobRequest, budgetMs: number, onMessage: (m: JobMessage) => void): Promise<JobEnd> {
    const realm = this.spare !== null && !this.spare.dead ? this.spare : new Realm(this.host, false);
    this.spare = null;
    this.current = realm;
    try {
      try {
        await realm.ready;
      } catch (err) {
        if (this.current !== realm) return { kind: 'stopped', why: 'stop', message: 'Stopped by you.' };
        if (err instanceof RealmEnded) return err.end;
        return { kind: 'stopped', why: 'crash', message: `The sandbox could not start: ${(err as Error).message}` };
      }
      if (this.current !== realm) return { kind: 'stopped', why: 'stop', message: 'Stopped by you.' };
      return await realm.job(req, budgetMs, onMessage);
    } finally {
      realm.destroy();
      if (this.current === realm) this.current = null;
      this.bootSpare();
    }
  }

  /** Boot the next job's realm once the page is idle and no job runs (a Run before then boots its own). */
  private bootSpare(): void {
    const boot = (): void => {
      if (this.current === null && (this.spare === null || this.spare.dead)) this.spare = new Realm(this.host, true);
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(boot, { timeout: 1000 });
    else setTimeout(boot, 100);
  }

  /** Stop the current job (the Stop button). */
  stop(): void {
    const realm = this.current;
    this.current = null;
    realm?.end({ kind: 'stopped', why: 'stop', message: 'Stopped by you.' });
  }

  get busy(): boolean {
    return this.current !== null;
  }
}
