/**
 * The reader's saved work and its history (src/sandbox/persistence.ts), on a Map-backed
 * storage: saving never loses the previous work (the first save of each editing stretch
 * keeps it as a version), explicit replacements (adopting a link's code, Reset, Restore)
 * keep it too, the history is bounded and free of duplicates, and broken, foreign or full
 * storage gives plain answers instead of throwing or dropping the current work.
 */
import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, WorkStore } from '../../../src/sandbox/persistence.ts';
import type { KeyValueStorage, SavedWork } from '../../../src/sandbox/persistence.ts';

class MapStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  /** Total characters (keys + values) the storage holds before setItem throws, like a quota. */
  private readonly quota: number;
  constructor(quota = Infinity) {
    this.quota = quota;
  }
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    let size = k.length + v.length;
    for (const [kk, vv] of this.map) if (kk !== k) size += kk.length + vv.length;
    if (size > this.quota) throw new DOMException('quota', 'QuotaExceededError');
    this.map.set(k, v);
  }
  removeItem(k: string): void {
    this.map.delete(k);
  }
}

const work = (code: string, seed = 1, faults = ''): SavedWork => ({ code, seed, faults });
let clock = 1_000;
const tick = (): number => (clock += 1000);

function store(storage: KeyValueStorage | null, id = 'pg'): WorkStore {
  return new WorkStore(id, storage, tick);
}

describe('saved work', () => {
  it('round-trips code, seed and faults, per playground', () => {
    const s = new MapStorage();
    expect(store(s).load()).toBeNull();
    store(s).save(work('a', 7, '{"version":1,"events":[]}'));
    store(s, 'other').save(work('b'));
    expect(store(s).load()).toEqual(work('a', 7, '{"version":1,"events":[]}'));
    expect(store(s, 'other').load()).toEqual(work('b'));
  });

  it('reads what the page saved before histories existed', () => {
    const s = new MapStorage();
    s.setItem('ensemble:playground:pg', JSON.stringify({ code: 'old', seed: 3, faults: '' }));
    expect(store(s).load()).toEqual(work('old', 3));
  });

  it('keeps the previous work as a version on the first save of each editing stretch, not on every keystroke', () => {
    const s = new MapStorage();
    const first = store(s);
    first.save(work('v1'));
    first.save(work('v1 more'));
    first.save(work('v1 more still'));
    expect(first.history()).toEqual([]);
    // A reload: a new stretch.
    const second = store(s);
    second.save(work('v2'));
    second.save(work('v2 more'));
    expect(second.history().map((v) => v.code)).toEqual(['v1 more still']);
    expect(second.load()?.code).toBe('v2 more');
    const third = store(s);
    third.save(work('v3'));
    expect(third.history().map((v) => v.code)).toEqual(['v2 more', 'v1 more still']);
    expect(third.history()[0]!.savedAt).toBeGreaterThan(third.history()[1]!.savedAt);
  });

  it('keeps the previous work when the reader replaces it on purpose (adopting a link or solution)', () => {
    const s = new MapStorage();
    const st = store(s);
    st.save(work('mine'));
    st.replace(work('from a link', 5));
    expect(st.load()).toEqual(work('from a link', 5));
    expect(st.history().map((v) => v.code)).toEqual(['mine']);
    // Typing on in the adopted code is the same stretch: no version per keystroke.
    st.save(work('from a link, edited', 5));
    expect(st.history().map((v) => v.code)).toEqual(['mine']);
  });

  it('Reset keeps the work as a version and clears it; Restore brings it back and keeps what it replaces', () => {
    const s = new MapStorage();
    const st = store(s);
    st.save(work('mine', 9, '{"version":1,"events":[{"at":5,"crash":"s1"}]}'));
    st.clear();
    expect(st.load()).toBeNull();
    expect(st.history().map((v) => v.code)).toEqual(['mine']);
    st.save(work('new start'));
    const restored = st.restore(st.history().findIndex((v) => v.code === 'mine'));
    expect(restored).toEqual(work('mine', 9, '{"version":1,"events":[{"at":5,"crash":"s1"}]}'));
    expect(st.load()).toEqual(restored);
    expect(st.history().map((v) => v.code)).toEqual(['new start']);
    // Restoring again swaps back: nothing is ever lost.
    expect(st.restore(0)?.code).toBe('new start');
    expect(st.history().map((v) => v.code)).toEqual(['mine']);
  });

  it('refuses a version that does not exist', () => {
    const st = store(new MapStorage());
    st.save(work('mine'));
    expect(st.restore(0)).toBeNull();
    expect(st.restore(-1)).toBeNull();
    expect(st.restore(Number.NaN)).toBeNull();
    expect(st.load()?.code).toBe('mine');
  });

  it('keeps at most HISTORY_LIMIT versions, newest first, without duplicates', () => {
    const s = new MapStorage();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) store(s).save(work(`v${i}`));
    const h = store(s).history();
    expect(h).toHaveLength(HISTORY_LIMIT);
    expect(h[0]!.code).toBe(`v${HISTORY_LIMIT + 3}`);
    // The same code saved again in a later stretch does not add a second copy.
    store(s).save(work('v0'));
    store(s).save(work(`v${HISTORY_LIMIT + 3}`));
    const again = store(s).history();
    expect(again.filter((v) => v.code === `v${HISTORY_LIMIT + 3}`)).toHaveLength(0);
    expect(new Set(again.map((v) => v.code)).size).toBe(again.length);
  });

  it('does not keep a version identical to the work that replaces it', () => {
    const s = new MapStorage();
    store(s).save(work('same'));
    store(s).save(work('same'));
    expect(store(s).history()).toEqual([]);
  });

  it('treats malformed or foreign storage as empty, without throwing', () => {
    const s = new MapStorage();
    s.setItem('ensemble:playground:pg', '{not json');
    s.setItem('ensemble:playground:pg:history', '{"code": 1}');
    expect(store(s).load()).toBeNull();
    expect(store(s).history()).toEqual([]);
    s.setItem('ensemble:playground:pg', JSON.stringify({ code: 'ok', seed: 1e300, faults: 4 }));
    s.setItem('ensemble:playground:pg:history', JSON.stringify([{ code: 'good', seed: 2, faults: '', savedAt: 5 }, { code: 7 }, null, 'x']));
    expect(store(s).load()).toEqual(work('ok', 1, ''));
    expect(store(s).history()).toEqual([{ code: 'good', seed: 2, faults: '', savedAt: 5 }]);
  });

  it('without storage (private mode), says so and never throws', () => {
    const st = store(null);
    expect(st.available).toBe(false);
    expect(st.save(work('a'))).toBe(false);
    expect(st.load()).toBeNull();
    expect(st.history()).toEqual([]);
    const throwing: KeyValueStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    const t = store(throwing);
    expect(t.save(work('a'))).toBe(false);
    expect(t.load()).toBeNull();
    expect(() => t.clear()).not.toThrow();
  });

  it('when storage is full, drops the oldest versions before it drops the current work', () => {
    const big = (c: string): string => c.repeat(1000);
    const s = new MapStorage(4_500);
    for (const c of ['a', 'b', 'c', 'd', 'e']) store(s).save(work(big(c)));
    const st = store(s);
    expect(st.load()?.code).toBe(big('e'));
    const kept = st.history().map((v) => v.code[0]);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(4);
    // What is kept is the newest.
    expect(kept[0]).toBe('d');
  });
});
