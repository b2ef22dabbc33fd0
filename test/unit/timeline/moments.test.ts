/**
 * Moments (playground/timeline/moments.ts, scenario-moments.ts, scenarios/*-moments.ts): every moment of every
 * scenario is found at every seed the book runs that scenario with, and at a few others (a
 * moment is named by what happens, so another seed's run has it too); every moment the
 * chapters name (a <Predict>, a <MomentLink>, a <Tour> step) exists in its lab's scenario; a
 * found moment stands just after the event it names, with the faults it names applied; and
 * broken moments are refused with a message naming the moment and the step.
 */
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../playground/sim/trace.ts';
import { SCENARIOS } from '../../../playground/timeline/index.ts';
import { act, find, findMoment, from, isProtocol, leaderAt, serverOf, serversIn, type Moment } from '../../../playground/timeline/moments.ts';
import { MOMENTS, findScenarioMoment } from '../../../playground/timeline/scenario-moments.ts';
import { labReferenceProblems, labUses, momentUses } from '../../../src/book/lab-references.ts';
import { readPages } from '../../../src/book/lab-ids.mjs';

const pages = readPages('.');

/** Every <EnsembleLab id scenario seed> of the book. */
const labs = pages.flatMap(labUses);

/** Every moment the chapters name, with the lab it moves. */
const references = pages.flatMap(momentUses);

describe('every moment is found', () => {
  const uses = [...MOMENTS.keys()].flatMap((scenario) => {
    const seeds = new Set([...labs.filter((l) => l.scenario === scenario).map((l) => l.seed), 1, 2, 3]);
    return [...seeds].flatMap((seed) => MOMENTS.get(scenario)!.map((m) => ({ scenario, seed, moment: m.id })));
  });

  it.each(uses)('$scenario/$moment at seed $seed', ({ scenario, seed, moment }) => {
    const found = findScenarioMoment(scenario, seed, moment);
    expect(found.ok ? 'found' : found.error).toBe('found');
  });

  it('covers every scenario a chapter names moments of, and only known scenarios', () => {
    for (const id of MOMENTS.keys()) expect(SCENARIOS.has(id), id).toBe(true);
    expect(labReferenceProblems(pages)).toEqual([]);
  });

  it('the chapters name moments (the reference scan is not vacuous)', () => {
    expect(references.length).toBeGreaterThan(10);
    expect(new Set(references.map((r) => r.path)).size).toBeGreaterThanOrEqual(6);
    expect(references.filter((r) => r.component === 'Tour').length).toBeGreaterThanOrEqual(2);
    expect(references.filter((r) => r.component === 'Predict').length).toBeGreaterThanOrEqual(1);
    expect(labs.length).toBeGreaterThanOrEqual(8);
  });
});

describe('a found moment stands where its title says', () => {
  const at = (scenario: string, seed: number, id: string) => {
    const found = findScenarioMoment(scenario, seed, id);
    if (!found.ok) throw new Error(found.error);
    const tl = found.timeline;
    return { tl, shown: tl.trace.slice(0, tl.position), run: { trace: tl.trace, position: tl.position, servers: tl.servers, clients: tl.clients } };
  };
  const last = (events: readonly TraceEvent[], pred: (e: TraceEvent) => boolean): TraceEvent | undefined => [...events].reverse().find(pred);

  it('zab/first-commit: the last kernel step shown commits a setData', () => {
    const { tl, shown } = at('zab', 7, 'first-commit');
    const commit = last(shown, (e) => isProtocol(e, 'zab.commit'))!;
    expect(commit).toBeDefined();
    // Nothing of the next step is shown: the commit's step is the last one.
    expect(tl.boundaries.filter((b) => b > commit.index && b < tl.position)).toEqual([]);
    expect(shown.filter((e) => isProtocol(e, 'zab.commit')).length).toBeGreaterThan(1); // createSession commits came first
  });

  it('zab/two-followers-down: two followers crashed, the leader still up, and a commit after the crashes', () => {
    const { tl, shown, run } = at('zab', 7, 'two-followers-down');
    expect(tl.readerInputs.map((i) => i.action.kind)).toEqual(['crash', 'crash']);
    const crashed = tl.readerInputs.map((i) => (i.action as { node: string }).node);
    expect(crashed).not.toContain(leaderAt(run));
    const lastCrash = Math.max(...shown.filter((e) => e.kind === 'crash').map((e) => e.index));
    expect(shown.slice(lastCrash).some((e) => isProtocol(e, 'zab.commit'))).toBe(true);
  });

  it('zab/two-leaders and old-leader-proposes: two servers LEADING; the thawed one proposes in the old epoch and nothing of it commits', () => {
    const two = at('zab', 7, 'two-leaders');
    const frozen = (two.tl.readerInputs[0]!.action as { kind: string; node: string });
    expect(frozen.kind).toBe('freeze');
    expect(serversIn(two.run, 'LEADING').sort()).toEqual([frozen.node, leaderAt(two.run)].sort());
    expect(leaderAt(two.run)).not.toBe(frozen.node);
    const thawed = at('zab', 7, 'old-leader-proposes');
    const proposal = last(thawed.shown, (e) => isProtocol(e, 'zab.propose'))! as TraceEvent & { kind: 'protocol' };
    expect(proposal.node).toBe(frozen.node);
    const epoch = (zxid: unknown) => BigInt(String(zxid)) >> 32n;
    const newEpoch = last(thawed.shown, (e) => isProtocol(e, 'zab.established'))! as TraceEvent & { kind: 'protocol' };
    expect(epoch(proposal.event['zxid'])).toBeLessThan(BigInt(Number(newEpoch.event['epoch'])));
    // Run on to the SNAP: no server ever commits the old leader's proposal.
    const snap = at('zab', 7, 'old-leader-snap');
    const commits = snap.shown.filter((e) => isProtocol(e, 'zab.commit') && e.index > proposal.index).map((e) => (e as TraceEvent & { kind: 'protocol' }).event['zxid']);
    expect(commits).not.toContain(proposal.event['zxid']);
  });

  it.each([
    ['follower-back-diff', 'DIFF', ['crash', 'restart']],
    ['old-leader-trunc', 'TRUNC', ['partition', 'heal']],
    ['old-leader-snap', 'SNAP', ['freeze']],
  ])('zab/%s: the last sync shown is a %s, of the server the faults hit', (id, mode, kinds) => {
    const { tl, shown } = at('zab', 7, id);
    expect(tl.readerInputs.map((i) => i.action.kind)).toEqual(kinds);
    const sync = last(shown, (e) => isProtocol(e, 'zab.sync'))! as TraceEvent & { kind: 'protocol' };
    expect(sync.event['mode']).toBe(mode);
    const hit = tl.readerInputs[0]!.action as { node?: string; groups?: string[][] };
    expect(hit.node !== undefined ? [hit.node] : hit.groups![0]).toContain(sync.event['follower']);
  });

  it("failures/follower-crash: c5's old server is down and c5 is connected to another", () => {
    const before = at('failures', 1, 'all-connected');
    const old = serverOf(before.run, 'c5');
    const { tl, run } = at('failures', 1, 'follower-crash');
    expect(tl.readerInputs.map((i) => i.action)).toEqual([{ kind: 'crash', node: old }]);
    expect(serverOf(run, 'c5')).toBeDefined();
    expect(serverOf(run, 'c5')).not.toBe(old);
  });

  it('sessions/heal-after-3s: c1 is connected again with the session it had', () => {
    const session = (run: { trace: readonly TraceEvent[]; position: number }) =>
      last(run.trace.slice(0, run.position), (e) => isProtocol(e, 'client.state', 'c1') && e.event['state'] === 'CONNECTED');
    const before = at('sessions', 1, 'member-joined');
    const after = at('sessions', 1, 'heal-after-3s');
    const s0 = session(before.run) as TraceEvent & { kind: 'protocol' };
    const s1 = session(after.run) as TraceEvent & { kind: 'protocol' };
    expect(s1.index).toBeGreaterThan(before.tl.position);
    expect(s1.event['session']).toBe(s0.event['session']);
    expect(after.shown.some((e) => isProtocol(e, 'session.expire'))).toBe(false);
  });

  it('a moment is a link: the same inputs and position rebuild the same trace', () => {
    const { tl } = at('failures', 1, 'leader-freeze');
    const again = findScenarioMoment('failures', 1, 'leader-freeze');
    expect(again.ok && again.timeline.position).toBe(tl.position);
    expect(again.ok && again.timeline.readerInputs).toEqual(tl.readerInputs);
  });
});

describe('broken moments are refused', () => {
  const scenario = SCENARIOS.get('intro')!;
  const never = find('a server enters NONSENSE', (e) => isProtocol(e, 'zab.state') && e.event['state'] === 'NONSENSE');
  const broken: Moment[] = [
    { id: 'never', title: 'never', steps: [never] },
    { id: 'unknown-base', title: 'x', steps: [from('nowhere')] },
    { id: 'self', title: 'x', steps: [from('self')] },
    { id: 'no-leader', title: 'x', steps: [act('kill the leader', () => 'no server leads')] },
    { id: 'twice', title: 'x', steps: [act('crash s1 twice', () => [{ kind: 'crash', node: 's1' }, { kind: 'crash', node: 's1' }])] },
  ];
  const error = (id: string): string => {
    const r = findMoment(scenario, 1, broken, id, 2000);
    return r.ok ? 'found' : r.error;
  };

  it('an unknown moment', () => expect(error('nope')).toBe('scenario "intro" has no moment "nope"'));
  it('a find that never matches', () => expect(error('never')).toBe('moment "never" of scenario "intro" (seed 1): a server enters NONSENSE: not found in the next 2000 events'));
  it('a base moment that does not exist', () => expect(error('unknown-base')).toContain('starts from an unknown moment "nowhere"'));
  it('a moment that starts from itself', () => expect(error('self')).toContain('starts from itself'));
  it('an action that cannot be chosen', () => expect(error('no-leader')).toContain('cannot kill the leader: no server leads'));
  it('an action that does not apply', () => expect(error('twice')).toContain('cannot crash s1 twice: an action did not apply'));
  it('"from" must come first', () => {
    const r = findMoment(scenario, 1, [{ id: 'a', title: 'a', steps: [] }, { id: 'late', title: 'x', steps: [act('nothing', () => []), from('a')] }], 'late');
    expect(r.ok ? 'found' : r.error).toContain('"from a" must be the first step');
  });
});
