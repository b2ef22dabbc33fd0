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

function key(kind: string, id: string): string {
  return `${PREFIX}:${kind}:${location.pathname}#${id}`;
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
    const mark = `:${location.pathname}#`;
    return s !== null && bookKeys(s).some((k) => /^ensemble\.progress\.v1:(predict|tour):/.test(k) && k.includes(mark));
  } catch {
    return false;
  }
}

/** The whole book's progress: chapters read (paths), passes (`path#id`), the chapter read last. */
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
      if (m[1] === 'read') read.add(m[2]!);
      else if (m[1] === 'exercise' && s!.getItem(k) === 'passed') passed.add(m[2]!);
    }
    last = s?.getItem(`${PREFIX}:last:`) ?? null;
  } catch {
    // Nothing readable: nothing yet.
  }
  return { read, passed, last };
}

/** The reader reached the end of this chapter. */
export function markRead(): void {
  try {
    store()?.setItem(`${PREFIX}:read:${location.pathname}`, 'read');
  } catch {
    // Not remembered.
  }
  put(`${PREFIX}:last:`, location.pathname);
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
    const n = Number(store()?.getItem(key('hints', id)));
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
    const raw = store()?.getItem(key('predict', id));
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
    return store()?.getItem(key('tour', id)) === 'done' ? 'done' : null;
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
    return store()?.getItem(key('exercise', id)) === 'passed' ? 'passed' : null;
  } catch {
    return null;
  }
}

/** An exercise's check, or a stepper challenge, passed here: the mark stays. */
export function writeExercisePassed(id: string): void {
  put(key('exercise', id), 'passed');
}
