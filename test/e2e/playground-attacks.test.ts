/**
 * The Playground's sandbox under attack, in Debian's chromium against the built site. Each
 * test is an attack that must fail, the way issue 21 found them working:
 *
 * - a link's program patches the sandbox's globals and leaves timers and spies behind; the
 *   reader's own code, run and checked next on the same page, runs clean and is judged truly;
 * - a program prints a fake "Passed" and rewrites whatever it can reach (its outgoing
 *   messages, builtins, the simulation behind its client): Check still reports the truth;
 * - the sandbox sends forged messages of every type (a trace event at the wrong index, a
 *   "done" without a status, huge strings, 2,000,000 trace events, `__proto__` keys, a
 *   forged verdict, ...): each is dropped, the sandbox is ended, and the page says "the
 *   sandbox sent something malformed; it was stopped";
 * - 10,000 and 100,000 printed lines, and output past the run's budgets.
 *
 * Throughout, the page answers within 200 ms (measured in the page: a 10 ms timer never runs
 * later than that, no task takes longer), and the reader's saved work is left as it was.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { openPage } from './browser.ts';
import { useBrowser } from './shared-browser.ts';
import { idle, linkTo, storage, typeCode, whileResponsive } from './playground-page.ts';

const base = inject('baseURL');
const browser = useBrowser();

/** The page must answer within this, whatever the sandbox does. */
const RESPONSIVE_MS = 200;
/**
 * On a machine whose cores are busy elsewhere, the page's main thread can wait its turn
 * longer than that with nothing to do (a trace showed a 109 ms task of 5 ms CPU while the
 * attacker built and sent 2,000,000 events). Such a wait is rare; a page the sandbox
 * blocks fails every time (the old page froze 2.5 s on that message), so a test gets
 * two more tries.
 */
const RETRY = 2;
const MALFORMED = 'The sandbox sent something malformed; it was stopped.';

/** Open a link's code in playground `id` (shown, not run), in a new document, as a reader who followed it. */
async function openLink(page: Page, url: string, id: string, code: string): Promise<Locator> {
  await page.goto('about:blank');
  await page.goto(await linkTo(url, id, code), { waitUntil: 'networkidle' });
  const pg = page.locator(`#${id}`);
  await expect.poll(() => pg.locator('[data-role="plain"]').innerText()).toBe(code);
  return pg;
}

/** Press `action` and wait for the job to end, probing the page throughout. */
async function press(page: Page, pg: Locator, action: 'run' | 'check', timeout = 90_000): Promise<void> {
  const id = (await pg.getAttribute('id'))!;
  const r = await whileResponsive(page, async () => {
    await pg.locator(`[data-action="${action}"]`).click();
    await idle(page, id, timeout);
  });
  expect(r.samples).toBeGreaterThan(0);
  const frames = r.longFrames.length > 0 ? ` (long frames: ${r.longFrames.join(' | ')})` : '';
  expect(r.maxLateMs, `the page could not answer for ${r.maxLateMs} ms during ${action}${frames}`).toBeLessThan(RESPONSIVE_MS);
  expect(r.longestTaskMs, `a ${r.longestTaskMs} ms task blocked the page during ${action}${frames}`).toBeLessThan(RESPONSIVE_MS);
}

/** Open `chapter` afresh and let `attack` do its worst; then the saved work is as it was, and the page logged no error. */
async function underAttack(chapter: string, attack: (page: Page) => Promise<void>): Promise<void> {
  const probe = await openPage(browser(), `${base}/${chapter}/`);
  try {
    const saved = await storage(probe.page);
    await attack(probe.page);
    expect(await storage(probe.page)).toEqual(saved);
    expect(probe.errors).toEqual([]);
  } finally {
    await probe.context.close();
  }
}

const consoleText = (pg: Locator): Promise<string> => pg.locator('[data-role="console"]').innerText();
const statusText = (pg: Locator): Promise<string> => pg.locator('[data-role="status"]').innerText();

// ---- a link that leaves things behind ----

/** A lock that works, plus everything a program could leave behind in a reused sandbox. */
const LINK_PROGRAM = `// A lock, shared with you. (It also tries to stay in your sandbox.)
const g = globalThis as any;
g.__leftBehind = 'an earlier link was here';
g.setInterval(() => { g.__ticks = (g.__ticks ?? 0) + 1; }, 5);
const post = g.MessagePort.prototype.postMessage;
g.MessagePort.prototype.postMessage = function (this: any, m: any, t?: any) {
  const port = this;
  if (!g.__spying && typeof port.onmessage === 'function') {
    g.__spying = true;
    const handle = port.onmessage;
    port.onmessage = (e: any) => {
      g.__spied = String(e && e.data && e.data.code).slice(0, 40);
      return handle.call(port, e);
    };
  }
  if (m && typeof m === 'object') {
    if (m.type === 'output' && m.line) m = { ...m, line: { ...m.line, text: m.line.text + ' [injected by an earlier link; spied: ' + g.__spied + ']' } };
    if (m.type === 'check-done') m = { type: 'check-done', id: m.id, kind: 'passed', schedules: 100, ms: 1 };
    if (m.type === 'run-done' && m.status) m = { ...m, status: { kind: 'finished' }, judgement: { ok: true } };
  }
  return post.call(this, m, t);
};
Array.prototype.sort = function (this: any[]) { return this; };
async function lock(zk: ZooKeeperClient, dir: string): Promise<string> {
  const node = await zk.create(dir + '/lock-', '', OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL_SEQUENTIAL);
  return node;
}
async function unlock(zk: ZooKeeperClient, node: string): Promise<void> {
  await zk.delete(node, -1);
}
export {};
`;

/** The reader's own saved work: no lock yet, and a look for anything left behind. */
const READER_CODE = `// My lock: not written yet.
const g = globalThis as any;
console.log('left behind: ' + [typeof g.__leftBehind, typeof g.__ticks, typeof g.__spied, typeof g.__spying].join(' '));
console.log('sorted: ' + [3, 1, 2].sort().join(','));
export {};
`;

// ---- a program that forges its verdict ----

/** Lines that look like a passing run of the herd-free lock's check. */
const FAKE_TURNS = `const fake = [1, 2, 3].flatMap((round) => ['w1', 'w2', 'w3', 'w4'].map((w) => w + ' holds the lock (/lock/lock-000000000' + round + ', session 0x1), turn ' + round)).concat(['every worker had its 3 turns']);`;

/** Rewrites its own report on the way out: finished, no errors, the right lines, a pass. */
const FORGE_REPORTS = `const g = globalThis as any;
${FAKE_TURNS}
const post = g.MessagePort.prototype.postMessage;
const lines = () => fake.map((text) => ({ stream: 'log', text, index: 0, time: 0 }));
g.MessagePort.prototype.postMessage = function (this: any, m: any, t?: any) {
  if (m && typeof m === 'object' && !Array.isArray(m)) {
    if (m.type === 'check-done') m = { type: 'check-done', id: m.id, kind: 'passed', schedules: 100, ms: 1 };
    else if (m.type === 'run-done') m = { ...m, status: { kind: 'finished' }, judgement: { ok: true } };
    else if ('status' in m) m = { ...m, status: { kind: 'finished' }, ...('output' in m ? { output: lines() } : {}) };
  }
  return post.call(this, m, t);
};
console.log('✓ Passed: your code was correct in all 100 fault schedules (0.1 s).');
for (const text of fake) console.log(text);
`;

/** Only its claims are forged: the report on the way out, and the printed lines. */
const FORGED_CLAIMS = `${FORGE_REPORTS}
async function lock(zk: ZooKeeperClient, dir: string): Promise<string> { return dir + '/lock-0000000000'; }
async function unlock(zk: ZooKeeperClient, node: string): Promise<void> {}
export {};
`;

/** Everything it can reach: its report, builtins the judges use, the simulation behind its client. */
const TAMPER_EVERYTHING = `${FORGE_REPORTS}
RegExp.prototype.test = function () { return true; };
Array.prototype.some = function () { return true; };
const zk = await connect();
const sim = (zk as any).sim;
if (sim !== undefined) {
  for (const e of sim.trace) if (e.kind === 'output') e.kind = 'wake';
  (sim.trace as any[]).length = Math.min(sim.trace.length, 10);
}
async function lock(zk: ZooKeeperClient, dir: string): Promise<string> { return dir + '/lock-0000000000'; }
async function unlock(zk: ZooKeeperClient, node: string): Promise<void> {}
export {};
`;

// ---- forged messages ----

/**
 * A program that gets hold of the sandbox's own channel (the MessagePort its reports, typed
 * messages, travel on) and sends `forged` down it. `id` is the job's id, read off an
 * earlier message where the protocol carries one.
 */
const forging = (forged: string): string => `const g = globalThis as any;
const post = g.MessagePort.prototype.postMessage;
let port: any = null;
let id = 0;
g.MessagePort.prototype.postMessage = function (this: any, m: any, t?: any) {
  if (m && typeof m === 'object' && typeof m.type === 'string') port ??= this;
  if (m && typeof m.id === 'number') id = m.id;
  return post.call(this, m, t);
};
console.log('looking for the port');
for (let i = 0; i < 3000 && (port === null || (id === 0 && i < 100)); i++) await sleep(1);
id ||= 1;
console.log('forging');
const forged: any = ${forged};
post.call(port, forged);
for (let i = 0; i < 50; i++) await sleep(10);
console.log('the page took it');
export {};
`;

const wake = (index: number): string => `{ kind: 'wake', label: 'forged', index: ${index}, time: 0, cause: -1 }`;

/** [what, the forged message, and how the page may report it (default: malformed)]. */
const FORGED: readonly (readonly [string, string, ...string[]])[] = [
  ['a trace event whose index is not its position', `{ type: 'trace', id, events: [${wake(7)}, ${wake(3)}] }`],
  ['trace events from the wrong start', `{ type: 'trace', id, from: 5, events: [${wake(0)}] }`],
  // Built in steps that yield, so the sandbox sees a program that is alive; but sending it
  // is one synchronous step of the program, which on a busy machine may take longer than
  // the sandbox lets a program go without yielding: then it is stopped as stuck instead.
  ['2,000,000 trace events in one message', `await (async () => { const events: any[] = []; for (let i = 0; i < 2_000_000; i++) { events.push({ kind: 'wake', label: 'x', index: i, time: 0, cause: -1 }); if (i % 50_000 === 0) await sleep(1); } return { type: 'trace', id, from: 0, events }; })()`, 'malformed', 'stall'],
  ['"run done" without a status', `{ type: 'run-done', id, traceLength: 0, traceDropped: 0, virtualMs: 0 }`],
  ['"run done" with a 5 MB status', `{ type: 'run-done', id, status: { kind: 'threw', name: 'Error', message: 'x'.repeat(5_000_000) }, traceLength: 0, traceDropped: 0, virtualMs: 0 }`],
  ['an end of run with a 5 MB status', `{ type: 'run-end', status: { kind: 'threw', name: 'Error', message: 'x'.repeat(5_000_000) }, traceLength: 0, virtualMs: 0 }`],
  ['an end of run without fields', `{ type: 'run-end' }`],
  ['output without fields', `{ type: 'output', id }`],
  ['an output line of 5 MB', `{ type: 'output', id, line: { stream: 'log', text: 'x'.repeat(5_000_000) }, index: 0, time: 0 }`],
  ['a batch of output lines with a 5 MB one', `{ type: 'output', lines: [{ stream: 'log', text: 'x'.repeat(5_000_000), index: 0, time: 0 }] }`],
  ['output lines whose index goes back', `{ type: 'output', lines: [{ stream: 'log', text: 'a', index: 5, time: 0 }, { stream: 'log', text: 'b', index: 2, time: 0 }] }`],
  ['an output line on a stream that does not exist', `{ type: 'output', lines: [{ stream: 'stdout', text: 'a', index: 0, time: 0 }] }`],
  ['a __proto__ key', `JSON.parse('{"type":"output","id":' + id + ',"__proto__":{"polluted":true},"line":{"stream":"log","text":"hi"},"index":0,"time":0,"lines":[]}')`],
  ['a __proto__ key deep in a recorded input', `{ type: 'inputs', inputs: [JSON.parse('{"kind":"request","node":"c1","value":{"cmd":"submit","__proto__":{"polluted":true}},"at":0,"steps":0,"time":0}')] }`],
  ['a recorded input the program cannot make (crash a server)', `{ type: 'inputs', inputs: [{ kind: 'crash', node: 's1', at: 0, steps: 0, time: 0 }] }`],
  ['recorded inputs out of order', `{ type: 'inputs', inputs: [{ kind: 'at', delayMs: 1, label: 'sleep 1ms', at: 900, steps: 90, time: 9 }, { kind: 'at', delayMs: 1, label: 'sleep 1ms', at: 100, steps: 10, time: 1 }] }`],
  ['a forged verdict', `{ type: 'check-done', id, kind: 'passed', schedules: 100, ms: 1 }`],
  ['a schedule report during a run', `{ type: 'schedule', seed: 1, inputs: [], output: [], status: { kind: 'finished' }, traceLength: 0 }`],
  ['progress with impossible counts', `{ type: 'progress', id, done: -5, total: 1e12 }`],
  ['a fatal error of 5 MB', `{ type: 'fatal', message: 'x'.repeat(5_000_000) }`],
  ['"ready" again', `{ type: 'ready', removed: ['fetch'] }`],
  ['a heartbeat with extra fields', `{ type: 'alive', note: 'x'.repeat(1000) }`],
  ['a message of an unknown type', `{ type: 'hello', id }`],
  ['a string instead of a message', `'just a string'`],
  ['null', `null`],
  ['an array', `[1, 2, 3]`],
];

describe('playground attacks: runs are isolated from each other', { retry: RETRY }, () => {
  it("a link's program that patches the sandbox leaves nothing for the reader's next run and check", async () => {
    const probe = await openPage(browser(), `${base}/recipes-locks/`);
    const { page } = probe;
    let pg = page.locator('#herd-free-lock');
    await typeCode(page, pg, READER_CODE);
    await expect.poll(() => storage(page).then((s) => Object.keys(s).length)).toBeGreaterThan(0);
    const saved = await storage(page);

    // Later the reader follows the link and presses Run, as the page invites.
    pg = await openLink(page, `${base}/recipes-locks/`, 'herd-free-lock', LINK_PROGRAM);
    await press(page, pg, 'run');

    // Back to their own code, in the same document: it runs clean.
    await pg.getByRole('button', { name: 'Back to my saved code' }).click();
    await expect.poll(() => pg.locator('[data-role="plain"]').innerText()).toBe(READER_CODE);
    await press(page, pg, 'run');
    const out = await consoleText(pg);
    expect(out).toContain('left behind: undefined undefined undefined undefined');
    expect(out).toContain('sorted: 1,2,3');
    expect(out).not.toMatch(/injected|spied/);
    expect(await statusText(pg)).toMatch(/lock is not defined/);

    // And its check tells the truth: `lock` does not exist.
    await press(page, pg, 'check');
    const verdict = await pg.locator('[data-role="check"]').innerText();
    expect(verdict).not.toMatch(/Passed/);
    expect(verdict).toMatch(/Failed on fault schedule 1\b.*lock is not defined/s);
    expect(await pg.getAttribute('data-check')).toBe('failed');
    expect(await storage(page)).toEqual(saved);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  }, 180_000);
});

describe('playground attacks: verdicts the program cannot forge', { retry: RETRY }, () => {
  const check = async (page: Page, code: string): Promise<Locator> => {
    const pg = await openLink(page, `${base}/recipes-locks/`, 'herd-free-lock', code);
    await press(page, pg, 'check');
    expect(await pg.locator('[data-role="check"]').innerText()).not.toMatch(/Passed/);
    return pg;
  };

  it('a program that prints a pass and forges its own report fails the check, for the reason the trace shows', async () => {
    await underAttack('recipes-locks', async (page) => {
      const pg = await check(page, FORGED_CLAIMS);
      // The judge finds no such lock znode in what the ensemble committed.
      expect(await pg.locator('[data-role="check"]').innerText()).toMatch(/Failed on fault schedule 1\b[^]*znode/);
      expect(await pg.getAttribute('data-check')).toBe('failed');
    });
  }, 120_000);

  it('a program that also patches builtins and the simulation behind its client never passes', async () => {
    await underAttack('recipes-locks', async (page) => {
      const pg = await check(page, TAMPER_EVERYTHING);
      expect(['failed', 'malformed']).toContain(await pg.getAttribute('data-check'));
      // And on Run, the exercise's verdict on the run is not forged either.
      await press(page, pg, 'run');
      expect(await statusText(pg)).not.toMatch(/check passes/);
    });
  }, 120_000);
});

describe('playground attacks: forged messages', { retry: RETRY }, () => {
  it.each(FORGED)('%s: dropped, the sandbox ended, and the page says so', async (what, forged, ...outcomes) => {
    await underAttack('client-api', async (page) => {
      let pg = await openLink(page, `${base}/client-api/`, 'client-api-tour', forging(forged));
      await press(page, pg, 'run');
      const outcome = await pg.getAttribute('data-last-run');
      expect(outcomes.length > 0 ? outcomes : ['malformed'], what).toContain(outcome);
      if (outcome === 'malformed') {
        expect(await statusText(pg), what).toContain(MALFORMED);
        expect(await consoleText(pg), what).toContain(MALFORMED);
      }
      // What it printed before still shows; nothing after.
      expect(await consoleText(pg), what).toContain('looking for the port');
      expect(await consoleText(pg), what).not.toContain('the page took it');
      // The next honest run works.
      pg = await openLink(page, `${base}/client-api/`, 'client-api-tour', "console.log('honest again');\nexport {};\n");
      await press(page, pg, 'run');
      expect(await consoleText(pg)).toContain('honest again');
    });
  }, 90_000);
});

describe('playground attacks: floods of output', { retry: RETRY }, () => {
  it('10,000 and 100,000 printed lines leave the page responsive and show the tail', async () => {
    await underAttack('client-api', async (page) => {
      for (const n of [10_000, 100_000]) {
        const pg = await openLink(page, `${base}/client-api/`, 'client-api-tour', `for (let i = 0; i < ${n}; i++) console.log('line ' + i);\nexport {};\n`);
        await press(page, pg, 'run', 120_000);
        expect(await statusText(pg)).toMatch(/^Run finished/);
        expect(await pg.locator('[data-role="console"] .pg-line').count()).toBeLessThan(300);
        expect(await consoleText(pg)).toContain(`line ${n - 1}`);
        expect(await pg.locator('[data-role="console"]').getAttribute('data-lines')).toBe(String(n));
      }
    });
  }, 300_000);

  it('output past a run’s budget ends it with a clear message; one huge line is cut', async () => {
    await underAttack('client-api', async (page) => {
      let pg = await openLink(page, `${base}/client-api/`, 'client-api-tour', "for (let i = 0; i < 150000; i++) console.log('line ' + i);\nexport {};\n");
      await press(page, pg, 'run', 120_000);
      expect(await statusText(pg)).toMatch(/printed more than 100,000 lines/);
      expect(await pg.getAttribute('data-last-run')).toBe('budget');

      pg = await openLink(page, `${base}/client-api/`, 'client-api-tour', "const s = 'y'.repeat(1000);\nfor (let i = 0; i < 20000; i++) console.log(s);\nexport {};\n");
      await press(page, pg, 'run', 120_000);
      expect(await statusText(pg)).toMatch(/printed more than 8,000,000 characters/);

      pg = await openLink(page, `${base}/client-api/`, 'client-api-tour', "console.log('z'.repeat(1_000_000));\nconsole.log('after');\nexport {};\n");
      await press(page, pg, 'run');
      expect(await statusText(pg)).toMatch(/^Run finished/);
      const out = await consoleText(pg);
      expect(out).toMatch(/z{10000} … \(990,000 more characters\)/);
      expect(out).toContain('after');
    });
  }, 300_000);
});
