/**
 * The reader's progress through the book, kept in localStorage so that it survives a reload:
 * the answer chosen in each <Predict> (and whether it was revealed), whether the tour was
 * taken, which exercises' checks (and stepper challenges) have passed (a pass stays), how many
 * of a Playground's hints are open, and which chapters were read to the end. Keys are per page
 * and per part; a value that does not parse (or storage that is off) reads as "nothing yet"
 * and is never fatal. Only the reader's own actions write here (a link never does); every
 * write tells the page (`PROGRESS_EVENT`), so the sidebar's marks follow. `clearAll` is
 * "reset my progress": it removes every key the book keeps, code and answers included.
 *
 * Progress is the book's, not a language's: a key names a page by its path without the
 * locale's prefix (`bookPath`: `/zh-cn/client-api/` and `/client-api/` are one chapter), so
 * a chapter read or an exercise passed in English shows on its Chinese page and the reverse.
 * English paths have no prefix, so keys written before the Chinese edition still count; a
 * key written with the prefix (before this rule) is read as its chapter's too.
 *
 * Browser-only; imports nothing.
 */

const PREFIX = 'ensemble.progress.v1';

function store(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Locale prefixes of the book's translations (src/book/locales.mjs's TRANSLATIONS). */
const LOCALE_PREFIX = /^\/zh-cn(?=\/|$)/;

/** A page's path without its language: `/zh-cn/client-api/` → `/client-api/`, `/zh-cn/` → `/`. */
export function bookPath(pathname: string): string {
  return pathname.replace(LOCALE_PREFIX, '') || '/';
}

function key(kind: string, id: string): string {
  return `${PREFIX}:${kind}:${bookPath(location.pathname)}#${id}`;
}

/** A key's value, or under the same key with this page's own (prefixed) path, written before `bookPath`. */
function get(s: Storage | null | undefined, kind: string, id: string): string | null {
  return s?.getItem(key(kind, id)) ?? s?.getItem(`${PREFIX}:${kind}:${location.pathname}#${id}`) ?? null;
}

/** Dispatched on `document` after every write, and after `clearAll`. */
export const PROGRESS_EVENT = 'ensemble:progress';

function put(k: string, value: string): void {
  try {
    store()?.setItem(k, value);
  } catch {
    // Storage full or off: the part still works, it is just not remembered.
  }
  document.dispatchEvent(new Event(PROGRESS_EVENT));
}

/** Every key of the book's own: progress, saved code, figure positions. */
function bookKeys(s: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const k = s.key(i);
    if (k !== null && /^ensemble[.:]/.test(k)) keys.push(k);
  }
  return keys;
}

/** Whether the reader answered a prediction or took the tour on this page on an earlier visit. */
export function anyProgressHere(): boolean {
  try {
    const s = store();
    const here = bookPath(location.pathname);
    return s !== null && bookKeys(s).some((k) => {
      const m = /^ensemble\.progress\.v1:(?:predict|tour):(.*)#/.exec(k);
      return m !== null && bookPath(m[1]!) === here;
    });
  } catch {
    return false;
  }
}

/** The whole book's progress: chapters read (paths without a locale prefix, `bookPath`), passes (`path#id`), the chapter read last. */
export interface BookProgress {
  readonly read: ReadonlySet<string>;
  readonly passed: ReadonlySet<string>;
  readonly last: string | null;
}

export function readBook(): BookProgress {
  const read = new Set<string>();
  const passed = new Set<string>();
  let last: string | null = null;
  try {
    const s = store();
    for (const k of s === null ? [] : bookKeys(s)) {
      const m = /^ensemble\.progress\.v1:(read|exercise|last):(.*)$/.exec(k);
      if (m === null) continue;
      if (m[1] === 'read') read.add(bookPath(m[2]!));
      else if (m[1] === 'exercise' && s!.getItem(k) === 'passed') passed.add(bookPath(m[2]!));
    }
    const lastRead = s?.getItem(`${PREFIX}:last:`) ?? null;
    last = lastRead === null ? null : bookPath(lastRead);
  } catch {
    // Nothing readable: nothing yet.
  }
  return { read, passed, last };
}

/** The reader reached the end of this chapter. */
export function markRead(): void {
  try {
    store()?.setItem(`${PREFIX}:read:${bookPath(location.pathname)}`, 'read');
  } catch {
    // Not remembered.
  }
  put(`${PREFIX}:last:`, bookPath(location.pathname));
}

/** Reset my progress: every key the book keeps (progress, code, answers, positions). */
export function clearAll(): void {
  try {
    const s = store();
    for (const k of s === null ? [] : bookKeys(s)) s!.removeItem(k);
  } catch {
    // Storage off: there was nothing to clear.
  }
  document.dispatchEvent(new Event(PROGRESS_EVENT));
}

/** How many of a Playground's hints the reader has open (0 if none). */
export function readHints(id: string): number {
  try {
    const n = Number(get(store(), 'hints', id));
    return Number.isInteger(n) && n > 0 && n < 10 ? n : 0;
  } catch {
    return 0;
  }
}

export function writeHints(id: string, open: number): void {
  put(key('hints', id), String(open));
}

/** What the reader did with a prediction. */
export interface PredictProgress {
  /** Index of the choice. */
  readonly choice: number;
  readonly revealed: boolean;
}

export function readPredict(id: string): PredictProgress | null {
  try {
    const raw = get(store(), 'predict', id);
    if (raw == null) return null;
    const v = JSON.parse(raw) as Partial<PredictProgress>;
    return Number.isInteger(v.choice) && typeof v.revealed === 'boolean' ? { choice: v.choice!, revealed: v.revealed } : null;
  } catch {
    return null;
  }
}

export function writePredict(id: string, progress: PredictProgress): void {
  put(key('predict', id), JSON.stringify(progress));
}

export function readTour(id: string): 'done' | null {
  try {
    return get(store(), 'tour', id) === 'done' ? 'done' : null;
  } catch {
    return null;
  }
}

export function writeTour(id: string): void {
  put(key('tour', id), 'done');
}

/** Whether the exercise in the <Playground> `id` has passed its check in this browser. */
export function readExercise(id: string): 'passed' | null {
  try {
    return get(store(), 'exercise', id) === 'passed' ? 'passed' : null;
  } catch {
    return null;
  }
}

/** An exercise's check, or a stepper challenge, passed here: the mark stays. */
export function writeExercisePassed(id: string): void {
  put(key('exercise', id), 'passed');
}
