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
 * Browser-only; imports nothing.
 */
export function loadNear(selector: string, load: () => Promise<unknown>, linkPrefix?: string): void {
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
  const near = typeof IntersectionObserver === 'undefined' ? null : new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && start(), { rootMargin: '100% 0px' });
  if (near === null) return start();
  linked();
  if (started) return;
  addEventListener('hashchange', linked);
  addEventListener('beforeprint', start);
  for (const f of figures) {
    near.observe(f);
    f.addEventListener('pointerdown', start, { once: true });
    f.addEventListener('focusin', start, { once: true });
    f.addEventListener('click', hold, true);
  }
}
