/**
 * The ensemble-size measurement behind the Running ZooKeeper chapter's figure
 * (playground/measure/ensemble-size.ts): its message counts are the protocol's (per write, a
 * PROPOSAL, an ACK and a COMMIT per follower, an INFORM per observer, one forwarded REQUEST),
 * more voters do not add write throughput, a seed fixes the result, bad shapes and loads are
 * refused with a message; and the view model lays every shape out inside the figure.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { figureShapes, measureRun, measureShape } from '../../../playground/measure/ensemble-size.ts';
import type { LoadOptions } from '../../../playground/measure/ensemble-size.ts';
import { SIZE_VIEWBOX, sizePanel } from '../../../src/views/ensemble-size-model.ts';

const QUICK: LoadOptions = { writers: 8, warmupMs: 2_000, measureMs: 4_000, seeds: [1] };

describe('measureShape', () => {
  const three = measureShape({ voters: 3, observers: 0 }, QUICK);
  const sevenPlusTwo = measureShape({ voters: 7, observers: 2 }, QUICK);

  it('counts the messages Zab sends per write: 3 per follower, 1 INFORM per observer, 1 forwarded REQUEST', () => {
    for (const m of [three, sevenPlusTwo]) {
      const followers = m.voters - 1;
      expect(m.perWrite.PROPOSAL).toBeCloseTo(followers, 1);
      expect(m.perWrite.ACK).toBeCloseTo(followers, 1);
      expect(m.perWrite.COMMIT).toBeCloseTo(followers, 1);
      expect(m.perWrite.INFORM).toBeCloseTo(m.observers, 1);
      expect(m.perWrite.REQUEST).toBeCloseTo(1, 1);
      expect(m.perWrite.other).toBe(0);
      expect(m.messagesPerWrite).toBeCloseTo(3 * followers + m.observers + 1, 1);
    }
  });

  it('the quorum is a majority of the voters, and the rest may fail', () => {
    expect([three.quorum, three.tolerates]).toEqual([2, 1]);
    expect([sevenPlusTwo.quorum, sevenPlusTwo.tolerates]).toEqual([4, 3]);
    expect(measureShape({ voters: 5, observers: 0 }, QUICK)).toMatchObject({ quorum: 3, tolerates: 2 });
  });

  it('more voters add no write throughput, and a write waits a little longer', () => {
    expect(three.writesPerSec).toBeGreaterThan(50);
    expect(Math.abs(sevenPlusTwo.writesPerSec - three.writesPerSec) / three.writesPerSec).toBeLessThan(0.05);
    expect(sevenPlusTwo.commitMs).toBeGreaterThanOrEqual(three.commitMs);
  });

  it('a seed fixes the run', () => {
    expect(measureRun({ voters: 3, observers: 1 }, 7, QUICK)).toEqual(measureRun({ voters: 3, observers: 1 }, 7, QUICK));
  });

  it('refuses a shape or a load it cannot measure, and says why', () => {
    expect(() => measureShape({ voters: 2, observers: 0 }, QUICK)).toThrow(/at least 3 voters, not 2/);
    expect(() => measureShape({ voters: 4.5, observers: 0 }, QUICK)).toThrow(/not 4.5/);
    expect(() => measureShape({ voters: 3, observers: -1 }, QUICK)).toThrow(/whole number of observers, not -1/);
    expect(() => measureShape({ voters: 3, observers: 0 }, { ...QUICK, seeds: [] })).toThrow(/at least one seed/);
    expect(() => measureShape({ voters: 3, observers: 0 }, { ...QUICK, writers: 0 })).toThrow(/at least one writer/);
    expect(() => measureShape({ voters: 3, observers: 0 }, { ...QUICK, measureMs: 0 })).toThrow(/measured span above 0 ms/);
  });

  it('the figure offers 3, 5 and 7 voters with 0 to 3 observers', () => {
    expect(figureShapes().map((s) => `${s.voters}+${s.observers}`)).toEqual(['3+0', '3+1', '3+2', '3+3', '5+0', '5+1', '5+2', '5+3', '7+0', '7+1', '7+2', '7+3']);
  });

  it('the view model draws the leader above every other server, inside the figure, none overlapping', () => {
    for (const m of [three, sevenPlusTwo, measureShape({ voters: 7, observers: 3 }, QUICK)]) {
      const p = sizePanel(m);
      expect(p.servers).toHaveLength(m.voters + m.observers);
      expect(p.servers[0]).toMatchObject({ role: 'leader', id: m.runs[0]!.leader });
      expect(p.servers.filter((s) => s.role === 'observer').map((s) => s.id)).toEqual(Array.from({ length: m.observers }, (_, i) => `s${m.voters + i + 1}`));
      const row = p.servers.slice(1).map((s) => s.x);
      for (const x of row) expect(x - 15 >= 0 && x + 15 <= SIZE_VIEWBOX.width).toBe(true);
      for (let i = 1; i < row.length; i++) expect(row[i]! - row[i - 1]!).toBeGreaterThanOrEqual(32);
      expect(p.links.map((l) => l.kind)).toEqual(p.servers.slice(1).map((s) => (s.role === 'observer' ? 'inform' : 'vote')));
      expect(p.figures.find((f) => f.term === 'Messages per write')!.value).toBe(String(Math.round(m.messagesPerWrite)));
    }
  });
});

describe('the Running ZooKeeper chapter', () => {
  const chapter = readFileSync(new URL('../../../content/chapters/running-zookeeper.mdx', import.meta.url), 'utf8');
  it('draws the simulated figures from the measurement, with no table of them pasted by hand', () => {
    expect(chapter).toMatch(/<EnsembleSize\b/);
    expect(chapter).not.toMatch(/^\|[^\n]*writes\/s/m);
  });
});
