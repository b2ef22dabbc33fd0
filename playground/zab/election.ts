/**
 * Fast Leader Election (`FastLeaderElection.java`, zab.md §2) as a state machine. The
 * peer hands it every notification that arrives (`receive`, the `WorkerReceiver` thread)
 * and its timers; it answers through `ElectionHost` (send a notification, set a timer,
 * trace, decide). While the server is LOOKING it runs `lookForLeader`'s loop one
 * notification at a time:
 *
 * - start: logical clock + 1, propose yourself (an observer proposes nobody), send to every
 *   voter including yourself;
 * - a LOOKING sender from a later round: adopt the round, clear the received votes, propose
 *   the better of its vote and your initial vote; from an earlier round: drop (and answer it);
 *   same round and a better vote: adopt it; then record it;
 * - when the votes equal to your proposal form a quorum, wait `finalizeWait` for a better
 *   one; if none comes, decide (LEADING if it is you, else FOLLOWING or OBSERVING);
 * - FOLLOWING / LEADING senders: decide with them if a quorum of the same round agrees, or
 *   if a quorum of servers outside the election names a leader that says it is LEADING
 *   (`outofelection`): how a late server joins an established ensemble;
 * - no notification for `notTimeout`: send again, doubling the timeout up to the maximum.
 *
 * A server that is not LOOKING answers each LOOKING peer with its current vote.
 * Imports vote helpers, the quorum verifier and types. No clock, no I/O.
 */
import type { NodeId } from '../sim/types.ts';
import type { ServerState, ZabEvent } from './events.ts';
import type { Notification } from './messages.ts';
import type { MutantName } from './mutants.ts';
import type { QuorumVerifier } from './quorum.ts';
import { hasQuorumFor, totalOrderPredicate } from './vote.ts';
import type { Candidate, Vote } from './vote.ts';

export interface ElectionHost {
  readonly self: NodeId;
  readonly qv: QuorumVerifier;
  readonly finalizeWaitMs: number;
  readonly maxNotificationIntervalMs: number;
  readonly mutant: MutantName | undefined;
  now(): number;
  /** The server's state (LOOKING while electing). */
  state(): ServerState;
  lastLoggedZxid(): bigint;
  currentEpoch(): number;
  /** Send to a peer over the election channel (connecting if needed). Never to self. */
  send(to: NodeId, n: Notification): void;
  setTimer(name: string, afterMs: number): void;
  cancelTimer(name: string): void;
  trace(event: ZabEvent): void;
  /** FLE decided: become `state` behind `vote.leader`. */
  decide(state: 'LEADING' | 'FOLLOWING' | 'OBSERVING', vote: Vote): void;
}

export const FLE_TIMEOUT = 'fle.timeout';
export const FLE_FINALIZE = 'fle.finalize';

export class FastLeaderElection {
  private readonly host: ElectionHost;
  logicalclock = 0;
  proposal: Candidate;
  /** Votes of the current round. */
  readonly recvset = new Map<NodeId, Vote>();
  /** Votes of servers that have left the election (FOLLOWING / LEADING). */
  readonly outofelection = new Map<NodeId, Vote>();
  notTimeout: number;
  /** Waiting `finalizeWait` for a better vote before deciding. */
  finalizing = false;
  /** The vote this server answers with once it is not LOOKING (`QuorumPeer.getCurrentVote`). */
  currentVote: Vote;
  private lastHeard = 0;
  private readonly selfQueue: Notification[] = [];
  private processingSelf = false;

  constructor(host: ElectionHost) {
    this.host = host;
    this.proposal = this.initialVote();
    this.notTimeout = host.finalizeWaitMs;
    this.currentVote = { ...this.proposal, electionEpoch: 0, state: 'LOOKING' };
  }

  /** `getInitId` etc.: yourself if you vote, nobody if you observe. */
  private initialVote(): Candidate {
    const h = this.host;
    return h.qv.isVoter(h.self) ? { leader: h.self, zxid: h.lastLoggedZxid(), peerEpoch: h.currentEpoch() } : { leader: null, zxid: -1n, peerEpoch: -1 };
  }

  /** `lookForLeader`: start a new round. */
  lookForLeader(): void {
    this.logicalclock++;
    this.recvset.clear();
    this.outofelection.clear();
    this.finalizing = false;
    this.notTimeout = this.host.finalizeWaitMs;
    this.host.cancelTimer(FLE_FINALIZE);
    this.lastHeard = this.host.now();
    this.host.setTimer(FLE_TIMEOUT, this.notTimeout);
    this.updateProposal(this.initialVote());
    this.sendNotifications();
  }

  private updateProposal(c: Candidate): void {
    this.proposal = { leader: c.leader, zxid: c.zxid, peerEpoch: c.peerEpoch };
    this.host.trace({ type: 'zab.vote', round: this.logicalclock, leader: c.leader ?? '', zxid: '0x' + (c.zxid < 0n ? 0n : c.zxid).toString(16), peerEpoch: c.peerEpoch });
  }

  private notification(v: Candidate, electionEpoch: number, state: ServerState): Notification {
    return { type: 'NOTIFICATION', leader: v.leader, zxid: v.zxid, electionEpoch, peerEpoch: v.peerEpoch, state, sid: this.host.self };
  }

  /** To every voter, including yourself (`sendNotifications`). */
  private sendNotifications(): void {
    const n = this.notification(this.proposal, this.logicalclock, 'LOOKING');
    for (const sid of this.host.qv.voters) {
      if (sid === this.host.self) this.selfQueue.push(n);
      else this.host.send(sid, n);
    }
    this.drainSelf();
  }

  private drainSelf(): void {
    if (this.processingSelf) return;
    this.processingSelf = true;
    try {
      for (let n = this.selfQueue.shift(); n !== undefined; n = this.selfQueue.shift()) this.process(n);
    } finally {
      this.processingSelf = false;
    }
  }

  /** The vote to answer with: the live proposal while LOOKING, else the decided vote. */
  private answer(to: NodeId): void {
    const h = this.host;
    const state = h.state();
    const n =
      state === 'LOOKING'
        ? this.notification(this.proposal, this.logicalclock, state)
        : this.notification(this.currentVote, this.currentVote.electionEpoch, state);
    h.send(to, n);
  }

  /** A notification arrived (`WorkerReceiver`). */
  receive(n: Notification): void {
    const h = this.host;
    if (!h.qv.isVoter(n.sid)) {
      // Observers and strangers get our current vote and are otherwise ignored.
      this.answer(n.sid);
      return;
    }
    if (h.state() === 'LOOKING') {
      this.process(n);
      if (n.state === 'LOOKING' && n.electionEpoch < this.logicalclock) this.answer(n.sid);
      this.drainSelf();
    } else if (n.state === 'LOOKING') this.answer(n.sid);
  }

  /** One turn of `lookForLeader`'s loop. */
  private process(n: Notification): void {
    const h = this.host;
    if (h.state() !== 'LOOKING') return;
    if (this.finalizing) {
      // The finalize wait: a better vote puts us back in the loop; anything else is dropped.
      if (!totalOrderPredicate(h.qv, n, this.proposal, h.mutant)) {
        h.setTimer(FLE_FINALIZE, h.finalizeWaitMs);
        return;
      }
      this.finalizing = false;
      h.cancelTimer(FLE_FINALIZE);
    }
    this.lastHeard = h.now();
    if (!h.qv.isVoter(n.sid) || (n.leader !== null && !h.qv.isVoter(n.leader))) return;
    switch (n.state) {
      case 'LOOKING': {
        if (n.electionEpoch > this.logicalclock) {
          this.logicalclock = n.electionEpoch;
          this.recvset.clear();
          const init = this.initialVote();
          this.updateProposal(totalOrderPredicate(h.qv, n, init, h.mutant) ? n : init);
          this.sendNotifications();
        } else if (n.electionEpoch < this.logicalclock) {
          return;
        } else if (totalOrderPredicate(h.qv, n, this.proposal, h.mutant)) {
          this.updateProposal(n);
          this.sendNotifications();
        }
        if (h.state() !== 'LOOKING') return;
        this.recvset.set(n.sid, { leader: n.leader, zxid: n.zxid, electionEpoch: n.electionEpoch, peerEpoch: n.peerEpoch, state: 'LOOKING' });
        if (!this.finalizing && hasQuorumFor(h.qv, this.recvset, { ...this.proposal, electionEpoch: this.logicalclock, state: 'LOOKING' })) {
          this.finalizing = true;
          h.setTimer(FLE_FINALIZE, h.finalizeWaitMs);
        }
        return;
      }
      case 'OBSERVING':
        return;
      case 'FOLLOWING':
      case 'LEADING':
        this.receivedFollowingNotification(n);
        return;
    }
  }

  /** `receivedFollowingNotification` (also used for LEADING senders). */
  private receivedFollowingNotification(n: Notification): void {
    const h = this.host;
    const vote: Vote = { leader: n.leader, zxid: n.zxid, electionEpoch: n.electionEpoch, peerEpoch: n.peerEpoch, state: n.state };
    if (n.electionEpoch === this.logicalclock) {
      this.recvset.set(n.sid, vote);
      if (hasQuorumFor(h.qv, this.recvset, vote) && this.checkLeader(this.recvset, n.leader, n.electionEpoch)) {
        this.finish(n.leader, vote);
        return;
      }
    }
    // Before joining an established ensemble, a quorum must follow the same leader.
    this.outofelection.set(n.sid, vote);
    if (hasQuorumFor(h.qv, this.outofelection, vote) && this.checkLeader(this.outofelection, n.leader, n.electionEpoch)) {
      this.logicalclock = n.electionEpoch;
      this.finish(n.leader, vote);
    }
  }

  /** `checkLeader`: the proposed leader must say it leads (or be me, in this round). */
  private checkLeader(votes: ReadonlyMap<NodeId, Vote>, leader: NodeId | null, electionEpoch: number): boolean {
    if (leader === null) return false;
    if (leader !== this.host.self) return votes.get(leader)?.state === 'LEADING';
    return this.logicalclock === electionEpoch;
  }

  /** A timer of ours fired. */
  onTimer(name: string): void {
    const h = this.host;
    if (h.state() !== 'LOOKING') return;
    if (name === FLE_FINALIZE) {
      if (!this.finalizing) return;
      this.finalizing = false;
      this.finish(this.proposal.leader, { ...this.proposal, electionEpoch: this.logicalclock, state: 'LOOKING' });
      return;
    }
    if (name !== FLE_TIMEOUT) return;
    if (this.finalizing) {
      h.setTimer(FLE_TIMEOUT, this.notTimeout);
      return;
    }
    const idle = h.now() - this.lastHeard;
    if (idle < this.notTimeout) {
      h.setTimer(FLE_TIMEOUT, this.notTimeout - idle);
      return;
    }
    // Nothing heard for notTimeout: send again and back off.
    this.sendNotifications();
    if (h.state() !== 'LOOKING') return;
    this.notTimeout = Math.min(this.notTimeout * 2, h.maxNotificationIntervalMs);
    this.lastHeard = h.now();
    h.setTimer(FLE_TIMEOUT, this.notTimeout);
  }

  private finish(leader: NodeId | null, vote: Vote): void {
    const h = this.host;
    if (leader === null) return;
    h.cancelTimer(FLE_TIMEOUT);
    h.cancelTimer(FLE_FINALIZE);
    this.finalizing = false;
    this.selfQueue.length = 0;
    const state = leader === h.self ? 'LEADING' : h.qv.isVoter(h.self) ? 'FOLLOWING' : 'OBSERVING';
    this.currentVote = { leader, zxid: vote.zxid, electionEpoch: vote.electionEpoch, peerEpoch: vote.peerEpoch, state };
    h.trace({ type: 'zab.elected', round: this.logicalclock, leader });
    h.decide(state, this.currentVote);
  }

  /** `updateElectionVote`: after synchronization, report the new epoch (ZOOKEEPER-1732). */
  updateElectionVote(newEpoch: number): void {
    this.currentVote = { ...this.currentVote, peerEpoch: newEpoch };
  }

  /** The server's state changed (the vote it answers with reports it). */
  setCurrentState(state: ServerState): void {
    this.currentVote = { ...this.currentVote, state };
  }
}
