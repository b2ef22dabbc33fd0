/**
 * Playground links (src/sandbox/link.ts): a round trip keeps code, seed and faults; every
 * malformed or oversized link is refused with a plain-words message (never a throw).
 */
import { describe, expect, it } from 'vitest';
import { MAX_CODE_CHARS, MAX_LINK_CHARS, formatPlaygroundLink, parsePlaygroundLink } from '../../../src/sandbox/link.ts';

const link = { id: 'first-program', code: "const zk = await connect();\nconsole.log('héllo ✓');\nexport {};\n", seed: 42, faults: { version: 1 as const, events: [{ at: 10, crash: 's1' }, { at: 900, restart: 's1' }] } };

describe('playground links', () => {
  it('round-trip code, seed and faults', async () => {
    const hash = await formatPlaygroundLink(link);
    expect(hash).toMatch(/^#pg=first-program&v=1&seed=42&code=[A-Za-z0-9_-]+&faults=[A-Za-z0-9_-]+$/);
    expect(await parsePlaygroundLink(hash)).toEqual({ ok: true, link });
  });

  it('ignore hashes that are not playground links', async () => {
    expect(await parsePlaygroundLink('#lab=x&v=1')).toEqual({ ok: 'none' });
    expect(await parsePlaygroundLink('')).toEqual({ ok: 'none' });
  });

  it('refuse malformed links with a message', async () => {
    const good = await formatPlaygroundLink(link);
    const bad = [
      good.replace('v=1', 'v=9'),
      good.replace('seed=42', 'seed=x'),
      good.replace(/code=[^&]+/, 'code=!!!'),
      good.replace(/code=[^&]+/, 'code=AAAA'),
      good.replace(/faults=[^&]+/, 'faults=e30'),
      '#pg=first-program&v=1&seed=1&broken',
      '#pg=../x&v=1&seed=1&code=',
    ];
    for (const b of bad) {
      const r = await parsePlaygroundLink(b);
      expect(r.ok, b).toBe(false);
      if (r.ok === false) expect(r.error).toMatch(/not loaded|cannot be read|not valid/);
    }
  });

  it('refuse oversized links and oversized code', async () => {
    const long = await parsePlaygroundLink(`#pg=a&v=1&seed=1&code=${'A'.repeat(MAX_LINK_CHARS)}`);
    expect(long.ok).toBe(false);
    const bomb = await formatPlaygroundLink({ ...link, code: 'x'.repeat(MAX_CODE_CHARS * 5) });
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS);
    const r = await parsePlaygroundLink(bomb);
    expect(r.ok).toBe(false);
    if (r.ok === false) expect(r.error).toMatch(/longer than|too long/);
  });
});
