/**
 * One fixed run per mutant (fault lines and a workload written by hand, as data), each
 * built to expose exactly that mutant's broken rule. Used by the explorer's tests: the
 * correct ensemble passes every one, and each mutant is refused by the named checker.
 */
import type { MutantName } from '../../../playground/zab/mutants.ts';
import type { PlannedOp, RunSpec } from '../../../playground/explore/spec.ts';

/** Clients connect within about 2 s (the first election, then the client's reconnect delay); faults start after. */
const TIMING = { tickTime: 200, initLimit: 5, syncLimit: 2, maxNotificationIntervalMs: 1600, maxSessionTimeout: 4000 };

/** `count` writes to /k0../k3, one every `thinkMs`: creates first, then setData. */
function writes(count: number, thinkMs = 100): PlannedOp[] {
  return Array.from({ length: count }, (_, i) => ({ op: i < 4 ? 'create' : 'setData', path: `/k${i % 4}`, thinkMs }) as const);
}

function syncReads(count: number, thinkMs = 60): PlannedOp[] {
  return Array.from({ length: count }, (_, i) => ({ op: 'sync-read', path: `/k${i % 4}`, thinkMs }) as const);
}

export interface ScriptedRun {
  readonly why: string;
  /** A checker that must object when the mutant is on. */
  readonly checker: string;
  readonly spec: Omit<RunSpec, 'mutant'>;
}

/** What every scripted run shares: three servers, the book's timing, a fast network, seed 1. */
const BASE = { version: 1, seed: 1, servers: 3, ensemble: TIMING, latency: [1, 5] } as const;

export const SCRIPTED: Record<MutantName, ScriptedRun> = {
  'commit-before-quorum': {
    why: 'the leader s3 is cut off with its client c1, commits c1’s writes on its own ACK and answers them; s1 and s2 elect s2 and move on; s3 comes back and must drop what it "committed"',
    checker: 'committed-durable',
    spec: {
      ...BASE,
      faultPhaseMs: 8500,
      faults: [
        'at 3500ms partition s3 c1 | s1 s2 c2',
        'at 5s crash s3',
        'at 5100ms heal',
        'at 6500ms restart s3',
      ],
      workload: {
        clients: [
          { id: 'c1', servers: ['s3'], sessionTimeoutMs: 4000, ops: writes(20) },
          { id: 'c2', servers: ['s1'], sessionTimeoutMs: 4000, ops: writes(30, 150) },
        ],
      },
    },
  },
  'election-ignores-zxid': {
    why: 's3 falls behind while s2 leads; s2 dies; in the election s1 (more recent) must not switch its vote to s3 for its higher id',
    checker: 'election',
    spec: {
      ...BASE,
      faultPhaseMs: 11500,
      faults: [
        'at 3500ms crash s3',
        'at 5s restart s3',
        'at 6500ms partition s3 | s1 s2 c1',
        'at 6800ms crash s2',
        'at 7200ms heal',
      ],
      workload: { clients: [{ id: 'c1', servers: ['s1'], sessionTimeoutMs: 4000, ops: writes(60) }] },
    },
  },
  'skip-trunc': {
    why: 'the leader s3 is cut off with its client c1 and logs proposals nobody else has; s2 leads epoch 2 and commits nothing yet; s3 returns at once and must be sent a TRUNC, or it keeps (and later delivers) txns that were never committed',
    checker: 'total-order',
    spec: {
      version: 1,
      seed: 1,
      servers: 3,
      ensemble: { ...TIMING, maxSessionTimeout: 20000 },
      latency: [1, 5],
      faultPhaseMs: 9000,
      faults: [
        'at 3500ms partition s3 c1 | s1 s2 c2',
        'at 4300ms heal',
      ],
      workload: {
        clients: [
          { id: 'c1', servers: ['s3'], sessionTimeoutMs: 20000, ops: writes(40, 50) },
          { id: 'c2', servers: ['s1'], sessionTimeoutMs: 20000, ops: [{ op: 'getData', path: '/', thinkMs: 6000 }, ...writes(20)] },
        ],
      },
    },
  },
  'stale-sync': {
    why: 'c1 writes through the leader s3 while follower s1 is briefly cut off (its traffic held, not lost); c2 on s1 syncs and reads: the sync must wait for the leader, not be answered by s1 from its stale tree',
    checker: 'sync-reads',
    spec: {
      ...BASE,
      faultPhaseMs: 6500,
      faults: [3500, 4500, 5500].flatMap((at) => [`at ${at}ms partition s1 c2 | s2 s3 c1`, `at ${at + 300}ms heal`]),
      workload: {
        clients: [
          { id: 'c1', servers: ['s3'], sessionTimeoutMs: 4000, ops: writes(150, 20) },
          { id: 'c2', servers: ['s1'], sessionTimeoutMs: 4000, ops: syncReads(100, 20) },
        ],
      },
    },
  },
  'ignore-session-owner': {
    why: 'c1 writes through s1; one link, c1-s1, slows to 3.9 s: c1 gives up on s1 within its read timeout and moves to s2, where its later writes take effect; then the delayed ones reach s1 and are forwarded, and the leader must refuse them (SESSIONMOVED)',
    checker: 'fifo-order',
    spec: {
      ...BASE,
      faultPhaseMs: 12000,
      faults: ['at 3s latency c1 s1 3900ms'],
      workload: {
        clients: [{ id: 'c1', servers: ['s2', 's1'], sessionTimeoutMs: 4000, ops: writes(60, 150) }],
      },
    },
  },
};
