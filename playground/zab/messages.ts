/**
 * What ZooKeeper servers say to each other, on the one FIFO connection the kernel keeps
 * between any two of them: FLE notifications (ZooKeeper's election port) and quorum
 * packets (its quorum port, `Leader.java` constants). The learner's session with its
 * leader lives on that same connection; ending the session closes the connection, and
 * election traffic reconnects on demand, as `QuorumCnxManager` does.
 *
 * zxids are bigint. Types and small helpers only; imports zk types.
 */
import type { NodeId } from '../sim/types.ts';
import type { Id } from '../zk/acl.ts';
import type { Request } from '../zk/protocol.ts';
import type { LoggedTxn } from '../zk/txn.ts';
import type { DatabaseSnapshot } from '../zk/zk-database.ts';
import type { ServerState } from './events.ts';

/** An FLE notification (`FastLeaderElection.Notification` / `ToSend`). */
export interface Notification {
  readonly type: 'NOTIFICATION';
  /** Proposed leader (null: an observer's empty vote). */
  readonly leader: NodeId | null;
  /** The proposed leader's last logged zxid. */
  readonly zxid: bigint;
  /** The sender's logical clock (election round). */
  readonly electionEpoch: number;
  /** The proposed leader's currentEpoch. */
  readonly peerEpoch: number;
  readonly state: ServerState;
  /** The sender. */
  readonly sid: NodeId;
}

/** Quorum packets (`QuorumPacket` with the `Leader` type constants). */
export type QuorumPacket =
  /** Learner → leader: CEPOCH. zxid = acceptedEpoch << 32. */
  | { readonly type: 'FOLLOWERINFO' | 'OBSERVERINFO'; readonly zxid: bigint; readonly sid: NodeId }
  /** Leader → learner: NEWEPOCH. zxid = newEpoch << 32. */
  | { readonly type: 'LEADERINFO'; readonly zxid: bigint }
  /** Learner → leader: ACK-E. zxid = last logged zxid; epoch = currentEpoch, or −1 if it had already accepted this epoch. */
  | { readonly type: 'ACKEPOCH'; readonly zxid: bigint; readonly epoch: number }
  /** Leader → learner: the learner's log is a prefix; zxid = the leader's last committed. */
  | { readonly type: 'DIFF'; readonly zxid: bigint }
  /** Leader → learner: truncate the log after zxid. */
  | { readonly type: 'TRUNC'; readonly zxid: bigint }
  /** Leader → learner: the whole database as of zxid (then the signature "BenWasHere"). */
  | { readonly type: 'SNAP'; readonly zxid: bigint; readonly snapshot: DatabaseSnapshot; readonly signature: 'BenWasHere' }
  | { readonly type: 'PROPOSAL'; readonly zxid: bigint; readonly entry: LoggedTxn }
  | { readonly type: 'COMMIT'; readonly zxid: bigint }
  /** Leader → observer: a committed proposal. */
  | { readonly type: 'INFORM'; readonly zxid: bigint; readonly entry: LoggedTxn }
  /** NEWLEADER(e'): zxid = newEpoch << 32. */
  | { readonly type: 'NEWLEADER'; readonly zxid: bigint }
  | { readonly type: 'ACK'; readonly zxid: bigint }
  /** COMMIT-LD: start serving. */
  | { readonly type: 'UPTODATE' }
  /** Leader → learner: zxid = lastProposed. Learner → leader: the session touch table. */
  | { readonly type: 'PING'; readonly zxid: bigint; readonly touches?: readonly (readonly [bigint, number])[] }
  /** Learner → leader: a client's write (or sync, or createSession) to prepare and propose. */
  | { readonly type: 'REQUEST'; readonly sessionId: bigint; readonly cxid: number; readonly req: Request; readonly authInfo: readonly Id[] }
  /** Learner → leader: is this session alive? Leader → learner: the answer. */
  | { readonly type: 'REVALIDATE'; readonly sessionId: bigint; readonly timeout: number; readonly valid?: boolean }
  /** Leader → learner: your oldest sync is answered. */
  | { readonly type: 'SYNC' }
  /**
   * The receiving server is not leading: its quorum port is closed, so a learner's connect
   * would be refused (the learner retries, as `Learner.connectToLeader` does).
   */
  | { readonly type: 'REFUSED' };

export type PeerMessage = Notification | QuorumPacket;
