/**
 * Durable storage's contract (playground/sim/durable.ts): values are stored as persisted, no
 * copies; nobody mutates them afterwards, and checked mode (on for every unit test, see
 * durable-checks.setup.ts) catches whoever does — at the mutation for plain objects and
 * arrays (frozen), at the next read or crash for byte arrays, maps and sets (their contents
 * are registered when persisted).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DurableStore, durableChecksOn, setDurableChecks } from '../../../playground/sim/durable.ts';
import { Simulation } from '../../../playground/sim/index.ts';
import { act, ScriptNode } from './helpers.ts';

afterEach(() => setDurableChecks(true));

describe('durable storage', () => {
  it('is checked in the unit tests', () => {
    expect(durableChecksOn()).toBe(true);
  });

  it('unchecked: stores and returns the very value persisted (no deep copies)', () => {
    setDurableChecks(false);
    const store = new DurableStore('s1');
    const value = { log: [1, 2], bytes: new Uint8Array([1]) };
    store.set('k', value);
    expect(store.get('k')).toBe(value);
    expect(Object.isFrozen(value)).toBe(false);
    expect(store.get('missing')).toBeUndefined();
  });

  it('checked: persisted objects and arrays are frozen, deeply', () => {
    const store = new DurableStore('s1');
    const value = { log: [{ zxid: 1n }], epoch: 3 };
    store.set('k', value);
    expect(() => {
      value.epoch = 4;
    }).toThrow(TypeError);
    expect(() => value.log.push({ zxid: 2n })).toThrow(TypeError);
    expect(() => {
      (value.log[0] as { zxid: bigint }).zxid = 9n;
    }).toThrow(TypeError);
    expect(store.get('k')).toEqual({ log: [{ zxid: 1n }], epoch: 3 });
  });

  it('checked: a byte array or map mutated after persist is reported at the next read, naming node and key', () => {
    const store = new DurableStore('s3');
    const bytes = new Uint8Array([1, 2, 3]);
    const table = new Map([['a', 1]]);
    store.set('zab.bytes', { bytes });
    store.set('zab.table', table);
    bytes[0] = 9;
    expect(() => store.get('zab.bytes')).toThrow(/s3.*zab\.bytes.*mutated after it was persisted/);
    table.set('b', 2);
    expect(() => store.verifyAll()).toThrow(/mutated after it was persisted/);
  });

  it('checked: a crash verifies the crashed node’s storage', () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('s1', (id) => new ScriptNode(id));
    const bytes = new Uint8Array([1, 2]);
    sim.request('s1', act({ kind: 'persist', key: 'data', value: { bytes } }));
    bytes[1] = 7; // the node broke the contract
    expect(() => sim.crash('s1')).toThrow(/durable storage of s1: the value under data was mutated/);
  });

  it('a restarted node reads what was persisted, and persisting again replaces it', () => {
    const sim = new Simulation({ seed: 1 });
    sim.addNode('s1', (id) => new ScriptNode(id));
    const first = { count: 1, log: ['a'] };
    sim.request('s1', act({ kind: 'persist', key: 'count', value: first }));
    // The next version is a new value (structural sharing is fine: `first.log` is immutable too).
    const second = { count: 2, log: first.log, more: [...first.log, 'b'] };
    sim.request('s1', act({ kind: 'persist', key: 'count', value: second }));
    sim.crash('s1');
    sim.restart('s1');
    const outputs = sim.trace.filter((e) => e.kind === 'output' && e.node === 's1');
    expect(outputs.at(-1)).toMatchObject({ value: { start: true, durable: { count: 2, log: ['a'], more: ['a', 'b'] } } });
    expect(sim.durableOf('s1').get('count')).toBe(second);
  });
});

describe('durable storage, checked mode at scale', () => {
  it('a long persistent list (one new cell per persist) seals and verifies in time linear in its length', () => {
    const store = new DurableStore('s1');
    type Cell = { readonly entry: { readonly n: number; readonly data: Uint8Array }; readonly prev: Cell | null };
    let head: Cell | null = null;
    for (let n = 0; n < 20_000; n++) {
      head = { entry: { n, data: new Uint8Array([n & 0xff]) }, prev: head };
      store.set('log', head);
    }
    expect((store.get('log') as Cell).entry.n).toBe(19_999);
    let tail = head!;
    while (tail.prev !== null) tail = tail.prev;
    tail.entry.data[0] = 42;
    expect(() => store.verifyAll()).toThrow(/under log was mutated/);
  });

  it('a function cannot be persisted', () => {
    const store = new DurableStore('s1');
    expect(() => store.set('k', { f: () => 1 })).toThrow(/s1: k: a function cannot be persisted/);
  });
});
