/**
 * The reader's work on one playground, kept in localStorage as they type (so it survives a
 * reload and a crashed tab): the code, the seed and the fault schedule. Storage that is
 * unavailable (private mode, quota) degrades to "kept for this page only" without errors.
 * Browser-only; imports nothing.
 */
export interface SavedWork {
  readonly code: string;
  readonly seed: number;
  /** The fault schedule as the reader typed it (JSON text). */
  readonly faults: string;
}

const key = (id: string): string => `ensemble:playground:${id}`;

export function loadWork(id: string): SavedWork | null {
  try {
    const text = localStorage.getItem(key(id));
    if (text === null) return null;
    const v = JSON.parse(text) as Partial<SavedWork>;
    if (typeof v.code !== 'string') return null;
    return { code: v.code, seed: typeof v.seed === 'number' && Number.isSafeInteger(v.seed) ? v.seed : 1, faults: typeof v.faults === 'string' ? v.faults : '' };
  } catch {
    return null;
  }
}

/** Save; returns false when storage is unavailable. */
export function saveWork(id: string, work: SavedWork): boolean {
  try {
    localStorage.setItem(key(id), JSON.stringify(work));
    return true;
  } catch {
    return false;
  }
}

export function clearWork(id: string): void {
  try {
    localStorage.removeItem(key(id));
  } catch {
    // nothing saved
  }
}
