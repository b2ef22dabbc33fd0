/**
 * No keyboard trap anywhere (WCAG 2.1.2), and every control a pointer can use is reachable
 * by keyboard: on the landing page and every chapter, a walk with Tab from the top of the
 * page reaches the page's last tab stop and then leaves the page, and a walk with Shift+Tab
 * back from there reaches the first tab stop and leaves the page too; on each way it focuses
 * every visible, enabled button, input, select and textarea that takes a tab stop (of a
 * radio group, one radio; a widget with one tab stop and arrow keys inside, such as the live
 * tree, is its one stop). A trap shows as the walk circling inside one part of the page; the
 * failure names where the focus was stuck and which controls were never reached.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readChapters } from '../../src/book/chapters.mjs';
import { openPage } from './browser.ts';
import { useBrowser } from './shared-browser.ts';

const base = inject('baseURL');
const browser = useBrowser();

/** More tab stops than any page has; a walk that needs more is going round in circles. */
const MAX_STOPS = 900;

/**
 * Marks every control a pointer could use (visible, enabled, in the tab order) with
 * data-tab-walk="<n>" (a radio group by its name) and returns their descriptions by number.
 */
function markControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = [...document.querySelectorAll<HTMLElement>('button, input, select, textarea')].filter((el) => {
      if ((el as HTMLButtonElement).disabled || el.tabIndex < 0 || el.closest('[inert]') !== null) return false;
      if (el instanceof HTMLInputElement && el.type === 'hidden') return false;
      const r = el.getBoundingClientRect();
      return el.checkVisibility({ visibilityProperty: true, opacityProperty: false }) && r.width > 0 && r.height > 0;
    });
    // A radio group is one tab stop: its first radio stands for the group, by name.
    const radios: Record<string, number> = {};
    const out: string[] = [];
    for (const el of controls) {
      if (el instanceof HTMLInputElement && el.type === 'radio') {
        if (el.name in radios) continue;
        radios[el.name] = out.length;
      }
      el.setAttribute('data-tab-walk', String(out.length));
      const label = el.getAttribute('aria-label') ?? ((el.textContent ?? '').trim().slice(0, 40) || (el.getAttribute('name') ?? ''));
      const where = el.closest('[id]')?.id ?? '';
      out.push(`${el.tagName.toLowerCase()}${el instanceof HTMLInputElement ? `[${el.type}]` : ''} "${label}" in #${where}`);
    }
    (window as unknown as { tabWalkRadios: Record<string, number> }).tabWalkRadios = radios;
    return out;
  });
}

interface Stop {
  /** The number markControls gave the control focused (or its radio group), if any. */
  control: number | null;
  /** Where the focus is: tag, id or nearest id, for a failure message. */
  where: string;
  /** The focus is on the page's body or outside the page (past the last stop). */
  outside: boolean;
  /** The page's first tab stop in document order is focused. */
  first: boolean;
  /** The page's last tab stop in document order is focused. */
  last: boolean;
}

function stop(page: Page): Promise<Stop> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (el === null || el === document.body || !document.hasFocus()) return { control: null, where: 'outside the page', outside: true, first: false, last: false };
    let n: number | null = null;
    if (el instanceof HTMLInputElement && el.type === 'radio') n = (window as unknown as { tabWalkRadios: Record<string, number> }).tabWalkRadios[el.name] ?? null;
    else {
      const marked = el.closest('[data-tab-walk]')?.getAttribute('data-tab-walk');
      if (marked !== undefined && marked !== null) n = Number(marked);
    }
    const tabbable = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')].filter((e) => {
      if ((e as HTMLButtonElement).disabled || e.tabIndex < 0 || e.closest('[inert]') !== null) return false;
      const r = e.getBoundingClientRect();
      return e.checkVisibility({ visibilityProperty: true }) && r.width > 0 && r.height > 0;
    });
    const [first, last] = [tabbable[0], tabbable.at(-1)];
    const is = (t: HTMLElement | undefined): boolean => t !== undefined && (t === el || t.contains(el));
    const id = el.id !== '' ? `#${el.id}` : `${el.tagName.toLowerCase()} in #${el.closest('[id]')?.id ?? ''}`;
    return { control: n, where: id, outside: false, first: is(first), last: is(last) };
  });
}

/**
 * Presses `key` until the focus has been on the page's end stop (the last for Tab, the first
 * for Shift+Tab) and then moved past it: what it reached, whether it left, where it went round.
 */
async function walk(page: Page, key: 'Tab' | 'Shift+Tab'): Promise<{ left: boolean; reached: Set<number>; stuck: string }> {
  const end = key === 'Tab' ? 'last' : 'first';
  const reached = new Set<number>();
  const trail: string[] = [];
  let sawEnd = false;
  let left = false;
  for (let i = 0; i < MAX_STOPS && !left; i++) {
    await page.keyboard.press(key);
    const s = await stop(page);
    trail.push(s.where);
    if (s.control !== null) reached.add(s.control);
    if (s[end]) sawEnd = true;
    // Past the end stop, the focus leaves the page (or wraps round to its other end).
    else if (sawEnd) left = true;
  }
  return { left, reached, stuck: [...new Set(trail.slice(-20))].join(', ') };
}

const pages = ['/', ...readChapters('content/chapters').map((c: { slug: string }) => `/${c.slug}/`)];

describe('Tab walk: no keyboard trap', () => {
  for (const path of pages) {
    it(`${path}: Tab reaches the end of the page and every control on the way, and Shift+Tab comes back the same`, async () => {
      const probe = await openPage(browser(), `${base}${path}`);
      const { page } = probe;
      const controls = await markControls(page);
      for (const key of ['Tab', 'Shift+Tab'] as const) {
        const { left, reached, stuck } = await walk(page, key);
        expect(left, `${path}: after ${MAX_STOPS} presses of ${key} the focus never left the page; it was going round: ${stuck}`).toBe(true);
        const missed = controls.filter((_, n) => !reached.has(n));
        expect(missed, `${path}: controls ${key} never reached`).toEqual([]);
      }
      expect(probe.errors).toEqual([]);
      await probe.context.close();
    }, 240_000);
  }
});
