/**
 * Multi-Paxos with a distinguished leader (Paxos Made Simple §3), on a tiny in-memory
 * network: phase 1 once for all slots from k on, then phase 2 only per command; a new leader
 * adopts reported values per slot and fills gaps with no-ops; the old leader is shut out.
 */
import { describe, expect, it } from 'vitest';
import {
  becomeLeader,
  EMPTY_MULTI_ACCEPTOR,
  executable,
  initialLeader,
  NO_OP,
  proposeCommand,
  stepLeader,
  stepMultiAcceptor,
  type LeaderState,
  type MultiAcceptorState,
  type MultiEffect,
  type MultiMessage,
} from '../../../playground/paxos/multi-paxos.ts';
import { emptyPool, send, take, type DatagramPool } from '../../../playground/sim/datagram.ts';

const ACCEPTORS = ['a1', 'a2', 'a3'];

class Cluster {
  acceptors = new Map<string, MultiAcceptorState>(ACCEPTORS.map((a) => [a, EMPTY_MULTI_ACCEPTOR]));
  leaders = new Map<string, LeaderState>([
    ['p1', initialLeader(1)],
    ['p2', initialLeader(2)],
  ]);
  net: DatagramPool<MultiMessage> = emptyPool();
  sent: MultiMessage[] = [];

  private perform(from: string, effects: MultiEffect[]): void {
    for (const e of effects) {
      if (e.kind === 'send') {
        this.net = send(this.net, from, e.to, e.msg);
        this.sent.push(e.msg);
      }
    }
  }

  lead(p: string): void {
    const t = becomeLeader(this.leaders.get(p)!, { self: p, acceptors: ACCEPTORS });
    this.leaders.set(p, t.state);
    this.perform(p, t.effects);
  }

  propose(p: string, command: string): void {
    const t = proposeCommand(this.leaders.get(p)!, { self: p, acceptors: ACCEPTORS }, command);
    this.leaders.set(p, t.state);
    this.perform(p, t.effects);
  }

  /** Delivers everything in flight (oldest first) for which `keep` holds; drops the rest. */
  settle(keep: (from: string, to: string, m: MultiMessage) => boolean = () => true): void {
    while (this.net.inFlight.length > 0) {
      const { pool, datagram: d } = take(this.net, this.net.inFlight[0]!.id);
      this.net = pool;
      if (!keep(d.from, d.to, d.msg)) continue;
      if (this.acceptors.has(d.to)) {
        const t = stepMultiAcceptor(this.acceptors.get(d.to)!, d.from, d.msg);
        this.acceptors.set(d.to, t.state);
        this.perform(d.to, t.effects);
      } else {
        const t = stepLeader(this.leaders.get(d.to)!, d.from, d.msg, { self: d.to, acceptors: ACCEPTORS });
        this.leaders.set(d.to, t.state);
        this.perform(d.to, t.effects);
      }
    }
  }
}

describe('§3: a distinguished leader runs phase 1 once for all instances, then phase 2 per command', () => {
  it('three commands after one phase 1 cost no further prepares', () => {
    const c = new Cluster();
    c.lead('p1');
    c.propose('p1', 'a');
    c.settle();
    const preparesAfterPhase1 = c.sent.filter((m) => m.type === 'prepare').length;
    c.propose('p1', 'b');
    c.propose('p1', 'c');
    c.settle();
    expect(preparesAfterPhase1).toBe(3);
    expect(c.sent.filter((m) => m.type === 'prepare')).toHaveLength(3);
    expect(executable(c.leaders.get('p1')!)).toEqual(['a', 'b', 'c']);
  });

  it('commands proposed during phase 1 wait, then take consecutive slots', () => {
    const c = new Cluster();
    c.lead('p1');
    c.propose('p1', 'a');
    c.propose('p1', 'b');
    expect(c.sent.filter((m) => m.type === 'accept')).toEqual([]);
    c.settle();
    expect(c.leaders.get('p1')!.chosen).toEqual([
      { slot: 1, v: 'a' },
      { slot: 2, v: 'b' },
    ]);
  });
});

describe('§3: a new leader completes what it finds, fills gaps with no-ops, and shuts out the old leader', () => {
  it('adopts accepted values per slot, proposes no-op in a gap, then appends its own', () => {
    const c = new Cluster();
    c.lead('p1');
    c.settle();
    c.propose('p1', 'a');
    c.propose('p1', 'b');
    c.propose('p1', 'c');
    // Slot 2's accepts are all lost; slot 3 reaches only a1.
    c.settle((_f, to, m) => !(m.type === 'accept' && (m.slot === 2 || (m.slot === 3 && to !== 'a1'))));
    expect(executable(c.leaders.get('p1')!)).toEqual(['a']);
    c.lead('p2');
    c.propose('p2', 'd');
    c.settle();
    const p2 = c.leaders.get('p2')!;
    expect(p2.ballot).toEqual({ round: 1, proposer: 2 });
    // p2 does not know slot 1 was chosen, so its phase 1 starts at slot 1 and re-proposes a there.
    expect(p2.chosen.map((x) => [x.slot, x.v])).toEqual([
      [1, 'a'],
      [2, NO_OP],
      [3, 'c'],
      [4, 'd'],
    ]);
    expect(p2.fromSlot).toBe(1);
  });

  it("the old leader's later accepts are ignored once acceptors promised the new leader", () => {
    const c = new Cluster();
    c.lead('p1');
    c.settle();
    c.lead('p2');
    c.settle();
    c.propose('p1', 'late');
    c.settle();
    expect(c.leaders.get('p1')!.chosen).toEqual([]);
    expect([...c.acceptors.values()].every((a) => a.accepted.length === 0)).toBe(true);
  });

  it('instances are independent: slot 2 may be chosen before slot 1, but execution waits for slot 1', () => {
    const c = new Cluster();
    c.lead('p1');
    c.settle();
    c.propose('p1', 'a');
    c.propose('p1', 'b');
    c.settle((_f, _to, m) => !(m.type === 'accept' && m.slot === 1));
    const p1 = c.leaders.get('p1')!;
    expect(p1.chosen).toEqual([{ slot: 2, v: 'b' }]);
    expect(executable(p1)).toEqual([]);
  });
});
