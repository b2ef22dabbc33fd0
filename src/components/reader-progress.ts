/**
 * The reader's progress through the book's interactive parts, kept in localStorage so that it
 * survives a reload: the answer chosen in each <Predict> (and whether it was revealed),
 * whether the tour was taken, and which exercises' checks have passed (a pass stays). Keys are per page and per part; a value that does not parse (or
 * storage that is off) reads as "nothing yet" and is never fatal.
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

/** Whether the reader left anything (a choice, a tour taken) on this page on an earlier visit. */
export function anyProgressHere(): boolean {
  try {
    const s = store();
    if (!s) return false;
    const mark = `:${location.pathname}#`;
    for (let i = 0; i < s.length; i++) if (s.key(i)?.startsWith(`${PREFIX}:`) && s.key(i)!.includes(mark)) return true;
    return false;
  } catch {
    return false;
  }
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
  try {
    store()?.setItem(key('predict', id), JSON.stringify(progress));
  } catch {
    // Storage full or off: the prediction still works, it is just not remembered.
  }
}

export function readTour(id: string): 'done' | null {
  try {
    return store()?.getItem(key('tour', id)) === 'done' ? 'done' : null;
  } catch {
    return null;
  }
}

export function writeTour(id: string): void {
  try {
    store()?.setItem(key('tour', id), 'done');
  } catch {
    // As above: not remembered.
  }
}

/** Whether the exercise in the <Playground> `id` has passed its check in this browser. */
export function readExercise(id: string): 'passed' | null {
  try {
    return store()?.getItem(key('exercise', id)) === 'passed' ? 'passed' : null;
  } catch {
    return null;
  }
}

export function writeExercisePassed(id: string): void {
  try {
    store()?.setItem(key('exercise', id), 'passed');
  } catch {
    // As above: not remembered.
  }
}
