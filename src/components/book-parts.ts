/**
 * The small, eagerly loaded part of the book's reading aids — <MomentLink>, <Predict> and
 * <Tour> — shared by their scripts (a module runs once however many components import it).
 * It only listens, on the document: a moment link moves its lab (already on the page) and
 * brings it into view; the code of a prediction (predict.ts) or of the tour (tour.ts) is
 * imported on the reader's first interaction with one, or — for a prediction answered on an
 * earlier visit — when it nears the viewport. So they add almost nothing to a chapter's first
 * load.
 *
 * Browser-only; imports the progress store and, lazily, predict.ts and tour.ts.
 */
import type { LabHost } from './lab-registry.ts';
import { readPredict, readTour } from './reader-progress.ts';

const loadPredict = () => import('./predict.ts');
const loadTour = () => import('./tour.ts');

/** The <ensemble-lab> with id `id`, once its element is defined. */
export async function labById(id: string): Promise<(HTMLElement & LabHost) | null> {
  const el = document.getElementById(id);
  if (el?.localName !== 'ensemble-lab') return null;
  await customElements.whenDefined('ensemble-lab');
  return el as HTMLElement & LabHost;
}

/** Scroll the lab's figure into view unless its picture's top is already on screen. */
export function bringIntoView(lab: HTMLElement): void {
  const figure = lab.closest('figure') ?? lab;
  const views = lab.querySelector('.lab-views') ?? lab;
  const top = views.getBoundingClientRect().top;
  if (top >= 0 && top < innerHeight * 0.5) return;
  figure.scrollIntoView({ block: 'start', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
}

async function showMoment(link: HTMLElement): Promise<void> {
  const lab = await labById(link.dataset.lab ?? '');
  if (!lab) return;
  link.setAttribute('aria-busy', 'true');
  try {
    if (await lab.showMoment(link.dataset.moment ?? '')) bringIntoView(lab);
  } finally {
    link.removeAttribute('aria-busy');
  }
}

document.addEventListener('click', (ev) => {
  const target = ev.target as Element;
  const moment = target.closest<HTMLElement>('[data-moment-link]');
  if (moment) {
    ev.preventDefault();
    void showMoment(moment);
    return;
  }
  const reveal = target.closest<HTMLButtonElement>('[data-predict] [data-role="reveal"]');
  if (reveal) {
    const predict = reveal.closest<HTMLElement>('[data-predict]')!;
    void loadPredict().then((m) => m.reveal(predict));
    return;
  }
  const tour = target.closest<HTMLElement>('[data-tour] [data-tour-action]');
  if (tour) void loadTour().then((m) => m.act(tour.closest<HTMLElement>('[data-tour]')!, tour.dataset.tourAction ?? ''));
});

document.addEventListener('change', (ev) => {
  const input = ev.target as HTMLInputElement;
  const predict = input.closest?.<HTMLElement>('[data-predict]');
  if (!predict || input.type !== 'radio') return;
  // Reveal is usable at once; the rest (remembering the choice) comes with predict.ts.
  predict.querySelector<HTMLButtonElement>('[data-role="reveal"]')!.disabled = false;
  void loadPredict().then((m) => m.choose(predict, Number(input.value)));
});

// Predictions answered on an earlier visit come back as they were left, when they near the viewport.
const answered = [...document.querySelectorAll<HTMLElement>('[data-predict]')].filter((p) => readPredict(p.dataset.predict ?? '') !== null);
if (answered.length > 0) {
  const io = new IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (!e.isIntersecting) continue;
        io.unobserve(e.target);
        void loadPredict().then((m) => m.restore(e.target as HTMLElement));
      }
    },
    { rootMargin: '400px' },
  );
  for (const p of answered) io.observe(p);
}
// A tour taken on an earlier visit offers itself again, quietly.
for (const t of document.querySelectorAll<HTMLElement>('[data-tour]')) {
  if (readTour(t.dataset.tour ?? '') === 'done') t.dataset.state = 'done';
}
