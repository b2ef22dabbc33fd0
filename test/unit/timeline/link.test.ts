/**
 * Links: a timeline's (scenario, seed, inputs, position) survive the page hash exactly, its
 * inputs as lines of the fault language; links of version 1 (one-letter codes) still read
 * to the same inputs; anything malformed gives a plain-words error, never an exception; an
 * explorer run spec opens the same way.
 */
import { describe, expect, it } from 'vitest';
import { specForSeed } from '../../../playground/explore/run.ts';
import { decodeInputs, encodeInputs, formatLink, linkForRunSpec, parseLink, type LinkState, type ReaderInput } from '../../../playground/timeline/index.ts';

const inputs: ReaderInput[] = [
  { at: 60, action: { kind: 'workload', name: 'synced reads' } },
  { at: 120, action: { kind: 'crash', node: 's1' } },
  { at: 500, action: { kind: 'partition', groups: [['s1', 'c1'], ['s2', 's3']] } },
  { at: 640, action: { kind: 'heal' } },
  { at: 700, action: { kind: 'latency', minMs: 20, maxMs: 200 } },
  { at: 800, action: { kind: 'break', a: 's1', b: 's2' } },
  { at: 900, action: { kind: 'restart', node: 's1' } },
];

describe('links', () => {
  it('writes inputs as lines of the fault language, and reads them back', () => {
    const text = encodeInputs(inputs);
    expect(text).toBe('60:start+%22synced+reads%22~120:crash+s1~500:partition+s1+c1+|+s2+s3~640:heal~700:latency+20ms+200ms~800:break+s1+s2~900:restart+s1');
    expect(decodeInputs(text)).toEqual(inputs);
    // what a browser may do to the hash: percent-encode the bar and the quotes
    expect(decodeInputs(text.replace(/\|/g, '%7C'))).toEqual(inputs);
    expect(decodeInputs('1:start+%22a%7Eb%22')).toEqual([{ at: 1, action: { kind: 'workload', name: 'a~b' } }]);
    expect(encodeInputs([{ at: 1, action: { kind: 'workload', name: 'a~b' } }])).toBe('1:start+a%7Eb');
  });

  it('round-trips a whole state through the hash', () => {
    const state: LinkState = { lab: 'zab-lab', scenario: 'zab', seed: 7, position: 1234, inputs };
    const hash = formatLink(state);
    expect(hash.startsWith('lab=zab-lab&v=2&s=zab&seed=7&at=1234&in=')).toBe(true);
    expect(parseLink(`#${hash}`)).toEqual({ ok: true, state });
  });

  it('reads a version 1 link (one-letter codes) to the same inputs', () => {
    const v1 = 'lab=zab-lab&v=1&s=zab&seed=7&at=1234&in=60w.synced%20reads~120c.s1~500p.s1,c1|s2,s3~640h~700l.20-200~800b.s1,s2~900r.s1';
    expect(parseLink(v1)).toEqual({ ok: true, state: { lab: 'zab-lab', scenario: 'zab', seed: 7, position: 1234, inputs } });
  });

  it('explains what is wrong with a malformed link', () => {
    const bad: [string, RegExp][] = [
      ['lab=x&v=3&s=zab&seed=1', /version 3 is not supported/],
      ['lab=x&s=zab&seed=1', /no version/],
      ['v=1&s=zab&seed=1', /no figure/],
      ['lab=x&v=1&s=zab&seed=abc', /seed/],
      ['lab=x&v=1&s=zab&seed=1&in=12q.s1', /unknown input code/],
      ['lab=x&v=1&s=zab&seed=1&in=50c.s1~10h', /trace order/],
      ['lab=x&v=1&s=zab&seed=1&in=50l.9-1', /max below min/],
      ['lab=x&v=2&s=zab&seed=1&in=12c.s1', /not <index>:<action>/],
      ['lab=x&v=2&s=zab&seed=1&in=50:heal~10:heal', /trace order/],
      ['lab=x&v=2&s=zab&seed=1&in=50:explode+s1', /input 1 \("explode s1"\): "explode" is not a fault/],
      ['lab=x&v=2&s=zab&seed=1&in=50:latency+9ms+1ms', /ends below its start/],
      ['lab=x&v=2&s=zab&seed=1&in=50:partition+s1+s1', /s1 is in two groups/],
      ['lab=x&v=2&s=zab&seed=1&in=50:crash', /crash needs a node/],
      ['lab=x&v=2&s=zab&seed=1&in=50:latency+20', /needs a unit/],
      ['lab=x&v=2&s=zab&seed=1&in=50:crash+%E0%A4%A', /URI/],
      ['lab=x&v=1&s=zab&seed=1&at=-4', /position/],
      ['lab=x&v=1&s=explore&spec=%%%', /./],
      ['lab=x&v=1&s=explore&spec=e30', /run spec/],
      ['garbage', /key=value/],
    ];
    for (const [hash, why] of bad) {
      const r = parseLink(hash);
      expect(r.ok, hash).toBe(false);
      if (!r.ok) expect(r.error, hash).toMatch(why);
    }
  });

  it('opens an explorer run spec', () => {
    const spec = specForSeed(42);
    const hash = linkForRunSpec('lab', spec, 99);
    const r = parseLink(hash);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.state.scenario).toBe('explore');
      expect(r.state.seed).toBe(42);
      expect(r.state.position).toBe(99);
      expect(JSON.stringify(r.state.spec)).toBe(JSON.stringify(spec));
    }
  });
});
