/**
 * The reader's work on one playground, kept in localStorage as they type (so it survives a
 * reload and a crashed tab): the code, the seed and the fault schedule, plus a short history
 * of earlier versions so that no replacement, even a mistaken one, loses anything.
 *
 * Only the reader changes their work: `save` when they edit (the first save of each editing
 * stretch keeps what was saved before as a version), `replace` when they choose to make
 * something else their work (editing a link's code or the solution), `clear` (Reset) and
 * `restore`, each of which keeps what it replaces as a version. A link or a shown solution
 * never calls any of them. The history is bounded (`HISTORY_LIMIT`), newest first, without
 * duplicates; when storage is full the oldest versions go before the current work does.
 * Storage that is missing or refuses (private mode, quota) degrades to "kept for this page
 * only" without errors. Browser or Node (the storage is passed in); imports nothing.
 */
export interface SavedWork {
  readonly code: string;
  readonly seed: number;
  /** The fault schedule as the reader typed it (JSON text). */
  readonly faults: string;
}

/** An earlier version, with when it was last saved (ms since the epoch; 0 if unknown). */
export interface SavedVersion extends SavedWork {
  readonly savedAt: number;
}

/** The part of the Web Storage API the store uses. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Most earlier versions kept per playground. */
export const HISTORY_LIMIT = 10;

function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function readVersion(v: unknown): SavedVersion | null {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Partial<Record<keyof SavedVersion, unknown>>;
  if (typeof o.code !== 'string') return null;
  return {
    code: o.code,
    seed: typeof o.seed === 'number' && Number.isSafeInteger(o.seed) && o.seed >= 0 ? o.seed : 1,
    faults: typeof o.faults === 'string' ? o.faults : '',
    savedAt: typeof o.savedAt === 'number' && Number.isFinite(o.savedAt) ? o.savedAt : 0,
  };
}

const same = (a: SavedWork, b: SavedWork): boolean => a.code === b.code && a.seed === b.seed && a.faults === b.faults;
const work = ({ code, seed, faults }: SavedWork): SavedWork => ({ code, seed, faults });

export class WorkStore {
  private readonly key: string;
  private readonly historyKey: string;
  private readonly storage: KeyValueStorage | null;
  private readonly now: () => number;
  /** Whether this editing stretch has already kept the previous work as a version. */
  private kept = false;

  constructor(id: string, storage: KeyValueStorage | null = browserStorage(), now: () => number = Date.now) {
    this.storage = storage;
    this.now = now;
    this.key = `ensemble:playground:${id}`;
    this.historyKey = `${this.key}:history`;
  }

  /** False when there is no storage at all (work then lives as long as the page). */
  get available(): boolean {
    return this.storage !== null;
  }

  /** The reader's saved work, or null. */
  load(): SavedWork | null {
    const v = readVersion(this.read(this.key));
    return v === null ? null : work(v);
  }

  /** Earlier versions, newest first. */
  history(): SavedVersion[] {
    const list = this.read(this.historyKey);
    return Array.isArray(list) ? list.map(readVersion).filter((v): v is SavedVersion => v !== null) : [];
  }

  /** The reader edited: this is their work now. Returns false when it could not be stored. */
  save(next: SavedWork): boolean {
    if (!this.kept) this.keep(next);
    this.kept = true;
    return this.write(next);
  }

  /** The reader chose to make `next` their work: what was saved becomes a version. */
  replace(next: SavedWork): boolean {
    this.keep(next);
    this.kept = true;
    return this.write(next);
  }

  /** Reset: what was saved becomes a version, and nothing is saved. */
  clear(): void {
    this.keep(null);
    this.kept = false;
    try {
      this.storage?.removeItem(this.key);
    } catch {
      // nothing saved
    }
  }

  /** Make version `index` the saved work (what it replaces becomes a version); null if there is none. */
  restore(index: number): SavedWork | null {
    const versions = this.history();
    const chosen = Number.isInteger(index) ? versions[index] : undefined;
    if (chosen === undefined) return null;
    this.writeHistory(versions.filter((_, i) => i !== index));
    this.replace(chosen);
    return work(chosen);
  }

  // ---- storage ----

  /** Put the saved work (if any, and unlike `next`) at the head of the history. */
  private keep(next: SavedWork | null): void {
    const current = this.read(this.key);
    const previous = readVersion(current);
    if (previous === null || (next !== null && same(previous, next))) return;
    const rest = this.history().filter((v) => !same(v, previous) && (next === null || !same(v, next)));
    this.writeHistory([previous, ...rest].slice(0, HISTORY_LIMIT));
  }

  private read(key: string): unknown {
    try {
      const text = this.storage?.getItem(key) ?? null;
      return text === null ? null : (JSON.parse(text) as unknown);
    } catch {
      return null;
    }
  }

  /** Save the current work; when storage is full, give up history (oldest first) for it. */
  private write(next: SavedWork): boolean {
    if (this.storage === null) return false;
    const text = JSON.stringify({ ...work(next), savedAt: this.now() });
    let versions: SavedVersion[] | null = null;
    for (;;) {
      try {
        this.storage.setItem(this.key, text);
        return true;
      } catch {
        versions ??= this.history();
        if (versions.length === 0) return false;
        versions = versions.slice(0, -1);
        if (!this.writeHistory(versions)) return false;
      }
    }
  }

  /** Write the history, dropping its oldest versions until it fits. */
  private writeHistory(versions: readonly SavedVersion[]): boolean {
    if (this.storage === null) return false;
    for (let list = versions; ; list = list.slice(0, -1)) {
      try {
        if (list.length === 0) this.storage.removeItem(this.historyKey);
        else this.storage.setItem(this.historyKey, JSON.stringify(list));
        return true;
      } catch {
        if (list.length === 0) return false;
      }
    }
  }
}
