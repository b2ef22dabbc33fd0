/**
 * The run of the Zab paper's argument that Paxos does not keep primary order (Junqueira, Reed,
 * Serafini, DSN 2011, §III), as reader actions for the hand-driven Multi-Paxos engine
 * (`multi-system.ts`): a preset of actions, not of messages; every message is sent by a
 * leader or an acceptor when a step asks it to.
 *
 * p1 leads (ballot 1.1) and proposes A, then B, which depends on A; only a1 accepts them
 * before p1 is gone (its other messages are dropped). p2 leads (1.2) with a2 and a3, which
 * accepted nothing, and proposes C for instance 1; only a2 accepts it. p3 leads (1.3) with
 * a1 and a2: for instance 1 it must re-propose the value of the highest ballot reported, C;
 * for instance 2, B. Both are chosen: the log runs C, then B, and A is never chosen, though
 * B was proposed after A by the same primary.
 *
 * Imports nothing; the lines are read by `replayMulti`.
 */
export const PRIMARY_ORDER_RUN: readonly string[] = [
  'lead p1',
  'deliver p1->a1 prepare 1.1 from #1',
  'deliver p1->a2 prepare 1.1 from #1',
  'deliver a1->p1 promise 1.1 from #1 accepted=none',
  'deliver a2->p1 promise 1.1 from #1 accepted=none',
  'propose p1 A',
  'propose p1 B',
  'deliver p1->a1 accept 1.1 #1 A',
  'deliver p1->a1 accept 1.1 #2 B',
  // p1 is gone: nothing else it sent arrives, and it hears nothing more.
  'drop p1->a3 prepare 1.1 from #1',
  'drop p1->a2 accept 1.1 #1 A',
  'drop p1->a3 accept 1.1 #1 A',
  'drop p1->a2 accept 1.1 #2 B',
  'drop p1->a3 accept 1.1 #2 B',
  'drop a1->p1 accepted 1.1 #1 A',
  'drop a1->p1 accepted 1.1 #2 B',
  'lead p2',
  'deliver p2->a2 prepare 1.2 from #1',
  'deliver p2->a3 prepare 1.2 from #1',
  'deliver a2->p2 promise 1.2 from #1 accepted=none',
  'deliver a3->p2 promise 1.2 from #1 accepted=none',
  'propose p2 C',
  'deliver p2->a2 accept 1.2 #1 C',
  // p2 is gone too.
  'drop p2->a1 prepare 1.2 from #1',
  'drop p2->a1 accept 1.2 #1 C',
  'drop p2->a3 accept 1.2 #1 C',
  'drop a2->p2 accepted 1.2 #1 C',
  'lead p3',
  'deliver p3->a1 prepare 1.3 from #1',
  'deliver p3->a2 prepare 1.3 from #1',
  'deliver a1->p3 promise 1.3 from #1 accepted=#1=1.1:A,#2=1.1:B',
  'deliver a2->p3 promise 1.3 from #1 accepted=#1=1.2:C',
  'deliver p3->a1 accept 1.3 #1 C',
  'deliver p3->a2 accept 1.3 #1 C',
  'deliver p3->a1 accept 1.3 #2 B',
  'deliver p3->a2 accept 1.3 #2 B',
  'deliver a1->p3 accepted 1.3 #1 C',
  'deliver a2->p3 accepted 1.3 #1 C',
  'deliver a1->p3 accepted 1.3 #2 B',
  'deliver a2->p3 accepted 1.3 #2 B',
];
