/**
 * A <Tour>'s behaviour (Tour.astro renders the intro, a hidden step panel and the steps as a
 * list). Loaded with reading-aids.ts (by book-parts.ts) when the reader starts or skips the
 * tour. A step sets its
 * sentence at once, moves the lab to the step's moment, scrolls the part it names into view
 * and rings it (a spot over the lab that dims the rest); nothing else moves the picture until
 * the reader goes on. While touring, the lab's own bar is hidden (shown for the step about
 * the controls) and the arrow keys move the tour, not the lab. Finishing or skipping leaves
 * the lab where it is, remembers that the tour was taken, and offers it again.
 *
 * Browser-only; imports the lab lookup, the targets and the progress store.
 */
import { labById } from './reading-aids.ts';
import type { LabHost } from './lab-registry.ts';
import { readTour, writeTour } from './reader-progress.ts';
import { isTourTarget, spotBox, TOUR_TARGETS } from './tour-targets.ts';
import { messagesFor } from '../i18n/locale.ts';
import en from '../i18n/en/reading.ts';

const m = await messagesFor(en, () => import('../i18n/zh-cn/reading.ts'));

interface TourState {
  step: number;
  /** Bumped by every move, so a slow step that was left does not ring anything. */
  token: number;
  spot: HTMLElement | null;
  target: Element | null;
  lab: (HTMLElement & LabHost) | null;
}

const states = new WeakMap<HTMLElement, TourState>();
const reducedMotion = (): boolean => matchMedia('(prefers-reduced-motion: reduce)').matches;

function stateOf(tour: HTMLElement): TourState {
  let s = states.get(tour);
  if (!s) {
    s = { step: -1, token: 0, spot: null, target: null, lab: null };
    states.set(tour, s);
    tour.querySelector('[data-role="panel"]')!.addEventListener('keydown', (ev) => {
      const e = ev as KeyboardEvent;
      const action = e.key === 'ArrowRight' ? 'next' : e.key === 'ArrowLeft' ? 'back' : e.key === 'Escape' ? 'end' : null;
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') e.stopPropagation(); // not the lab's step keys
      if (action === null || (e.target as Element).closest('input, select, textarea')) return;
      e.preventDefault();
      act(tour, action);
    });
    const follow = (): void => place(tour);
    addEventListener('resize', follow);
    new ResizeObserver(follow).observe(tour.closest('ensemble-lab') ?? tour);
  }
  return s;
}

const steps = (tour: HTMLElement): HTMLLIElement[] => [...tour.querySelectorAll<HTMLLIElement>('[data-role="steps"] li')];

export function act(tour: HTMLElement, action: string): void {
  const s = stateOf(tour);
  const n = steps(tour).length;
  switch (action) {
    case 'start':
      void go(tour, 0);
      tour.querySelector<HTMLButtonElement>('[data-tour-action="next"]')!.focus({ preventScroll: true });
      return;
    case 'next':
      if (s.step + 1 < n) void go(tour, s.step + 1);
      else finish(tour, true);
      return;
    case 'back':
      if (s.step > 0) void go(tour, s.step - 1);
      return;
    case 'skip':
    case 'end':
      finish(tour, action === 'end');
      return;
    case 'restore':
      if (readTour(tour.dataset.tour ?? '') === 'done' && s.step < 0) tour.dataset.state = 'done';
      return;
  }
}

async function go(tour: HTMLElement, i: number): Promise<void> {
  const s = stateOf(tour);
  const list = steps(tour);
  const step = list[i]!;
  const token = ++s.token;
  s.step = i;
  tour.dataset.state = 'touring';
  const q = <T extends HTMLElement>(sel: string): T => tour.querySelector<T>(sel)!;
  q('[data-role="intro"]').hidden = true;
  q('[data-role="panel"]').hidden = false;
  q('[data-role="count"]').textContent = m.step(i + 1, list.length);
  q('[data-role="text"]').innerHTML = step.innerHTML;
  q<HTMLButtonElement>('[data-tour-action="back"]').disabled = i === 0;
  q('[data-tour-action="next"]').textContent = i + 1 < list.length ? m.next : m.finish;

  const lab = s.lab ?? (s.lab = await labById(tour.dataset.tour ?? ''));
  if (!lab || token !== s.token) return;
  const target = step.dataset.target ?? '';
  lab.dataset.touring = target === 'controls' ? 'controls' : 'on';
  s.target = null;
  place(tour);
  await lab.showMoment(step.dataset.moment ?? '');
  if (token !== s.token) return;
  const el = await drawn(lab, target, () => token === s.token);
  if (!el || token !== s.token) return;
  s.target = el;
  show(el, q('[data-role="panel"]'));
  place(tour);
  // A smooth scroll (and a view that draws once visible) can move the target: ring it again.
  for (const ms of [350, 800]) setTimeout(() => token === s.token && place(tour), ms);
}

/**
 * Scroll so that the target's whole view is on screen beside the panel if it fits (a view
 * above the panel's place in the page has the panel under it; one below, the panel stuck
 * above it), else the target itself in the middle; not at all if the target is already in
 * sight and clear of the panel.
 */
function show(el: Element, panel: HTMLElement): void {
  const behavior: ScrollBehavior = reducedMotion() ? 'auto' : 'smooth';
  const nav = document.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
  const p = panel.getBoundingClientRect();
  const inSight = (b: DOMRect): boolean => b.top >= nav + 4 && b.bottom <= innerHeight - 4 && (b.bottom <= p.top || b.top >= p.bottom);
  const view = el.closest('.live-view, .lab-bar') ?? el;
  const v = view.getBoundingClientRect();
  const fits = v.height + p.height + 32 <= innerHeight - nav;
  if (fits ? inSight(v) : inSight(el.getBoundingClientRect())) return;
  const below = (panel.compareDocumentPosition(view) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  if (fits) {
    scrollBy({ top: v.top - nav - 8 - (below ? p.height + 16 : 0), behavior });
  } else {
    el.scrollIntoView({ block: 'center', behavior });
  }
}

/** The step's target in the lab, once a view has drawn it (views draw when near the viewport). */
async function drawn(lab: HTMLElement, target: string, current: () => boolean): Promise<Element | null> {
  if (!isTourTarget(target)) return null;
  const selectors = TOUR_TARGETS[target].split(', ');
  const find = (): Element | null => selectors.map((sel) => lab.querySelector(sel)).find((e) => e !== null) ?? null;
  for (let frame = 0; frame < 90 && current(); frame++) {
    const el = find();
    if (el) return el;
    // Not drawn yet: if its view is off-screen (views draw only near the viewport), bring it near.
    const view = lab.querySelector(selectors[0]!.split(' ')[0]!);
    const v = view?.getBoundingClientRect();
    if (frame === 5 && v && (v.bottom < 0 || v.top > innerHeight)) view!.scrollIntoView({ block: 'center' });
    await new Promise((r) => requestAnimationFrame(r));
  }
  return find();
}

/** Put the ring over the step's target (or take it away). */
function place(tour: HTMLElement): void {
  const s = states.get(tour);
  const lab = s?.lab;
  if (!s || !lab) return;
  if (!s.target || !s.target.isConnected) {
    s.spot?.remove();
    s.spot = null;
    return;
  }
  if (!s.spot) {
    s.spot = document.createElement('div');
    s.spot.className = 'tour-spot';
    s.spot.setAttribute('aria-hidden', 'true');
    lab.append(s.spot);
  }
  // The ring (a 3 px shadow, book.css .tour-spot) stays inside the lab, which clips while touring.
  const box = spotBox(s.target.getBoundingClientRect(), lab.getBoundingClientRect(), 6, 3);
  Object.assign(s.spot.style, { left: `${box.left}px`, top: `${box.top}px`, width: `${box.width}px`, height: `${box.height}px` });
}

function finish(tour: HTMLElement, taken: boolean): void {
  const s = stateOf(tour);
  s.token++;
  s.step = -1;
  s.target = null;
  place(tour);
  if (s.lab) delete s.lab.dataset.touring;
  tour.dataset.state = 'done';
  const q = <T extends HTMLElement>(sel: string): T => tour.querySelector<T>(sel)!;
  q('[data-role="panel"]').hidden = true;
  q('[data-role="intro"]').hidden = false;
  q('[data-role="intro-text"]').textContent = taken ? m.tourTaken : m.tourSkipped;
  const start = q<HTMLButtonElement>('[data-tour-action="start"]');
  start.textContent = m.takeTourAgain;
  start.focus();
  writeTour(tour.dataset.tour ?? '');
}
