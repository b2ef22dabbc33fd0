/**
 * A lab's figure takes the page's width on a desktop, over the column where Starlight keeps
 * "On this page" (book.css, "Room to see"). So that the figure never covers part of that list
 * (a reader saw its second entry cut), the list is hidden while any lab's figure crosses the
 * band of the window it occupies, and shown again when the figure has scrolled past: the page
 * marks itself `data-toc-covered`, and book.css hides the column's contents (out of the tab
 * order too). Nothing in the flow moves. Loaded with every <EnsembleLab>'s small script;
 * only listens.
 *
 * Browser-only; imports nothing.
 */

const WIDE = matchMedia('(min-width: 72rem)');
const root = document.documentElement;
let observer: IntersectionObserver | null = null;
const crossing = new Set<Element>();

function watch(): void {
  observer?.disconnect();
  crossing.clear();
  delete root.dataset.tocCovered;
  const panel = document.querySelector<HTMLElement>('[data-has-toc] .right-sidebar-panel');
  if (!WIDE.matches || !panel) return;
  const band = panel.getBoundingClientRect();
  // The band of the window the list occupies, as a root margin (negative: inside the window).
  const top = Math.max(0, Math.floor(band.top));
  const bottom = Math.max(0, Math.floor(innerHeight - band.bottom));
  observer = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (e.isIntersecting) crossing.add(e.target);
        else crossing.delete(e.target);
      }
      if (crossing.size > 0) root.dataset.tocCovered = '';
      else delete root.dataset.tocCovered;
    },
    { rootMargin: `-${top}px 0px -${bottom}px 0px` },
  );
  for (const f of document.querySelectorAll('.ensemble-lab-figure')) observer.observe(f);
}

let queued = false;
const later = (): void => {
  if (queued) return;
  queued = true;
  requestAnimationFrame(() => {
    queued = false;
    watch();
  });
};
WIDE.addEventListener('change', later);
addEventListener('resize', later);
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', later, { once: true });
else later();
