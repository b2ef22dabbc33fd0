/**
 * The landing page's "Your progress" box (BookProgress.astro): chapters read and exercises
 * passed, where to continue (the first unread chapter after the one read last), and "Reset
 * my progress", which asks before it clears everything the book keeps in this browser. Also
 * draws the contents' marks (book-progress.ts). Its words are the page's language's
 * (src/i18n/{en,zh-cn}/book.ts). Browser-only; imports the progress store.
 */
import { chapterLinks, idsOf } from './book-progress.ts';
import { bookPath, clearAll, PROGRESS_EVENT, readBook } from './reader-progress.ts';
import { messagesFor } from '../i18n/locale.ts';
import en, { type BookMessages } from '../i18n/en/book.ts';

function landing(box: HTMLElement, m: BookMessages): void {
  const part = (role: string): HTMLElement => box.querySelector<HTMLElement>(`[data-role="${role}"]`)!;
  const draw = (): void => {
    const { read, passed, last } = readBook();
    const chapters = chapterLinks(box.parentElement!);
    const path = (a: HTMLAnchorElement): string => bookPath(a.pathname);
    const exercises = chapters.flatMap((a) => idsOf(a).map((id) => `${path(a)}#${id}`));
    const nRead = chapters.filter((a) => read.has(path(a))).length;
    const nPassed = exercises.filter((x) => passed.has(x)).length;
    const from = chapters.findIndex((a) => path(a) === last) + 1;
    const next = [...chapters.slice(from), ...chapters.slice(0, from)].find((a) => !read.has(path(a)));
    part('summary').textContent =
      nRead + nPassed === 0 ? m.nothingRead : m.summary(nRead, chapters.length, nPassed, exercises.length);
    const go = part('next');
    go.textContent = next === undefined ? m.readAll : nRead === 0 ? m.startWith : m.continueWith;
    if (next !== undefined) {
      const a = document.createElement('a');
      a.href = next.getAttribute('href')!;
      a.textContent = next.firstChild!.textContent!.trim();
      go.append(a, m.sentenceEnd);
    }
  };
  const ask = part('ask');
  const confirm = part('confirm');
  const toggle = (open: boolean): void => {
    confirm.hidden = !open;
    ask.setAttribute('aria-expanded', String(open));
    (open ? confirm.querySelector<HTMLElement>('[data-action="cancel"]')! : ask).focus();
  };
  ask.addEventListener('click', () => toggle(ask.getAttribute('aria-expanded') !== 'true'));
  confirm.addEventListener('click', (e) => {
    const action = (e.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset.action;
    if (action === 'clear') clearAll();
    if (action !== undefined) toggle(false);
    if (action === 'clear') part('done').textContent = m.cleared;
  });
  document.addEventListener(PROGRESS_EVENT, draw);
  draw();
}

const box = document.querySelector<HTMLElement>('[data-book-progress]');
if (box !== null) landing(box, await messagesFor(en, () => import('../i18n/zh-cn/book.ts')));
