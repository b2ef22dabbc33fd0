/**
 * The `primary-order` scenario, for Zab (zab.mdx, "Zab is not Paxos"): the run of the Zab
 * paper's Figure 1 (Junqueira, Reed, Serafini, DSN 2011, §I) on five real Zab servers, the
 * same history the chapter's Multi-Paxos stepper plays. Its moments are in
 * `primary-order-moments.ts` (loaded only when a reader first asks for one).
 *
 * Nothing here sends a protocol message: the servers run their own state machines, the two
 * clients send ordinary requests at chosen times, and the faults are kernel inputs at chosen
 * times. The history:
 *
 * 1. s5 leads epoch 1. The network cuts s5 and s1 (with c1, connected to s1) off from the
 *    rest; c1 sends `create /a` (A) and, without waiting, `create /a/b` (B), which only
 *    makes sense once /a exists. s5 proposes both; only s1 logs them: no quorum. s5
 *    crashes (the paper's first primary is gone).
 * 2. s2, s3 and s4 elect s4 in epoch 2. s3 crashes; c2 (on s2) sends `create /c` (C);
 *    s4 proposes it and only s2 logs it. s4 crashes (the second primary is gone).
 * 3. s3 restarts and the partition heals: s1 (A, B of epoch 1), s2 (C of epoch 2) and s3
 *    elect s2, whose history is the newest. Before it proposes anything it synchronizes
 *    the others to its history: s3 gets a DIFF with C, s1 a SNAP without A and B, and C is
 *    committed. Then c2's `create /d` (D) is proposed in epoch 3.
 *
 * Where Multi-Paxos chose C and B, Zab keeps C and drops A and B together: no server ever
 * holds /a/b without /a. The times below are for the book's timing (`book` preset, tickTime
 * 400 ms) and the chapter's seed; the scenario's test holds the run to this story.
 *
 * Imports the Zab ensemble's builder, zk request shapes and the book's network.
 */

import type { DrivenClient } from '../../workload/client-driver.ts';
import { OPEN_ACL_UNSAFE } from '../../zk/acl.ts';
import { utf8Encode } from '../../zk/bytes.ts';
import { buildEnsemble } from '../../zab/presets.ts';
import { bookSim, clientOn, type Scenario } from '../scenario.ts';

/** A persistent `create` of `path` holding `data`. */
function create(c: DrivenClient, path: string, data: string): void {
  c.submit({ op: 'create', opcode: 'create2', path, data: utf8Encode(data), acl: OPEN_ACL_UNSAFE, flags: 0, ttl: -1 });
}

/** When each scheduled input comes, in virtual ms from the start. */
const T = { c1: 500, cut: 2000, ab: 2100, firstCrash: 2500, c2: 3300, cutS3: 3800, c: 3900, secondCrash: 4200, heal: 4700, d: 7000, back: 7600 } as const;

export const primaryOrder: Scenario = {
  id: 'primary-order',
  title: "The Zab paper's Figure 1: three leaders, five servers",
  create: bookSim,
  build(sim) {
    const servers = buildEnsemble(sim, { preset: 'book', size: 5 });
    let c1: DrivenClient | undefined;
    let c2: DrivenClient | undefined;
    sim.at(T.c1, 'c1 connects', () => {
      c1 = clientOn(sim, servers, 'c1', 0, 8000);
    });
    sim.at(T.c2, 'c2 connects', () => {
      c2 = clientOn(sim, servers, 'c2', 1, 8000);
    });
    sim.at(T.cut, 'the network cuts s5 and s1 off', () => sim.partition([['s5', 's1', 'c1'], ['s2', 's3', 's4', 'c2']]));
    sim.at(T.ab, 'c1 creates /a, then /a/b', () => {
      create(c1!, '/a', 'A');
      create(c1!, '/a/b', 'B');
    });
    sim.at(T.firstCrash, 'the first leader crashes', () => sim.crash('s5'));
    sim.at(T.cutS3, 'the network cuts s3 off', () => sim.partition([['s1', 'c1'], ['s3'], ['s2', 's4', 'c2']]));
    sim.at(T.c, 'c2 creates /c', () => create(c2!, '/c', 'C'));
    sim.at(T.secondCrash, 'the second leader crashes', () => sim.crash('s4'));
    sim.at(T.heal, 'the network heals', () => sim.heal());
    sim.at(T.d, 'c2 creates /d', () => create(c2!, '/d', 'D'));
    sim.at(T.back, 'the two old leaders restart', () => {
      sim.restart('s5');
      sim.restart('s4');
    });
    return { servers, clients: ['c1', 'c2'], workloads: new Map() };
  },
};

