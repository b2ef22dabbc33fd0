/**
 * The figures' palette (src/styles/book.css), in light and dark: every role colour stands out
 * from the page (3:1, WCAG 1.4.11 for graphics), and the colours a reader must tell apart
 * without words — leader, follower/client, election, watch — stay apart for deuteranopia
 * and protanopia (simulated) as well as normal vision. The arithmetic is checked on colours
 * everyone agrees on, and a palette that fails is refused.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrast, deltaE, parseHex, type Vision } from '../../harness/colour-vision.ts';

const css = readFileSync('src/styles/book.css', 'utf8');
const block = (selector: string): Map<string, string> => {
  const at = css.indexOf(`${selector} {`);
  if (at < 0) throw new Error(`no ${selector} block in book.css`);
  const body = css.slice(at, css.indexOf('}', at));
  return new Map([...body.matchAll(/--(ens-[a-z0-9-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]));
};
const THEMES = [
  { name: 'light', page: '#ffffff', tokens: block(':root') },
  // Starlight's dark page: hsl(224, 10%, 10%).
  { name: 'dark', page: '#17181c', tokens: block(":root[data-theme='dark']") },
];
const ROLES = ['ens-leader', 'ens-follower', 'ens-election', 'ens-changed', 'ens-error', 'ens-frozen'];
const TELL_APART = ['ens-leader', 'ens-follower', 'ens-election', 'ens-changed'];
const VISIONS: Vision[] = ['normal', 'deuteranopia', 'protanopia'];
/** ΔE below which two strokes on a page are easily confused; 12 is a clearly visible difference. */
const MIN_DELTA_E = 12;

function problems(page: string, tokens: ReadonlyMap<string, string>): string[] {
  const out: string[] = [];
  for (const r of ROLES) {
    const c = contrast(parseHex(tokens.get(r)!), parseHex(page));
    if (c < 3) out.push(`${r} contrast ${c.toFixed(2)}`);
  }
  for (const v of VISIONS)
    for (let i = 0; i < TELL_APART.length; i++)
      for (let j = i + 1; j < TELL_APART.length; j++) {
        const d = deltaE(parseHex(tokens.get(TELL_APART[i]!)!), parseHex(tokens.get(TELL_APART[j]!)!), v);
        if (d < MIN_DELTA_E) out.push(`${TELL_APART[i]}/${TELL_APART[j]} ΔE ${d.toFixed(1)} (${v})`);
      }
  return out;
}

describe('colour arithmetic', () => {
  it('agrees with known values', () => {
    expect(contrast(parseHex('#000000'), parseHex('#ffffff'))).toBeCloseTo(21, 5);
    expect(contrast(parseHex('#767676'), parseHex('#ffffff'))).toBeCloseTo(4.54, 1);
    // Red and green, far apart for most readers, nearly merge for a deuteranope.
    expect(deltaE(parseHex('#d62728'), parseHex('#2ca02c'))).toBeGreaterThan(60);
    expect(deltaE(parseHex('#d62728'), parseHex('#2ca02c'), 'deuteranopia')).toBeLessThan(deltaE(parseHex('#d62728'), parseHex('#2ca02c')) / 2);
    expect(() => parseHex('orange')).toThrow(/not a #rrggbb/);
  });
  it('refuses a palette a colour-blind reader cannot use', () => {
    const bad = new Map([...THEMES[0]!.tokens, ['ens-changed', '#2ca02c'], ['ens-leader', '#d62728'], ['ens-election', '#fff0f0']]);
    expect(problems('#ffffff', bad).join('; ')).toMatch(/ens-election contrast.*ens-leader\/ens-changed ΔE/);
  });
});

describe('the palette', () => {
  it.each(THEMES.map((t) => [t.name, t] as const))('%s: stands out from the page and stays apart for colour-blind readers', (_name, theme) => {
    for (const r of ROLES) expect(theme.tokens.has(r), r).toBe(true);
    expect(problems(theme.page, theme.tokens)).toEqual([]);
  });
});

/** Hue angle in degrees (HSL), for telling a tint's family. */
function hue([r, g, b]: readonly [number, number, number]): number {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max === min) return NaN;
  const d = max - min;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}
const hueGap = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));
/** Tints this close to the leader's hue read as "leader" on a server's fill. */
const MIN_HUE_GAP = 15;
const tintProblems = (tokens: ReadonlyMap<string, string>): string[] => {
  const leader = hue(parseHex(tokens.get('ens-leader')!));
  return [0, 1, 2, 3, 4, 5].flatMap((i) => {
    const gap = hueGap(hue(parseHex(tokens.get(`ens-epoch-${i}`)!)), leader);
    return gap < MIN_HUE_GAP ? [`ens-epoch-${i} hue ${gap.toFixed(0)}° from the leader's`] : [];
  });
};

describe('the epoch tints', () => {
  it('refuses a tint of the leader\'s own hue (the old peach epoch 2)', () => {
    expect(tintProblems(new Map([...THEMES[0]!.tokens, ['ens-epoch-2', '#fbe5c8']]))).toEqual([expect.stringMatching(/^ens-epoch-2 hue \d+° from the leader's$/)]);
  });
  it.each(THEMES.map((t) => [t.name, t] as const))('%s: none shares the leader\'s hue', (_name, theme) => {
    expect(tintProblems(theme.tokens)).toEqual([]);
  });
});
