/**
 * The page's side of the sandbox: a hidden iframe sandboxed with `allow-scripts` only (no
 * `allow-same-origin`: an opaque origin that cannot touch this page's DOM, cookies or
 * localStorage), whose document carries a CSP with `connect-src 'none'` (no network, which
 * the blob worker inherits), and inside it a worker built from the sandbox bundle's text.
 * The worker's own first act is to delete its network and storage globals (`lock-down.ts`).
 *
 * The page talks to the worker over a MessagePort (typed in `protocol.ts`). A watchdog ends
 * a job whose worker stops beating for `STALL_MS` (code that never yields: an infinite loop,
 * or allocation that stalls the worker) or that runs longer than its wall-clock budget, by
 * removing the iframe, which destroys the worker with it; the next job gets a fresh one.
 *
 * Browser-only; imports the protocol types and the worker bundle's URL.
 */
import workerUrl from './sandbox.worker.ts?worker&url';
import type { HostToWorker, WorkerToHost } from './protocol.ts';

/** No beat from the worker for this long: it is stuck in synchronous code. */
export const STALL_MS = 3000;

export type JobEnd =
  | { readonly kind: 'message'; readonly message: WorkerToHost }
  | { readonly kind: 'stopped'; readonly why: 'stall' | 'budget' | 'crash' | 'stop'; readonly message: string };

const CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval' blob:; worker-src blob:; connect-src 'none'";

const BOOT = `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"><title>sandbox</title></head><body><script>
addEventListener('message', function (e) {
  if (e.source !== parent || !e.data || e.data.type !== 'boot' || !e.ports[0]) return;
  var url = URL.createObjectURL(new Blob([e.data.source], { type: 'text/javascript' }));
  var w = new Worker(url);
  w.onerror = function (ev) { ev.preventDefault(); parent.postMessage({ type: 'crashed', message: String(ev.message || 'the worker stopped') }, '*'); };
  w.postMessage(null, [e.ports[0]]);
});
parent.postMessage({ type: 'iframe-ready' }, '*');
</script></body></html>`;

let sourceText: Promise<string> | null = null;

function workerSource(): Promise<string> {
  sourceText ??= fetch(workerUrl).then((r) => {
    if (!r.ok) throw new Error(`the sandbox could not load (${r.status})`);
    return r.text();
  });
  return sourceText;
}

export class Sandbox {
  private iframe: HTMLIFrameElement | null = null;
  private port: MessagePort | null = null;
  private booting: Promise<readonly string[]> | null = null;
  private listener: ((m: WorkerToHost) => void) | null = null;
  private onEnd: ((end: JobEnd) => void) | null = null;
  private lastBeat = 0;
  private jobStart = 0;
  private budgetMs = 0;
  private timer: number | undefined;
  private onWindowMessage: ((e: MessageEvent) => void) | null = null;

  private readonly host: HTMLElement;

  constructor(host: HTMLElement) {
    this.host = host;
  }

  /** Start (or reuse) the sandbox; resolves with the globals the worker removed. */
  boot(): Promise<readonly string[]> {
    this.booting ??= this.start();
    return this.booting;
  }

  private async start(): Promise<readonly string[]> {
    const source = await workerSource();
    const iframe = document.createElement('iframe');
    iframe.setAttribute('sandbox', 'allow-scripts');
    iframe.setAttribute('title', 'Sandbox for reader code (hidden)');
    iframe.setAttribute('aria-hidden', 'true');
    iframe.tabIndex = -1;
    iframe.hidden = true;
    iframe.srcdoc = BOOT;
    this.iframe = iframe;
    return new Promise((resolve, reject) => {
      this.onWindowMessage = (e: MessageEvent) => {
        if (e.source !== iframe.contentWindow || typeof e.data !== 'object' || e.data === null) return;
        const data = e.data as { type?: unknown; message?: unknown };
        if (data.type === 'iframe-ready') {
          const channel = new MessageChannel();
          this.port = channel.port1;
          channel.port1.onmessage = (m: MessageEvent<WorkerToHost>) => {
            this.lastBeat = performance.now();
            if (m.data.type === 'ready') resolve(m.data.removed);
            else this.listener?.(m.data);
          };
          iframe.contentWindow!.postMessage({ type: 'boot', source }, '*', [channel.port2]);
        } else if (data.type === 'crashed') {
          const message = typeof data.message === 'string' ? data.message : 'the worker stopped';
          reject(new Error(message));
          this.destroy();
          this.end({ kind: 'stopped', why: 'crash', message: `The sandbox stopped: ${message}. This usually means the program allocated memory without bound.` });
        }
      };
      window.addEventListener('message', this.onWindowMessage);
      this.host.append(iframe);
    });
  }

  /**
   * Send one job; `onMessage` sees every message until the job's final one, and `done`
   * resolves with that final message, or with why the sandbox ended the job.
   */
  async job(req: HostToWorker, budgetMs: number, onMessage: (m: WorkerToHost) => void): Promise<JobEnd> {
    await this.boot();
    return new Promise((resolve) => {
      this.onEnd = resolve;
      this.listener = (m) => {
        if (m.type === 'alive') return;
        if ((m.type === 'run-done' || m.type === 'check-done') && m.id === req.id) this.end({ kind: 'message', message: m });
        else if (m.type === 'fatal') this.end({ kind: 'message', message: m });
        else onMessage(m);
      };
      this.lastBeat = this.jobStart = performance.now();
      this.budgetMs = budgetMs;
      this.timer = window.setInterval(() => this.watch(), 250);
      this.port!.postMessage(req);
    });
  }

  private watch(): void {
    const now = performance.now();
    if (now - this.lastBeat > STALL_MS) {
      this.kill('stall', `Stopped: the program ran for ${(STALL_MS / 1000).toFixed(0)} s of wall-clock time without ever yielding to the simulation — an infinite loop (such as \`while (true) {}\`) or a long synchronous computation. Nothing after it could run, so the sandbox was ended; the page was never blocked. Run starts a fresh one.`);
    } else if (now - this.jobStart > this.budgetMs) {
      this.kill('budget', `Stopped: the job took more than ${(this.budgetMs / 1000).toFixed(0)} s of wall-clock time, the sandbox's budget. Run starts a fresh one.`);
    }
  }

  /** Stop the current job (the Stop button). */
  stop(): void {
    this.kill('stop', 'Stopped by you.');
  }

  private kill(why: 'stall' | 'budget' | 'crash' | 'stop', message: string): void {
    this.destroy();
    this.end({ kind: 'stopped', why, message });
  }

  private end(e: JobEnd): void {
    window.clearInterval(this.timer);
    this.timer = undefined;
    const done = this.onEnd;
    this.onEnd = null;
    this.listener = null;
    done?.(e);
  }

  /** Remove the iframe (and with it the worker); the next job boots a new one. */
  destroy(): void {
    if (this.onWindowMessage !== null) window.removeEventListener('message', this.onWindowMessage);
    this.onWindowMessage = null;
    this.port?.close();
    this.port = null;
    this.iframe?.remove();
    this.iframe = null;
    this.booting = null;
  }

  get busy(): boolean {
    return this.onEnd !== null;
  }
}
