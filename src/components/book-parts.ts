/**
 * The eagerly loaded part of the book's reading aids — <MomentLink>, <Predict> and <Tour> —
 * shared by their scripts (a module runs once however many components import it). It only
 * listens: their code (reading-aids.ts, with predict.ts and tour.ts) is imported on the
 * reader's first click or choice in one of them, or, when the reader answered or toured on
 * this page before (reader-progress.ts's keys), once one nears the viewport. So they add
 * next to nothing to a chapter's first load.
 *
 * Browser-only; imports the progress store's one question and, lazily, reading-aids.ts.
 */
import { anyProgressHere } from './reader-progress.ts';

const load = () => import('./reading-aids.ts');

document.addEventListener('click', (ev) => {
  const el = (ev.target as Element).closest<HTMLElement>('[data-moment-link], [data-predict] [data-role="reveal"], [data-tour] [data-tour-action]');
  if (el) void load().then((m) => m.clicked(el));
});

document.addEventListener('change', (ev) => {
  const input = ev.target as HTMLInputElement;
  const predict = input.closest?.<HTMLElement>('[data-predict]');
  if (!predict || input.type !== 'radio') return;
  // Reveal is usable at once; remembering the choice comes with the code.
  predict.querySelector<HTMLButtonElement>('[data-role="reveal"]')!.disabled = false;
  void load().then((m) => m.choose(predict, Number(input.value)));
});

const parts = document.querySelectorAll('[data-predict], [data-tour]');
if (parts.length > 0 && anyProgressHere()) {
  const io = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      void load().then((m) => m.restoreAll());
    },
    { rootMargin: '400px' },
  );
  for (const p of parts) io.observe(p);
}
