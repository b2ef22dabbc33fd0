/**
 * The Paxos stepper's link: a figure's rules, log and step survive format → parse, every
 * classic run's step lines read back as the steps they were, a link reopens the very state
 * stepping reached (and the same words), and malformed links are refused with the reason
 * in plain words while other hashes (a heading, a lab's link) are not Paxos links at all.
 */
import { describe, expect, it } from 'vitest';
import { formatPaxosLink, parsePaxosLink, type PaxosLink } from '../../../playground/paxos/link.ts';
import { paxosStepper } from '../../../playground/paxos/paxos-stepper.ts';
import { CLASSIC_RUNS, loadRun } from '../../../playground/paxos/runs.ts';
import { describeStep, parseStepLine } from '../../../playground/paxos/steps.ts';
import { DEFAULT_CONFIG } from '../../../playground/paxos/system.ts';
import { buildPaxosModel, tellPaxosStep } from '../../../src/views/paxos-model.ts';

const run = loadRun('competing-proposers');

describe('Paxos step lines', () => {
  it('read back every classic run step as it was', () => {
    for (const r of CLASSIC_RUNS) for (const s of loadRun(r.name).steps) expect(parseStepLine(describeStep(s))).toEqual(s);
  });
  it.each(['', 'deliver', 'deliver nothing', 'start p1', 'start p1 X', 'crash', 'crash a1 a2', 'launch p1 with X'])('refuses %j', (line) => {
    expect(() => parseStepLine(line)).toThrow(/step/);
  });
});

describe('Paxos links', () => {
  const cases: PaxosLink[] = [
    { figure: 'paxos-stepper', rules: null, run: null, steps: [], at: 0 },
    { figure: 'paxos-competing-proposers', rules: null, run: 'competing-proposers', steps: [], at: 7 },
    { figure: 'paxos-stepper', rules: 'forget-on-crash', run: null, steps: run.steps.slice(0, 5), at: 3 },
    { figure: 'p', rules: null, run: null, steps: [{ do: 'start', proposer: 'p2', value: 'a~b+c' }], at: 1 },
  ];
  it.each(cases.map((c) => [formatPaxosLink(c), c] as const))('%s reads back', (text, link) => {
    expect(parsePaxosLink(text)).toEqual({ ok: true, link });
  });

  it('is not a Paxos link when the hash is something else', () => {
    for (const hash of ['', 'the-acceptors', 'lab=zab-lab&v=2&s=zab&seed=7&at=175', 'paxosish=1']) expect(parsePaxosLink(hash)).toBeNull();
  });

  it.each([
    ['paxos=paxos-stepper&at=2', /no version/],
    ['paxos=paxos-stepper&v=9&at=2', /version 9 is not supported/],
    ['paxos=%20bad&v=1&at=0', /not a figure's name/],
    ['paxos=paxos-stepper&v=1&rules=no-such-bug&at=0', /not a rule set/],
    ['paxos=paxos-stepper&v=1&at=-1', /not a step number/],
    ['paxos=paxos-stepper&v=1&steps=start+p1+with+X&at=2', /past its 1 steps/],
    ['paxos=paxos-stepper&v=1&steps=start+p1+with+X~fly+p1->a1&at=1', /step 2: .*starts with start/],
    ['paxos=paxos-stepper&v=1&steps=%E0%A4%A&at=0', /not properly encoded/],
  ])('refuses %s', (hash, why) => {
    const parsed = parsePaxosLink(hash);
    expect(parsed?.ok).toBe(false);
    if (parsed && !parsed.ok) expect(parsed.error).toMatch(why);
  });

  it('reopens the state, and the words, that stepping reached', () => {
    const stepped = paxosStepper(DEFAULT_CONFIG);
    stepped.load(run.steps, 0);
    for (let i = 0; i < 7; i++) stepped.redo();
    stepped.do({ do: 'drop', msg: 'a2->l1 accepted 1.1 X' });
    const parsed = parsePaxosLink(formatPaxosLink({ figure: 'f', rules: null, run: null, steps: stepped.log, at: stepped.position }));
    if (!parsed?.ok) throw new Error('expected a link');
    const opened = paxosStepper(DEFAULT_CONFIG);
    opened.load(parsed.link.steps, parsed.link.at);
    expect(opened.state).toEqual(stepped.state);
    const words = (s: typeof opened) => tellPaxosStep(s.position, s.log[s.position - 1] ?? null, buildPaxosModel(s.state));
    expect(words(opened)).toEqual(words(stepped));
    expect(words(opened)).toMatch(/^Step 8: dropped a2 → l1: accepted 1\.1 X\./);
  });
});
