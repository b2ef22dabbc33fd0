/**
 * What the role machines (`Leader`, `Learner`) may ask of the quorum peer that runs them:
 * the peer owns the node's effects, its connections, its durable store and database, and
 * the move from one role to the next. Types only; imports types.
 */
import type { Effect, NodeId } from '../sim/types.ts';
import type { ZooKeeperServer } from '../zk/server.ts';
import type { ServerConfig } from '../zk/server.ts';
import type { LoggedTxn } from '../zk/txn.ts';
import type { ZKDatabase } from '../zk/zk-database.ts';
import type { ZabConfig } from './config.ts';
import type { PeerEvent, ZabEvent, ZabPhase } from './events.ts';
import type { QuorumPacket } from './messages.ts';
import type { MutantName } from './mutants.ts';
import type { QuorumVerifier } from './quorum.ts';
import type { TxnLogStore } from './txn-log.ts';

export interface PeerServices {
  readonly id: NodeId;
  readonly qv: QuorumVerifier;
  readonly config: ZabConfig;
  readonly mutant: MutantName | undefined;
  readonly store: TxnLogStore;
  readonly db: ZKDatabase;
  /** This step's effects, in order (durable writes of the store go here). */
  readonly out: Effect[];
  now(): number;
  send(to: NodeId, packet: QuorumPacket): void;
  /** True if the connection to `to` is open; otherwise start opening it (once). */
  ensureConnection(to: NodeId): boolean;
  /** Close the connection to `to` (ends a learner session; election traffic reconnects on demand). */
  disconnect(to: NodeId): void;
  setTimer(name: string, afterMs: number): void;
  cancelTimer(name: string): void;
  trace(event: ZabEvent | PeerEvent): void;
  /** Enter a Zab phase in the current role (traced as zab.state). */
  setZabState(phase: ZabPhase, epoch: number): void;
  /** Append to the durable log (traced as zab.log). */
  logTxn(entry: LoggedTxn): void;
  /** A committed txn was applied by the role server: report it delivered. */
  onApplied(entry: LoggedTxn): void;
  /** Everything in the history up to `zxid` is now committed: report it delivered. */
  deliverHistory(zxid: bigint): void;
  /** The zk settings for a role server. */
  serverConfig(): ServerConfig;
  /** Start serving clients with this role server. */
  startServing(zks: ZooKeeperServer): void;
  /** Leave the role (at the end of this step) and go back to LOOKING. */
  abandon(reason: string): void;
  /** Is the role being abandoned in this step? */
  readonly abandoning: boolean;
  /** `ServiceUtils.requestSystemExit`: the process ends with `code` (the kernel takes it down). */
  exit(code: number, reason: string): void;
  /** Report the new epoch in the vote this server answers LOOKING peers with. */
  updateElectionVote(epoch: number): void;
}
