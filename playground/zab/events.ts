/**
 * The Zab trace contract: the protocol events a ZooKeeper server of the ensemble reports
 * (as `trace` effects, which the kernel records as `{ kind: 'protocol', node, event }`).
 *
 * Checkers (playground/check) and views judge and draw a run from these events alone, so
 * every server emits them at the moment the fact becomes true. zxids travel as `0x…` hex
 * strings of the 64-bit value (epoch in the high 32 bits, counter in the low 32), never as
 * JavaScript numbers. Views rebuild a server's znode tree from the trace alone: every
 * `zab.deliver` carries the full logged transaction, and every `zab.snapshot` the tree it
 * installs. The serving part of a server traces `zk/events.ts`'s events, its client
 * `client/events.ts`'s. Types only; imports only zk types.
 */
import type { LoggedTxn } from '../zk/txn.ts';
import type { TreeSnapshot } from '../zk/data-tree.ts';

export type ServerState = 'LOOKING' | 'FOLLOWING' | 'LEADING' | 'OBSERVING';
export type ZabPhase = 'ELECTION' | 'DISCOVERY' | 'SYNCHRONIZATION' | 'BROADCAST';
export type SyncMode = 'DIFF' | 'TRUNC' | 'SNAP';

export type ZabEvent =
  /** The server changed state or phase (`QuorumPeer.setPeerState`, `setZabState`). */
  | { type: 'zab.state'; state: ServerState; phase: ZabPhase; epoch: number }
  /** FLE: the server's current proposal changed (round = logical clock). */
  | { type: 'zab.vote'; round: number; leader: string; zxid: string; peerEpoch: number }
  /** FLE decided: this server will lead or follow `leader`. */
  | { type: 'zab.elected'; round: number; leader: string }
  /** acceptedEpoch / currentEpoch persisted. */
  | { type: 'zab.epoch'; accepted: number; current: number }
  /**
   * The leader chose how to bring `follower` up to date; `fromDisk`: the proposals come from
   * its log on disk as well as the in-memory committed log ("Use txnlog and committedLog").
   */
  | { type: 'zab.sync'; follower: string; mode: SyncMode; leaderZxid: string; followerZxid: string; truncateTo?: string; fromDisk?: true }
  /**
   * A quorum acknowledged NEWLEADER: `epoch` is established with these voters, and the
   * leader's initial history — every transaction it holds, up to its last zxid `zxid`,
   * whether it arrived as a proposal, in a log or inside a snapshot — is committed.
   */
  | { type: 'zab.established'; epoch: number; quorum: string[]; zxid: string }
  /** The leader proposed a transaction (`record`: the logged txn, as `zab.deliver` carries it). */
  | { type: 'zab.propose'; zxid: string; txn: string; record: LoggedTxn }
  /** The server appended the transaction to its durable log (a follower then ACKs). */
  | { type: 'zab.log'; zxid: string }
  /** The leader saw a quorum of ACKs and commits. */
  | { type: 'zab.commit'; zxid: string }
  /** The server delivered (applied to its tree) the transaction, in zxid order. */
  | { type: 'zab.deliver'; zxid: string; txn: string; record: LoggedTxn }
  /** The server removed every logged transaction above `zxid` (TRUNC). */
  | { type: 'zab.truncate'; zxid: string }
  /** The server replaced its state with the leader's snapshot as of `zxid` (SNAP). */
  | { type: 'zab.snapshot'; zxid: string; tree: TreeSnapshot }
  /**
   * Added: the server gave up its role (a leader lost its synced quorum or timed out in
   * discovery or synchronization; a learner lost its leader) and goes back to LOOKING.
   */
  | { type: 'zab.shutdown'; reason: string }
  /** The leader closed its handler for `follower` (a read or transaction timeout, or a follower ahead of it). */
  | { type: 'zab.learner.closed'; follower: string; reason: string }
  /** The server cannot start its protocol (its stored epochs disagree with its log). */
  | { type: 'zab.error'; reason: string };

/** What a quorum peer traces beside Zab itself: it loads its data, its process exits, it turns a client away while not serving, it snapshots at a sync. */
export type PeerEvent =
  | { type: 'server.start'; zxid: string; replayed: number; acceptedEpoch: number; currentEpoch: number }
  | { type: 'server.exit'; code: number; reason: string }
  | { type: 'cnxn.notServing'; peer: string; state: ServerState }
  | { type: 'snapshot'; zxid: string };
