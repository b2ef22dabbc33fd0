/**
 * Narration in plain words: every event kind has a sentence, none shows an internal
 * identifier (after 300 steps of every lab in the book, and over a long run with every kind
 * of fault), and the narration at a position is a function of the position alone: a
 * timeline stepped there and one opened at it (as a link does) tell the same words.
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS, Timeline } from '../../../playground/timeline/index.ts';
import type { TraceEvent } from '../../../playground/sim/trace.ts';
import { narrationAt, narrationHere, stepStartOf, tellEvent, UNKNOWN_PROTOCOL } from '../../../src/views/narration.ts';
import { bookLabs, internalIdentifiers } from '../../harness/plain-words.ts';

const at = (tl: Timeline): string[] => narrationAt(tl.trace, stepStartOf(tl.boundaries, tl.position), tl.position);

describe('the plain-words check', () => {
  it('refuses internal identifiers and leaked values', () => {
    for (const bad of ['s5 proposes 1:4: setData /config 0x1000000013c0000:2.', 's3: zab.deliver.', 's1 applies txn.apply.', 'A timer fle.timeout fires.', 'c1 connectFailed s2.', 'c1 readTimeout.', 'c2 got undefined.', 'zxid NaN', 'value [object Object]', 'session null']) {
      expect(internalIdentifiers(bad), bad).not.toEqual([]);
    }
  });
  it("allows ZooKeeper's vocabulary", () => {
    for (const good of ['s5 proposes 1:4: setData /config.', "c1's getData /config returns OK.", 's2 refuses a setData (SESSIONMOVED).', 'c1 is CONNECTED (session 0x200000001450000).', 's5 sends COMMIT 1:4 to s1, s2 and s3.']) {
      expect(internalIdentifiers(good), good).toEqual([]);
    }
  });
  it('finds every lab of the book', () => {
    const labs = bookLabs();
    expect(labs.length).toBeGreaterThanOrEqual(7);
    for (const lab of labs) expect(SCENARIOS.has(lab.scenario), `${lab.chapter}: ${lab.scenario}`).toBe(true);
  });
});

describe('narration', () => {
  it("names a transaction's client, as the reader met it, and writes its zxid epoch:counter", () => {
    // Running ZooKeeper's lab: c1 writes /config.
    const tl = new Timeline(SCENARIOS.get('observers')!, 1);
    const proposes: string[] = [];
    const applies: string[] = [];
    const wrote = (list: string[]): boolean => list.some((t) => t.includes('setData'));
    for (let i = 0; i < 20_000 && !(wrote(proposes) && wrote(applies)) && tl.stepForward(); i++) {
      for (const e of tl.trace.slice(stepStartOf(tl.boundaries, tl.position), tl.position)) {
        const text = tellEvent(e, tl.trace).text;
        if (/ proposes /.test(text)) proposes.push(text);
        if (/ applies /.test(text)) applies.push(text);
      }
    }
    // The sessions' own transactions come first, in words too.
    expect(proposes[0]).toMatch(/^s\d proposes 1:1: a new session\.$/);
    expect(proposes.some((t) => /^s\d proposes \d+:\d+: c\d's setData \/config\.$/.test(t)), proposes.join(' | ')).toBe(true);
    expect(applies.some((t) => /^s\d applies \d+:\d+ \(c\d's setData \/config\) to its tree\.$/.test(t)), applies.join(' | ')).toBe(true);
    for (const t of [...proposes, ...applies]) expect(t).not.toMatch(/0x[0-9a-f]+/);
  });

  it.each(bookLabs().map((l) => [l.chapter, l] as const))('in %s: 300 steps, each told in plain words', (_chapter, lab) => {
    const tl = new Timeline(SCENARIOS.get(lab.scenario)!, lab.seed);
    for (let step = 0; step < 300 && tl.stepForward(); step++) {
      const lines = at(tl);
      expect(lines.length, `step ${step + 1}`).toBeGreaterThan(0);
      for (const line of lines) expect(internalIdentifiers(line), `step ${step + 1} (position ${tl.position}): ${line}`).toEqual([]);
    }
  });

  it('has a sentence for every event of a long run with every kind of fault, in plain words', () => {
    const seen = new Set<string>();
    for (const [id, scenario] of SCENARIOS) {
      if (id === 'load') continue;
      const tl = new Timeline(scenario, 1);
      const s = tl.servers;
      tl.seekTime(1500);
      tl.act({ kind: 'crash', node: s[1]! });
      tl.seekTime(tl.time + 1500);
      tl.act({ kind: 'freeze', node: s[2]!, forMs: 2000 });
      tl.seekTime(tl.time + 3000);
      tl.act({ kind: 'partition', groups: [[s[0]!, ...tl.clients.slice(0, 1)]] });
      tl.seekTime(tl.time + 2500);
      tl.act({ kind: 'heal' });
      tl.act({ kind: 'restart', node: s[1]! });
      tl.act({ kind: 'latency', minMs: 20, maxMs: 120 });
      tl.act({ kind: 'skew', node: s[0]!, byMs: -30_000 });
      if (tl.clients.length > 0) tl.act({ kind: 'break', a: s[0]!, b: tl.clients[0]! });
      for (const w of tl.workloads) tl.act({ kind: 'workload', name: w });
      tl.seekTime(tl.time + 4000);
      for (const e of tl.trace as TraceEvent[]) {
        const t = tellEvent(e, tl.trace);
        const kind = e.kind === 'protocol' ? `protocol ${e.event.type}` : e.kind;
        seen.add(kind);
        expect(t.text, `${id} #${e.index} ${kind}`).not.toBe(UNKNOWN_PROTOCOL(e.kind === 'protocol' ? e.node : ''));
        expect(t.text, `${id} #${e.index} ${kind}`).toMatch(/^[A-Z0-9"“‘a-z].*[.]$/);
        expect(internalIdentifiers(t.text), `${id} #${e.index} ${kind}: ${t.text}`).toEqual([]);
      }
    }
    // The run reached the kinds the labs show (so the loop above judged them).
    for (const k of ['crash', 'restart', 'freeze', 'thaw', 'skew', 'partition', 'heal', 'send', 'deliver', 'drop', 'hold', 'timer', 'protocol zab.deliver', 'protocol txn.apply', 'protocol zab.elected', 'protocol zab.sync', 'protocol watch.fire', 'protocol session.refused']) {
      expect(seen, k).toContain(k);
    }
  }, 20_000); // every scenario's run (about 1.2 s alone; over 5 s when the whole unit project shares two cores)

  it('tells the same words at a position reached by stepping and opened directly (a link)', () => {
    for (const lab of bookLabs()) {
      const stepped = new Timeline(SCENARIOS.get(lab.scenario)!, lab.seed);
      for (const n of [1, 37, 120, 260]) {
        while (stepped.boundaries.indexOf(stepped.position) < n && stepped.stepForward());
        const opened = new Timeline(SCENARIOS.get(lab.scenario)!, lab.seed);
        opened.seek(stepped.position);
        expect(opened.position).toBe(stepped.position);
        expect(at(opened), `${lab.id} at ${stepped.position}`).toEqual(at(stepped));
      }
      // After a reader's action too.
      stepped.act({ kind: 'crash', node: stepped.servers[0]! });
      stepped.stepForward();
      const opened = new Timeline(SCENARIOS.get(lab.scenario)!, lab.seed, stepped.readerInputs);
      opened.seek(stepped.position);
      expect(at(opened), `${lab.id} after a crash`).toEqual(at(stepped));
    }
  });

  it('tells what set a step off, then what in it matters', () => {
    const tl = new Timeline(SCENARIOS.get('zab')!, 7);
    tl.seekNext((e) => e.kind === 'protocol' && e.event.type === 'zab.commit');
    const lines = at(tl);
    expect(lines[0]).toMatch(/receives ACK \d+:\d+ from s\d/);
    expect(lines.join(' ')).toMatch(/commits \d+:\d+: a quorum acknowledged it/);
    expect(lines.length).toBeLessThanOrEqual(3);
  });
});

describe('what a paused lab says where it stands (narrationHere)', () => {
  it("says the servers are starting at the run's first event, and the step that ends here after it", () => {
    const tl = new Timeline(SCENARIOS.get('zab')!, 7);
    const starting = narrationHere(tl.trace, tl.boundaries, tl.position, tl.start);
    expect(starting).toEqual(['The servers are starting: none of them leads yet. Press Play, or Step to go one event at a time.']);
    tl.stepForward();
    const after = narrationHere(tl.trace, tl.boundaries, tl.position, tl.start);
    expect(after).not.toEqual(starting);
    expect(after).toEqual(narrationAt(tl.trace, stepStartOf(tl.boundaries, tl.position), tl.position));
    expect(after.length).toBeGreaterThan(0);
  });
});
