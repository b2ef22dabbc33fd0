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
 * `PRIMARY_ORDER_PRESET` is the same run as the stepper's preset: its name in a link, its
 * scenes (where each leader's turn starts, for the figure's jump buttons) and a note for the
 * steps whose reason is the argument, not the protocol (a leader is gone; a quorum is picked).
 * The paper numbers the two instances 27 and 28, as if 26 were chosen before; here the log
 * starts empty, so they are 1 and 2.
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

export interface MultiPreset {
  /** The name a link carries (`run=`). */
  readonly name: string;
  readonly title: string;
  readonly lines: readonly string[];
  /** Positions (steps taken) where a part of the story starts. */
  readonly scenes: readonly { readonly at: number; readonly title: string }[];
  /** A sentence for the position after a step, where the step's reason is the story's. */
  readonly notes: Readonly<Record<number, string>>;
}

const at = (line: string): number => PRIMARY_ORDER_RUN.indexOf(line) + 1;

export const PRIMARY_ORDER_PRESET: MultiPreset = {
  name: 'primary-order',
  title: "The Zab paper's run",
  lines: PRIMARY_ORDER_RUN,
  scenes: [
    { at: at('lead p1'), title: 'p1 leads' },
    { at: at('lead p2'), title: 'p2 leads' },
    { at: at('lead p3'), title: 'p3 leads' },
    { at: PRIMARY_ORDER_RUN.length, title: 'the end' },
  ],
  notes: {
    [at('propose p1 B')]: 'B is computed on the state A produces: it depends on A, so a replica may run B only after A.',
    [at('deliver p1->a1 accept 1.1 #2 B')]: 'Only a1 has A and B. Now p1 is gone: the next steps drop what it sent and what was sent to it.',
    [at('drop a1->p1 accepted 1.1 #2 B')]: 'p1 is gone. Neither A nor B is chosen: a1 alone is not a majority.',
    [at('deliver a3->p2 promise 1.2 from #1 accepted=none')]: 'p2 has promises from a2 and a3, a majority. Neither accepted anything, so p2 knows nothing of A or B: instance 1 looks free.',
    [at('propose p2 C')]: 'p2 gives its own command C the first free instance, 1: the one where a1 holds A.',
    [at('drop a2->p2 accepted 1.2 #1 C')]: 'p2 is gone too, with C accepted by a2 alone. Nothing is chosen yet.',
    [at('deliver a2->p3 promise 1.3 from #1 accepted=#1=1.2:C')]:
      'p3 has a majority (a1, a2). For instance 1 it must take the value of the highest ballot reported: C (1.2) beats A (1.1). For instance 2 only B was reported. Paxos decides each instance on its own.',
    [PRIMARY_ORDER_RUN.length]: 'Instance 1 is C, instance 2 is B. Each instance was decided safely, yet the log runs B without A.',
  },
};
