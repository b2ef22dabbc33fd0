/**
 * The Multi-Paxos stepper's link (playground/paxos/multi-link.ts): a figure's preset or log
 * and its step survive format → parse; every preset line reads back as the step it was; a
 * link reopens the very state stepping reached; malformed links are refused with the reason
 * in plain words; and the two kinds of link never read each other: a single-decree link is
 * not a Multi-Paxos link and a Multi-Paxos link is not a single-decree one, so the existing
 * links (and their hashes) open as they did.
 */
import { describe, expect, it } from 'vitest';
import { parsePaxosLink } from '../../../playground/paxos/link.ts';
import { formatMultiLink, parseMultiLink, type MultiLink } from '../../../playground/paxos/multi-link.ts';
import { describeMultiStep, parseMultiStep, replayMulti } from '../../../playground/paxos/multi-system.ts';
import { PRIMARY_ORDER_RUN } from '../../../playground/paxos/primary-order-run.ts';

const steps = PRIMARY_ORDER_RUN.map(parseMultiStep);

describe('Multi-Paxos step lines', () => {
  it('read back every line of the preset as it was', () => {
    for (const line of PRIMARY_ORDER_RUN) expect(describeMultiStep(parseMultiStep(line))).toBe(line);
  });
});

describe('Multi-Paxos links', () => {
  const cases: MultiLink[] = [
    { figure: 'zab-primary-order', run: 'primary-order', steps: [], at: 0 },
    {
      figure: 'zab-primary-order',
      run: 'primary-order',
      steps: [],
      at: PRIMARY_ORDER_RUN.length,
    },
    { figure: 'zab-primary-order', run: null, steps: steps.slice(0, 9), at: 4 },
    {
      figure: 'f',
      run: null,
      steps: [{ do: 'propose', leader: 'p1', value: 'a~b+c' }],
      at: 1,
    },
    { figure: 'f', run: null, steps: [], at: 0 },
  ];
  it.each(cases.map((c) => [formatMultiLink(c), c] as const))('%s reads back', (text, link) => {
    expect(parseMultiLink(text)).toEqual({ ok: true, link });
  });

  it('writes the preset by name and a changed log by its lines', () => {
    expect(formatMultiLink(cases[1]!)).toBe(`paxos-multi=zab-primary-order&v=1&run=primary-order&at=${PRIMARY_ORDER_RUN.length}`);
    expect(formatMultiLink(cases[2]!)).toMatch(/^paxos-multi=zab-primary-order&v=1&steps=lead\+p1~deliver\+p1-%3Ea1\+prepare\+1\.1\+from\+%231~.*&at=4$/);
  });

  it('reopens the state stepping reached', () => {
    const parsed = parseMultiLink(
      formatMultiLink({
        figure: 'f',
        run: null,
        steps: steps.slice(0, 20),
        at: 20,
      }),
    );
    expect(parsed?.ok).toBe(true);
    if (!parsed?.ok) return;
    const lines = parsed.link.steps.map(describeMultiStep);
    expect(replayMulti(lines)).toEqual(replayMulti(PRIMARY_ORDER_RUN.slice(0, 20)));
  });

  it('is not a Multi-Paxos link when the hash is something else, and the two link kinds never read each other', () => {
    for (const hash of ['', 'the-problem', 'lab=zab-lab&v=2&s=zab&seed=7&at=175', 'paxos=paxos-stepper&v=1&at=0', 'paxos-multiple=x']) expect(parseMultiLink(hash)).toBeNull();
    expect(parsePaxosLink(formatMultiLink(cases[0]!))).toBeNull();
  });

  it.each([
    ['paxos-multi=9bad&v=1&at=0', /"9bad" is not a figure's name/],
    ['paxos-multi=f&at=0', /no version \(v=\)/],
    ['paxos-multi=f&v=2&at=0', /version 2 is not supported/],
    ['paxos-multi=f&v=1&at=-1', /position "-1" is not a step number/],
    ['paxos-multi=f&v=1&at=3', /position 3 is past its 0 steps/],
    ['paxos-multi=f&v=1&run=raft&at=0', /"raft" is not a run of this figure \(there is primary-order\)/],
    ['paxos-multi=f&v=1&run=primary-order&at=99', /position 99 is past its 40 steps/],
    ['paxos-multi=f&v=1&run=primary-order&steps=lead+p1&at=0', /names both a run and steps/],
    ['paxos-multi=f&v=1&steps=lead+p1~start+p1+with+X&at=1', /^step 2: .*starts with lead, propose/],
    ['paxos-multi=f&v=1&steps=lead+p1~%E0%A4%A&at=1', /not properly encoded/],
    ['paxos-multi=f&v=1&run=%E0%A4%A&at=0', /not properly encoded/],
    ['<2001 steps>', /2001 steps; at most 2000/],
  ])('refuses %s with a reason', (shown, why) => {
    const hash = shown === '<2001 steps>' ? `paxos-multi=f&v=1&steps=${Array(2001).fill('lead+p1').join('~')}&at=0` : shown;
    const parsed = parseMultiLink(hash);
    expect(parsed?.ok).toBe(false);
    if (parsed && !parsed.ok) expect(parsed.error).toMatch(why);
  });
});
