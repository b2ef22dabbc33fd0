/**
 * The reader's progress across the book, drawn from local storage (reader-progress.ts) on
 * every page with a sidebar and on the landing page; eager, and small.
 *
 * - Marks: every chapter link that carries `data-exercises` (the sidebar's, the landing
 *   page's contents) gets ✓ when the chapter was read and "n/m" when n of its m exercises
 *   passed, in space its CSS reserves (src/styles/book.css), so no text moves; words for
 *   screen readers beside the signs. Redrawn on every progress write (`PROGRESS_EVENT`).
 * - Read: a chapter is read when its end (the previous/next links) is on screen while the
 *   reader is scrolling or pressing keys: opening a link to the end marks nothing.
 * Progress is shared across languages: a link's chapter is its path without the locale
 * prefix (`bookPath`).
 * The landing page's box is book-progress-landing.ts's. Words from src/i18n/{en,zh-cn}/book.ts.
 *
 * Browser-only; imports the progress store.
 */
import { bookPath, markRead, PROGRESS_EVENT, readBook } from './reader-progress.ts';
import { messagesFor } from '../i18n/locale.ts';
import en from '../i18n/en/book.ts';

const m = await messagesFor(en, () => import('../i18n/zh-cn/book.ts'));

type Link = HTMLAnchorElement;
export const chapterLinks = (root: ParentNode = document): Link[] => [...root.querySelectorAll<Link>('a[data-exercises]')];
export const idsOf = (a: Link): string[] => (a.dataset.exercises ?? '').split(' ').filter((x) => x !== '');

function drawMarks(): void {
  const { read, passed } = readBook();
  for (const a of chapterLinks()) {
    const path = bookPath(a.pathname);
    const ids = idsOf(a);
    const done = ids.filter((id) => passed.has(`${path}#${id}`)).length;
    const isRead = read.has(path);
    let mark = a.querySelector<HTMLElement>('.book-mark');
    if (mark === null) {
      mark = document.createElement('span');
      mark.className = 'book-mark';
      a.append(mark);
    }
    const signs = `${isRead ? '✓' : ''}${done > 0 ? ` ${done}/${ids.length}` : ''}`.trim();
    const words = [isRead ? m.markRead : '', done > 0 ? m.markPassed(done, ids.length) : ''].filter((w) => w !== '').join(m.markJoin);
    mark.innerHTML = signs === '' ? '' : `<span aria-hidden="true">${signs}</span><span class="sr-only"> (${words})</span>`;
  }
}

/** Marks this chapter read once its end shows while the reader is moving through the page. */
function watchEnd(): void {
  const end = document.querySelector('.pagination-links');
  if (end === null || !chapterLinks().some((a) => a.getAttribute('aria-current') === 'page')) return;
  let visible = false;
  let input = -1e9;
  const read = (): void => {
    if (visible && performance.now() - input < 1500 && !readBook().read.has(bookPath(location.pathname))) markRead();
  };
  for (const type of ['wheel', 'touchmove', 'keydown', 'pointerdown'])
    addEventListener(type, () => ((input = performance.now()), read()), { passive: true, capture: true });
  new IntersectionObserver((entries) => ((visible = entries.some((e) => e.isIntersecting)), read())).observe(end);
}

drawMarks();
document.addEventListener(PROGRESS_EVENT, drawMarks);
watchEnd();
