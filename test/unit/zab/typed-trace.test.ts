/**
 * Every protocol event a run of the ensemble traces is one of the typed contracts: Zab's and
 * the peer's (zab/events.ts), the server's (zk/events.ts) and the client's (client/events.ts).
 * The table below is typed by the union, so the compiler keeps it complete; the runs (the
 * book's scenarios with a crash and a partition) must show no event type outside it, and a
 * planted one is caught.
 */
import { describe, expect, it } from 'vitest';
import type { ClientEvent } from '../../../playground/client/events.ts';
import type { TraceEvent } from '../../../playground/sim/trace.ts';
import { SCENARIOS } from '../../../playground/timeline/index.ts';
import type { PeerEvent, ZabEvent } from '../../../playground/zab/events.ts';
import type { ServerEvent } from '../../../playground/zk/events.ts';

type Traced = ZabEvent | PeerEvent | ServerEvent | ClientEvent;

const TYPED: Readonly<Record<Traced['type'], true>> = {
  'zab.state': true, 'zab.vote': true, 'zab.elected': true, 'zab.epoch': true, 'zab.sync': true, 'zab.established': true, 'zab.propose': true,
  'zab.log': true, 'zab.commit': true, 'zab.deliver': true, 'zab.truncate': true, 'zab.snapshot': true, 'zab.shutdown': true,
  'zab.learner.closed': true, 'zab.error': true, 'server.start': true, 'server.exit': true, 'cnxn.notServing': true, snapshot: true,
  'cnxn.lenError': true, 'session.refused': true, 'session.established': true, 'session.invalid': true, 'auth.failed': true,
  'session.missing': true, 'session.create': true, 'session.close': true, 'txn.apply': true, 'session.moved': true, 'watch.withheld': true,
  'watch.fire': true, 'session.expire': true, 'container.reap': true,
  'client.state': true, 'client.expired': true, 'client.readTimeout': true, 'client.lenError': true, 'client.connectionLost': true,
};

/** Protocol event types of `trace` that no contract declares. */
function untyped(trace: readonly TraceEvent[]): string[] {
  return [...new Set(trace.flatMap((e) => (e.kind === 'protocol' && !Object.hasOwn(TYPED, e.event.type) ? [e.event.type] : [])))];
}

describe('the trace is typed at every layer', () => {
  it.each(['zab', 'failures', 'sessions', 'watches'])('%s: every protocol event is declared', (id) => {
    const sc = SCENARIOS.get(id)!;
    const sim = sc.create(1);
    const built = sc.build(sim);
    sim.at(3000, 'crash', () => sim.crash(built.servers[0]!));
    sim.at(5000, 'cut', () => sim.partition([[built.servers[1]!, 'c1']]));
    sim.at(9000, 'heal', () => sim.heal());
    sim.at(10_000, 'restart', () => sim.restart(built.servers[0]!));
    sim.runUntil(14_000);
    const seen = new Set(sim.trace.flatMap((e) => (e.kind === 'protocol' ? [e.event.type] : [])));
    expect(seen.size).toBeGreaterThan(12);
    expect(untyped(sim.trace)).toEqual([]);
  });

  it('catches a planted undeclared event', () => {
    const planted = { kind: 'protocol', node: 's1', event: { type: 'zab.mystery' }, index: 0, time: 0, cause: 0 } as TraceEvent;
    expect(untyped([planted])).toEqual(['zab.mystery']);
  });
});
