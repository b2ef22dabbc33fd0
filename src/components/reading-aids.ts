/**
 * The reading aids' code, loaded by book-parts.ts on the reader's first interaction with a
 * <MomentLink>, <Predict> or <Tour> (or to restore a prediction answered on an earlier
 * visit): a moment link moves its lab to the named moment and brings it into view (unless a
 * <LabStage> keeps its picture beside the text), offering the way back to the text
 * (back-to-text.ts); the rest is predict.ts's and tour.ts's.
 *
 * Browser-only; imports the lab registry's types, back-to-text.ts, predict.ts and tour.ts.
 */
import { offerWayBack } from './back-to-text.ts';
import type { LabHost } from './lab-registry.ts';
import { choose, restore, reveal } from './predict.ts';
import { act } from './tour.ts';

/** The <ensemble-lab> with id `id`, once its element is defined (its code loaded now if need be). */
export async function labById(id: string): Promise<(HTMLElement & LabHost) | null> {
  const el = document.getElementById(id);
  if (el?.localName !== 'ensemble-lab') return null;
  // A lab far down the page has not loaded its code yet (load-near.ts).
  await import('./ensemble-lab.ts');
  await customElements.whenDefined('ensemble-lab');
  return el as HTMLElement & LabHost;
}

/**
 * Scroll the lab's figure into view, unless its picture is already on screen: the ensemble's
 * drawing (or the first view) whole between the header and the lab's bar (which stays at the
 * window's foot), or the lab docked beside the passage (a <LabStage>, lab-stage.ts). The
 * figure goes to the top (below the header and the room its scroll-margin keeps for the way
 * back) when its picture then fits above the bar; otherwise the picture itself goes there, so
 * a phone sees the whole drawing rather than the caption. Whether it scrolled.
 */
function bringIntoView(lab: HTMLElement): boolean {
  if ([...document.querySelectorAll<HTMLElement>('lab-stage[data-docked]')].some((s) => s.dataset.lab === lab.id)) return false;
  const figure = lab.closest('figure') ?? lab;
  const picture = (lab.querySelector('.lab-views .ensemble-canvas') ?? lab.querySelector('.lab-views > *') ?? lab).getBoundingClientRect();
  const header = document.querySelector('header.header')?.getBoundingClientRect().bottom ?? 0;
  const floor = Math.min(innerHeight, lab.querySelector('.lab-bar')?.getBoundingClientRect().top ?? innerHeight);
  if (picture.top >= header && picture.bottom <= floor) return false;
  // scrollTo, not scrollIntoView: the latter adds the page's scroll-padding to the margin.
  const top = parseFloat(getComputedStyle(figure).scrollMarginTop) || header;
  const box = figure.getBoundingClientRect();
  // Once the lab is on screen its bar sits at the window's foot. The picture, when it goes to
  // the top, keeps clear of the way-back button too (16 px below the margin's room).
  const bar = innerHeight - (lab.querySelector<HTMLElement>('.lab-bar')?.offsetHeight ?? 0);
  const shift = picture.bottom - box.top + top <= bar ? box.top - top : picture.top - top - 16;
  scrollTo({ top: scrollY + shift, behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  return true;
}

async function showMoment(link: HTMLElement): Promise<void> {
  const lab = await labById(link.dataset.lab ?? '');
  if (!lab) return;
  link.setAttribute('aria-busy', 'true');
  try {
    if ((await lab.showMoment(link.dataset.moment ?? '')) && bringIntoView(lab)) {
      const moment = lab.querySelector('[data-role="moment"]')?.textContent?.replace(/^Moment: /, '').replace(/\.$/, '') ?? 'the moment';
      await offerWayBack(link, lab.closest('figure') ?? lab, moment);
    }
  } finally {
    link.removeAttribute('aria-busy');
  }
}

/** A click book-parts.ts caught on a moment link, a Reveal button or a tour button. */
export function clicked(el: HTMLElement): void {
  if (el.matches('[data-moment-link]')) void showMoment(el);
  else if (el.matches('[data-tour-action]')) act(el.closest<HTMLElement>('[data-tour]')!, el.dataset.tourAction ?? '');
  else void reveal(el.closest<HTMLElement>('[data-predict]')!);
}

export { choose };

/** Bring back every prediction and tour on the page as the reader left them. */
export function restoreAll(): void {
  for (const p of document.querySelectorAll<HTMLElement>('[data-predict]')) restore(p);
  for (const t of document.querySelectorAll<HTMLElement>('[data-tour]')) act(t, 'restore');
}
