/**
 * How a sandbox job ends, as the reader is told, in Debian's chromium against the built
 * site: a long but finite computation is not called "an infinite loop"; an error thrown
 * from a microtask is reported as an uncaught error with its message, not as memory; and a
 * second `iframe-ready` from a sandbox ends that sandbox (the page says so during a job),
 * with Run still working.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { openPage } from './browser.ts';
import { useBrowser } from './shared-browser.ts';
import { idle, run, typeCode } from './playground-page.ts';

const base = inject('baseURL');
const browser = useBrowser();

async function runStatus(page: Page, code: string): Promise<string> {
  const pg = page.locator('#client-api-tour');
  await typeCode(page, pg, code);
  await pg.locator('[data-action="run"]').click();
  await idle(page, 'client-api-tour', 30_000);
  return pg.locator('[data-role="status"]').innerText();
}

const sandboxFrames = (page: Page): Frame[] => page.frames().filter((f) => f !== page.mainFrame() && f.url() === 'about:srcdoc');

describe('sandbox endings name their cause', () => {
  it('a long synchronous computation is not called an infinite loop', async () => {
    const probe = await openPage(browser(), `${base}/client-api/`);
    const status = await runStatus(probe.page, 'let x = 0;\nfor (let i = 0; i < 3e10; i++) x += i;\nconsole.log(x);\nexport {};');
    expect(status).toMatch(/without yielding/);
    expect(status).toMatch(/cannot tell why/);
    expect(status).not.toMatch(/an infinite loop/);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('an error thrown from a microtask is an uncaught error, not memory', async () => {
    const probe = await openPage(browser(), `${base}/client-api/`);
    const status = await runStatus(probe.page, "queueMicrotask(() => { throw new Error('thrown from a microtask'); });\nawait sleep(10);\nexport {};");
    expect(status).toMatch(/an error nothing caught ended the sandbox: Error: thrown from a microtask/);
    expect(status).not.toMatch(/memory/);
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });

  it('a second iframe-ready from a sandbox ends it: during a job, with the page saying so; a spare, before any job; Run still works', async () => {
    const probe = await openPage(browser(), `${base}/client-api/`);
    const { page } = probe;
    const pg = page.locator('#client-api-tour');
    const forge = async (frame: Frame): Promise<void> => {
      // The frame may be gone before the call returns: that is the point.
      await frame.evaluate(() => parent.postMessage({ type: 'iframe-ready' }, '*')).catch(() => undefined);
      await expect.poll(() => frame.isDetached()).toBe(true);
    };

    // During a job (a program that never yields keeps it going for seconds): the one realm
    // there is, the job's, says "ready" again (whether before or after its script did).
    await typeCode(page, pg, "console.log('spinning');\nwhile (true) {}\nexport {};");
    await pg.locator('[data-action="run"]').click();
    await expect.poll(() => sandboxFrames(page).length).toBe(1);
    await forge(sandboxFrames(page)[0]!);
    await idle(page, 'client-api-tour', 15_000);
    expect(await pg.getAttribute('data-last-run')).toBe('malformed');
    expect(await pg.locator('[data-role="console"]').innerText()).toMatch(/sandbox sent something malformed; it was stopped[^]*"iframe-ready" came twice/);

    // A spare realm, booted while the page is idle: ended before any job could use it.
    await expect.poll(() => sandboxFrames(page).length, { timeout: 10_000 }).toBe(1);
    await forge(sandboxFrames(page)[0]!);
    await typeCode(page, pg, "console.log('second');\nexport {};");
    expect(await run(page, pg)).toContain('second');
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});

describe('a fault schedule the ensemble cannot have is refused, and the page says why', () => {
  it('a node it does not have, a time out of range, a range upside down; and the sandbox reads it again', async () => {
    const probe = await openPage(browser(), `${base}/client-api/`);
    const { page } = probe;
    const pg = page.locator('#client-api-tour');
    await typeCode(page, pg, "console.log('ran');\nexport {};");
    await pg.locator('.pg-settings summary').click();
    const cases: readonly (readonly [string, RegExp])[] = [
      ['at 10ms crash s9', /^The fault schedule is not valid: line 1: s9 is not a node of this ensemble \(servers s1, s2, s3; clients c1, c2, …\)$/],
      ['{ "version": 1, "events": [{ "at": 1e20, "crash": "s1" }] }', /^The fault schedule is not valid: events\[0\]\.at: expected whole ms from 0 to 1000000000, got 100000000000000000000$/],
      ['at 10ms latency 50ms 5ms', /^The fault schedule is not valid: line 1[^]*ends below its start/],
    ];
    for (const [schedule, reason] of cases) {
      await pg.locator('[data-role="faults"]').fill(schedule);
      await pg.locator('[data-action="run"]').click();
      await idle(page, 'client-api-tour', 30_000);
      expect(await pg.locator('[data-role="status"]').innerText(), schedule).toMatch(reason);
      expect(await pg.getAttribute('data-last-run'), schedule).toBe('faults');
      expect(await pg.locator('[data-role="console"]').innerText(), schedule).not.toContain('ran');
    }
    // The page's reading is a convenience: told of a fourth server, it lets s4 through, and the
    // sandbox, which reads the schedule against the ensemble it builds, refuses it.
    await pg.evaluate((el) => (el.dataset.servers = 's1 s2 s3 s4'));
    await pg.locator('[data-role="faults"]').fill('at 10ms crash s4');
    await pg.locator('[data-action="run"]').click();
    await idle(page, 'client-api-tour', 30_000);
    expect(await pg.locator('[data-role="status"]').innerText()).toMatch(/^The fault schedule is not valid: events\[0\]: s4 is not a node of this ensemble \(servers s1, s2, s3; clients c1, c2, …\)$/);
    expect(await pg.getAttribute('data-last-run')).toBe('faults');
    expect(await pg.locator('[data-role="console"]').innerText()).toMatch(/The fault schedule is not valid: events\[0\]: s4/);

    await pg.locator('[data-role="faults"]').fill('at 10ms crash s3');
    expect(await run(page, pg)).toContain('ran');
    expect(probe.errors).toEqual([]);
    await probe.context.close();
  });
});
