/**
 * A figure's code, loaded when the figure comes near the screen rather than with the page: a
 * chapter pays up front only for the figures the reader sees first (issue 18: at most 60 KB of
 * gzipped JavaScript before interaction). Near is within one screen's height of the viewport;
 * the code loads at once when the page hash links to one of the figures (`linkPrefix`, e.g.
 * `#pg=` opens a Playground link, `#lab=` a lab's moment, however far down the page), when the
 * reader presses or focuses inside one (a click that comes before the code is held and given
 * again once it has loaded), and before printing. The figures keep their room
 * meanwhile (lab-footprint.ts; a Playground's static code), so loading late moves nothing.
 *
 * A lab and its views (`waitForReader`) do not load merely for being near as the page opens:
 * their nearness counts from the reader's first act on the page (a scroll, a press, a key),
 * and a pointer over one or the focus in one loads it at once. The page shows a lab's first
 * frame meanwhile (its bar, its ensemble and live trees drawn at build time: first-frame.ts), so a
 * chapter whose first screen is a lab pays for no engine until the reader does something
 * (issue 18).
 *
 * Browser-only; imports nothing.
 */

/** Whether the reader has scrolled, pressed or typed on this page yet; then the callbacks waiting for it. */
let readerActed = false;
const waitingForReader: (() => void)[] = [];
const ACTS = ['scroll', 'wheel', 'pointerdown', 'keydown', 'touchstart'] as const;
function onReaderAct(e: Event): void {
  // The page's own scroll; a figure scrolling a list of its own as it draws is not the reader.
  if (e.type === 'scroll' && e.target !== document) return;
  readerHasActed();
}
function readerHasActed(): void {
  if (readerActed) return;
  readerActed = true;
  for (const a of ACTS) removeEventListener(a, onReaderAct, true);
  for (const f of waitingForReader.splice(0)) f();
}
function whenReaderActs(f: () => void): void {
  if (readerActed) return f();
  if (waitingForReader.length === 0) for (const a of ACTS) addEventListener(a, onReaderAct, { capture: true, passive: true });
  waitingForReader.push(f);
}

export interface LoadNearOptions {
  /** A page hash starting so links to one of the figures: load at once. */
  linkPrefix?: string;
  /** Nearness counts only from the reader's first act on the page (a lab, whose first frame the page shows). */
  waitForReader?: boolean;
}

export function loadNear(selector: string, load: () => Promise<unknown>, options: LoadNearOptions = {}): void {
  const { linkPrefix, waitForReader = false } = options;
  const figures = [...document.querySelectorAll(selector)];
  if (figures.length === 0) return;
  let started = false;
  let loaded = false;
  /** A click that came before the code: held, and given again once the figure can take it. */
  let held: HTMLElement | null = null;
  const hold = (e: Event): void => {
    if (loaded) return;
    e.preventDefault();
    e.stopPropagation();
    held = e.target as HTMLElement;
    start();
  };
  const start = (): void => {
    if (started) return;
    started = true;
    // A lab the reader reached for (a pointer over it, a link, the focus): its views near the screen come too.
    if (waitForReader) readerHasActed();
    near?.disconnect();
    removeEventListener('hashchange', linked);
    removeEventListener('beforeprint', start);
    // Taken or not (offline before the code was ever fetched), clicks are no longer held.
    void load()
      .catch(() => undefined)
      .then(() => {
        loaded = true;
        for (const f of figures) f.removeEventListener('click', hold, true);
        held?.click();
      });
  };
  const linked = (): void => {
    if (linkPrefix !== undefined && location.hash.startsWith(linkPrefix)) start();
  };
  /** The figures within a screen of the viewport now. */
  const nearNow = new Set<Element>();
  const near =
    typeof IntersectionObserver === 'undefined'
      ? null
      : new IntersectionObserver(
          (entries) => {
            for (const e of entries) {
              if (e.isIntersecting) nearNow.add(e.target);
              else nearNow.delete(e.target);
            }
            if (nearNow.size > 0 && (!waitForReader || readerActed)) start();
          },
          { rootMargin: '100% 0px' },
        );
  if (near === null) return waitForReader ? whenReaderActs(start) : start();
  linked();
  if (started) return;
  addEventListener('hashchange', linked);
  addEventListener('beforeprint', start);
  if (waitForReader) whenReaderActs(() => nearNow.size > 0 && start());
  for (const f of figures) {
    near.observe(f);
    f.addEventListener('pointerdown', start, { once: true });
    if (waitForReader) f.addEventListener('pointerover', start, { once: true });
    f.addEventListener('focusin', start, { once: true });
    f.addEventListener('click', hold, true);
  }
}
