/**
 * The reader's progress store (src/components/reader-progress.ts) and the chapters' exercise
 * ids (src/book/exercise-ids.ts), in Node with a stand-in localStorage: the book-wide view
 * reads only well-formed keys; "reset my progress" removes every key of the book's and
 * nothing else; hints and passes stay per page and part; bad values read as nothing.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { exerciseIds } from '../../../src/book/exercise-ids.ts';

class MemoryStorage {
  private map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  key(i: number): string | null {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.map.set(k, String(v));
  }
  removeItem(k: string): void {
    this.map.delete(k);
  }
  keys(): string[] {
    return [...this.map.keys()];
  }
}

const g = globalThis as unknown as { localStorage: MemoryStorage; location: { pathname: string }; document: { dispatchEvent(e: Event): boolean } };
let events = 0;
g.document = { dispatchEvent: () => ((events += 1), true) };
const progress = await import('../../../src/components/reader-progress.ts');

describe('reader progress', () => {
  beforeEach(() => {
    g.localStorage = new MemoryStorage();
    g.location = { pathname: '/recipes-locks/' };
    events = 0;
  });

  it('passes, hints and reads are kept per page and part; the book-wide view reads them back', () => {
    progress.writeExercisePassed('herd-free-lock');
    progress.writeHints('herd-free-lock', 2);
    progress.markRead();
    g.location = { pathname: '/client-api/' };
    progress.writeExercisePassed('first-program');
    expect(progress.readHints('herd-free-lock')).toBe(0); // another page's hints
    expect(progress.readExercise('herd-free-lock')).toBeNull();
    g.location = { pathname: '/recipes-locks/' };
    expect(progress.readHints('herd-free-lock')).toBe(2);
    const book = progress.readBook();
    expect([...book.read]).toEqual(['/recipes-locks/']);
    expect([...book.passed].sort()).toEqual(['/client-api/#first-program', '/recipes-locks/#herd-free-lock']);
    expect(book.last).toBe('/recipes-locks/');
    expect(events).toBe(4);
  });

  it('values that do not parse read as nothing', () => {
    const s = g.localStorage;
    s.setItem('ensemble.progress.v1:exercise:/paxos/#paxos-duel', 'yes');
    s.setItem('ensemble.progress.v1:hints:/recipes-locks/#herd-free-lock', '-1');
    s.setItem('ensemble.progress.v1:hints:/recipes-locks/#leader-election', '1e9');
    s.setItem('ensemble.progress.v1:reading:/paxos/', 'read');
    expect(progress.readBook().passed.size).toBe(0);
    expect(progress.readBook().read.size).toBe(0);
    expect(progress.readHints('herd-free-lock')).toBe(0);
    expect(progress.readHints('leader-election')).toBe(0);
  });

  it('reset removes every key of the book (progress, saved code, positions), and only those', () => {
    const s = g.localStorage;
    progress.writeExercisePassed('herd-free-lock');
    progress.writePredict('p1', { choice: 1, revealed: true });
    s.setItem('ensemble:playground:herd-free-lock', '{"code":"x"}');
    s.setItem('ensemble:znode-tree:/data-model/:0', '3');
    s.setItem('starlight-theme', 'dark');
    s.setItem('ensemblex', 'not ours');
    progress.clearAll();
    expect(s.keys().sort()).toEqual(['ensemblex', 'starlight-theme']);
    expect(progress.readBook().passed.size).toBe(0);
  });

  it('anyProgressHere counts only this page’s predictions and tour (a pass or a hint loads no reading aids)', () => {
    progress.writeExercisePassed('herd-free-lock');
    progress.writeHints('herd-free-lock', 1);
    progress.markRead();
    expect(progress.anyProgressHere()).toBe(false);
    progress.writeTour('t');
    expect(progress.anyProgressHere()).toBe(true);
    g.location = { pathname: '/paxos/' };
    expect(progress.anyProgressHere()).toBe(false);
  });
});

describe('progress is the book’s, not a language’s', () => {
  beforeEach(() => {
    g.localStorage = new MemoryStorage();
    events = 0;
  });

  it('bookPath drops only a locale prefix', () => {
    expect(progress.bookPath('/zh-cn/client-api/')).toBe('/client-api/');
    expect(progress.bookPath('/zh-cn/')).toBe('/');
    expect(progress.bookPath('/zh-cn')).toBe('/');
    expect(progress.bookPath('/client-api/')).toBe('/client-api/');
    expect(progress.bookPath('/zh-cnx/')).toBe('/zh-cnx/'); // not a locale
  });

  it('a chapter read and an exercise passed in English show on the Chinese page, from keys stored before the Chinese edition', () => {
    const s = g.localStorage;
    // What an English reader's browser already holds.
    s.setItem('ensemble.progress.v1:read:/client-api/', 'read');
    s.setItem('ensemble.progress.v1:exercise:/client-api/#first-program', 'passed');
    s.setItem('ensemble.progress.v1:hints:/client-api/#first-program', '2');
    s.setItem('ensemble.progress.v1:last:', '/client-api/');
    g.location = { pathname: '/zh-cn/client-api/' };
    expect(progress.readExercise('first-program')).toBe('passed');
    expect(progress.readHints('first-program')).toBe(2);
    const book = progress.readBook();
    expect([...book.read]).toEqual(['/client-api/']);
    expect([...book.passed]).toEqual(['/client-api/#first-program']);
    expect(book.last).toBe('/client-api/');
  });

  it('progress made on a Chinese page is stored without the prefix, so the English page shows it', () => {
    g.location = { pathname: '/zh-cn/znode-kinds/' };
    progress.writeExercisePassed('group-membership-exercise');
    progress.writePredict('p1', { choice: 2, revealed: true });
    progress.markRead();
    expect(g.localStorage.keys().sort()).toEqual([
      'ensemble.progress.v1:exercise:/znode-kinds/#group-membership-exercise',
      'ensemble.progress.v1:last:',
      'ensemble.progress.v1:predict:/znode-kinds/#p1',
      'ensemble.progress.v1:read:/znode-kinds/',
    ]);
    g.location = { pathname: '/znode-kinds/' };
    expect(progress.readExercise('group-membership-exercise')).toBe('passed');
    expect(progress.readPredict('p1')).toEqual({ choice: 2, revealed: true });
    expect(progress.anyProgressHere()).toBe(true);
    expect(progress.readBook().last).toBe('/znode-kinds/');
  });

  it('keys written with the prefix (before progress was shared) still count, on both pages', () => {
    const s = g.localStorage;
    s.setItem('ensemble.progress.v1:read:/zh-cn/watches/', 'read');
    s.setItem('ensemble.progress.v1:exercise:/zh-cn/watches/#config-watcher', 'passed');
    s.setItem('ensemble.progress.v1:tour:/zh-cn/watches/#t', 'done');
    expect([...progress.readBook().read]).toEqual(['/watches/']);
    expect([...progress.readBook().passed]).toEqual(['/watches/#config-watcher']);
    g.location = { pathname: '/zh-cn/watches/' };
    expect(progress.readExercise('config-watcher')).toBe('passed');
    expect(progress.readTour('t')).toBe('done');
    g.location = { pathname: '/watches/' };
    expect(progress.anyProgressHere()).toBe(true);
    g.location = { pathname: '/client-api/' };
    expect(progress.anyProgressHere()).toBe(false);
  });
});

describe('exercise ids of a chapter', () => {
  it('playgrounds with an exercise, and challenges; not free-form playgrounds', () => {
    const mdx = `<Playground id="herd-count" title="Ten waiters" code={herdCount} />
text <Playground id="herd-free-lock" exercise="herd-free-lock" />
<Playground
  id="leader-election"
  exercise="leader-election"
/>
<Challenge id="paxos-duel" goal="paxos-duel" for="paxos-free" />`;
    expect(exerciseIds(mdx)).toEqual(['herd-free-lock', 'leader-election', 'paxos-duel']);
  });
});
