/**
 * A learner — follower or observer (`Learner.java`, `Follower.java`, `Observer.java`,
 * zab.md §3–5) — as a state machine driven by the quorum peer's `stepFollowing` /
 * `stepObserving`.
 *
 * Discovery: connect to the leader (a refused connect is retried every
 * `leaderConnectDelayMs`, at most 5 times within initLimit ticks), send FOLLOWERINFO
 * (OBSERVERINFO) with the accepted epoch; on LEADERINFO persist the new acceptedEpoch and
 * answer ACKEPOCH (epoch −1 if it was already accepted; a lower epoch sends it back to
 * LOOKING). Synchronization, as `Learner.syncWithLeader` after ZOOKEEPER-3911: DIFF, TRUNC
 * (truncate the log, reload) or SNAP (replace the database), then PROPOSAL/COMMIT pairs.
 * After a SNAP or a TRUNC each COMMIT is applied in memory at once; after a DIFF it waits.
 * On NEWLEADER: a SNAP or TRUNC learner writes a snapshot (that history is in no log), then
 * persists currentEpoch, and a follower logs every proposal not yet applied (ACKing each)
 * before it ACKs NEWLEADER. On UPTODATE: start serving, log what came after NEWLEADER, apply
 * the waiting commits in order — so a DIFF's txns reach the tree only now — and only then
 * report BROADCAST (`Follower.followLeader`). Broadcast: log each PROPOSAL then ACK it; on COMMIT apply the
 * head of the pending list (it must be that zxid); observers apply INFORMs; answer PINGs
 * with the session touch table; REVALIDATE and SYNC answers go to the role server.
 * Silence from the leader for initLimit ticks (before NEWLEADER) or syncLimit ticks (from
 * NEWLEADER on, where 3.8 sets the socket's timeout to `tickTime * syncLimit`) ends the role.
 *
 * Imports zab helpers, the role server and zk types. No clock, no I/O: through PeerServices.
 */
import type { NodeId } from '../sim/types.ts';
import type { ServerRequest } from '../zk/prep-request-processor.ts';
import { epochOf, hex, makeZxid } from '../zk/txn.ts';
import type { LoggedTxn } from '../zk/txn.ts';
import type { SyncMode } from './events.ts';
import type { QuorumPacket } from './messages.ts';
import type { PeerServices } from './peer-services.ts';
import { LearnerZooKeeperServer } from './role-servers.ts';
import type { ZabLink } from './role-servers.ts';

export const LEARNER_TIMEOUT = 'learner.timeout';
export const LEARNER_RETRY = 'learner.retry';
const MAX_CONNECT_TRIES = 5;

type LearnerStage = 'connecting' | 'registered' | 'sync' | 'syncing' | 'newLeaderAcked' | 'broadcast';

export class Learner implements ZabLink {
  private readonly peer: PeerServices;
  readonly leader: NodeId;
  readonly observer: boolean;
  stage: LearnerStage = 'connecting';
  private tries = 0;
  private startedAt = 0;
  private lastHeard = 0;
  newEpoch = -1;
  syncMode: SyncMode | null = null;
  /** Proposals received during synchronization, not yet logged or applied (`packetsNotCommitted`). */
  private readonly notLogged: LoggedTxn[] = [];
  /** COMMITs that wait for UPTODATE (`packetsCommitted`): a DIFF's, and any after NEWLEADER. */
  private readonly packetsCommitted: bigint[] = [];
  /** Commits go to the log (and wait) rather than to the tree at once (`writeToTxnLog`). */
  private writeToTxnLog = false;
  /** Logged and ACKed, awaiting COMMIT (`FollowerZooKeeperServer.pendingTxns`). */
  private readonly pendingTxns: LoggedTxn[] = [];
  zks: LearnerZooKeeperServer | null = null;
  readonly syncViaLeader: boolean;

  constructor(peer: PeerServices, leader: NodeId, observer: boolean) {
    this.peer = peer;
    this.leader = leader;
    this.observer = observer;
    this.syncViaLeader = peer.mutant !== 'stale-sync';
  }

  private limitMs(): number {
    const c = this.peer.config;
    const ticks = this.stage === 'newLeaderAcked' || this.stage === 'broadcast' ? c.syncLimit : c.initLimit;
    return ticks * c.tickTime;
  }

  /** `followLeader` / `observeLeader`: discovery starts. */
  start(): void {
    const p = this.peer;
    p.setZabState('DISCOVERY', p.store.currentEpoch);
    this.startedAt = p.now();
    this.lastHeard = p.now();
    p.setTimer(LEARNER_TIMEOUT, this.limitMs());
    this.connect();
  }

  private connect(): void {
    if (this.peer.ensureConnection(this.leader)) this.register();
  }

  /** `registerWithLeader`: CEPOCH. */
  private register(): void {
    const p = this.peer;
    p.send(this.leader, { type: this.observer ? 'OBSERVERINFO' : 'FOLLOWERINFO', zxid: makeZxid(p.store.acceptedEpoch, 0), sid: p.id });
    this.stage = 'registered';
  }

  /** The connect failed or was refused: retry, or give up. */
  private retry(why: string): void {
    const p = this.peer;
    this.tries++;
    const delay = p.config.leaderConnectDelayMs;
    if (this.tries >= MAX_CONNECT_TRIES || p.now() + delay - this.startedAt >= p.config.initLimit * p.config.tickTime) {
      p.abandon(`connectToLeader ${this.leader} failed (${why}) after ${this.tries} tries`);
      return;
    }
    this.stage = 'connecting';
    p.setTimer(LEARNER_RETRY, delay);
  }

  onConnected(peer: NodeId): void {
    if (peer === this.leader && this.stage === 'connecting') this.register();
  }

  onConnectFailed(peer: NodeId): void {
    if (peer === this.leader && this.stage === 'connecting') this.retry('connect failed');
  }

  onDisconnected(peer: NodeId): void {
    if (peer === this.leader) this.peer.abandon(`leader ${peer} closed the connection`);
  }

  onTimer(name: string): void {
    const p = this.peer;
    if (name === LEARNER_RETRY) {
      if (this.stage === 'connecting') this.connect();
      return;
    }
    if (name !== LEARNER_TIMEOUT) return;
    const silent = p.now() - this.lastHeard;
    if (silent >= this.limitMs()) {
      p.abandon(`no packet from leader ${this.leader} for ${silent} ms`);
      return;
    }
    this.armSilenceTimer();
  }

  /** The socket's read timeout: due when the leader has been silent for the stage's limit. */
  private armSilenceTimer(): void {
    const p = this.peer;
    p.setTimer(LEARNER_TIMEOUT, this.limitMs() - (p.now() - this.lastHeard));
  }

  // ---- packets from the leader ------------------------------------------------------------

  onPacket(from: NodeId, msg: QuorumPacket): void {
    if (from !== this.leader) return;
    const p = this.peer;
    this.lastHeard = p.now();
    switch (this.stage) {
      case 'connecting':
        return;
      case 'registered':
        if (msg.type === 'REFUSED') this.retry('not leading yet');
        else if (msg.type === 'LEADERINFO') this.onLeaderInfo(msg.zxid);
        return;
      case 'sync':
        if (msg.type === 'DIFF' || msg.type === 'TRUNC' || msg.type === 'SNAP') this.onSyncStart(msg);
        return;
      case 'syncing':
      case 'newLeaderAcked':
        this.onSyncPacket(msg);
        return;
      case 'broadcast':
        this.onBroadcastPacket(msg);
        return;
    }
  }

  private onLeaderInfo(newEpochZxid: bigint): void {
    const p = this.peer;
    const newEpoch = epochOf(newEpochZxid);
    let epochData: number;
    if (newEpoch > p.store.acceptedEpoch) {
      epochData = p.store.currentEpoch;
      p.store.setAcceptedEpoch(newEpoch, p.out);
      p.trace({ type: 'zab.epoch', accepted: newEpoch, current: p.store.currentEpoch });
    } else if (newEpoch === p.store.acceptedEpoch) {
      epochData = -1;
    } else {
      p.abandon(`Leaders epoch, ${newEpoch} is less than accepted epoch, ${p.store.acceptedEpoch}`);
      return;
    }
    this.newEpoch = newEpoch;
    p.send(this.leader, { type: 'ACKEPOCH', zxid: p.store.lastLoggedZxid(), epoch: epochData });
    p.setZabState('SYNCHRONIZATION', newEpoch);
    this.stage = 'sync';
  }

  private onSyncStart(msg: Extract<QuorumPacket, { type: 'DIFF' | 'TRUNC' | 'SNAP' }>): void {
    const p = this.peer;
    this.syncMode = msg.type;
    // "In the DIFF case we don't need to do a snapshot ... For SNAP and TRUNC the snapshot is
    // needed to save that history": only a DIFF's commits go to the log.
    this.writeToTxnLog = msg.type === 'DIFF';
    if (msg.type === 'TRUNC') {
      p.store.truncateLog(msg.zxid, p.db, p.out);
      p.trace({ type: 'zab.truncate', zxid: hex(msg.zxid) });
    } else if (msg.type === 'SNAP') {
      if (msg.signature !== 'BenWasHere') {
        p.abandon('Missing signature');
        return;
      }
      p.db.reset(msg.snapshot);
    }
    this.stage = 'syncing';
  }

  private onSyncPacket(msg: QuorumPacket): void {
    switch (msg.type) {
      case 'PROPOSAL':
        this.notLogged.push(msg.entry);
        return;
      case 'INFORM':
        // An observer syncing: a committed proposal.
        this.notLogged.push(msg.entry);
        this.onSyncCommit(msg.zxid);
        return;
      case 'COMMIT':
        this.onSyncCommit(msg.zxid);
        return;
      case 'NEWLEADER':
        if (this.stage !== 'syncing') return;
        this.onNewLeader(msg.zxid);
        return;
      case 'UPTODATE':
        if (this.stage === 'newLeaderAcked') this.onUpToDate();
        return;
      default:
        return;
    }
  }

  private onSyncCommit(zxid: bigint): void {
    if (this.writeToTxnLog) {
      this.packetsCommitted.push(zxid);
      return;
    }
    // After a SNAP or a TRUNC, before NEWLEADER: apply in memory (3.8 warns and skips a
    // commit that is not for the oldest proposal).
    const head = this.notLogged[0];
    if (head === undefined || head.hdr.zxid !== zxid) return;
    this.notLogged.shift();
    this.peer.db.processTxn(head);
  }

  private onNewLeader(zxid: bigint): void {
    const p = this.peer;
    if (this.syncMode === 'SNAP') p.store.replaceWithSnapshot(p.db.snapshot(), p.db.lastProcessedZxid, p.out);
    else if (this.syncMode === 'TRUNC') p.store.saveSnapshot(p.db.snapshot(), p.db.lastProcessedZxid, p.out);
    p.store.setCurrentEpoch(this.newEpoch, p.out);
    p.trace({ type: 'zab.epoch', accepted: p.store.acceptedEpoch, current: this.newEpoch });
    this.writeToTxnLog = true;
    // ZOOKEEPER-3911: a follower makes every proposal it holds durable before it ACKs
    // NEWLEADER, so what the new leader counts as committed survives a crash of the quorum.
    if (!this.observer) for (const e of this.notLogged.splice(0)) this.logRequest(e);
    p.send(this.leader, { type: 'ACK', zxid });
    this.stage = 'newLeaderAcked';
    // `sock.setSoTimeout(self.tickTime * self.syncLimit)`: from NEWLEADER on, the next read
    // waits syncLimit ticks, not what is left of initLimit.
    this.armSilenceTimer();
  }

  /** COMMIT-LD: the history is committed; serve clients. */
  private onUpToDate(): void {
    const p = this.peer;
    p.deliverHistory(p.db.lastProcessedZxid);
    this.stage = 'broadcast';
    this.zks = new LearnerZooKeeperServer(p.id, p.serverConfig(), p.db, this);
    p.send(this.leader, { type: 'ACK', zxid: makeZxid(this.newEpoch, 0) });
    p.startServing(this.zks);
    p.updateElectionVote(this.newEpoch);
    // "We need to log the stuff that came in between the snapshot and the uptodate", then
    // apply what was committed, in order.
    for (const e of this.notLogged.splice(0)) this.logRequest(e);
    for (const z of this.packetsCommitted.splice(0)) this.commit(z);
    p.setZabState('BROADCAST', this.newEpoch);
  }

  private onBroadcastPacket(msg: QuorumPacket): void {
    const p = this.peer;
    switch (msg.type) {
      case 'PROPOSAL':
        if (!this.observer) this.logRequest(msg.entry);
        return;
      case 'COMMIT':
        if (!this.observer) this.commit(msg.zxid);
        return;
      case 'INFORM':
        if (this.observer) {
          p.logTxn(msg.entry);
          this.zks?.commit(msg.entry);
        }
        return;
      case 'PING':
        p.send(this.leader, { type: 'PING', zxid: msg.zxid, touches: this.zks?.takeTouches() ?? [] });
        return;
      case 'REVALIDATE':
        this.zks?.revalidated(msg.sessionId, msg.valid === true);
        return;
      case 'SYNC':
        this.zks?.syncDone();
        return;
      default:
        return;
    }
  }

  /** `logRequest`: log (fsync), then ACK. */
  private logRequest(entry: LoggedTxn): void {
    const p = this.peer;
    p.logTxn(entry);
    this.pendingTxns.push(entry);
    if (!this.observer) p.send(this.leader, { type: 'ACK', zxid: entry.hdr.zxid });
  }

  /**
   * `FollowerZooKeeperServer.commit`: a COMMIT with nothing pending is logged and ignored
   * ("Committing ... without seeing txn"); one for another zxid than the oldest pending
   * proposal ends the process (`ExitCode.UNMATCHED_TXN_COMMIT`, 12).
   */
  private commit(zxid: bigint): void {
    const head = this.pendingTxns[0];
    if (head === undefined) return;
    if (head.hdr.zxid !== zxid) {
      this.peer.exit(12, `Committing zxid ${hex(zxid)} but next pending txn ${hex(head.hdr.zxid)}`);
      return;
    }
    this.pendingTxns.shift();
    this.zks?.commit(head);
  }

  // ---- ZabLink: what the role server asks -------------------------------------------------

  propose(): void {
    throw new Error('a learner does not propose');
  }

  forward(r: ServerRequest): void {
    this.peer.send(this.leader, { type: 'REQUEST', sessionId: r.sessionId, cxid: r.cxid, req: r.req, authInfo: r.authInfo });
  }

  revalidate(sessionId: bigint, timeout: number): void {
    this.peer.send(this.leader, { type: 'REVALIDATE', sessionId, timeout });
  }

  applied(entry: LoggedTxn): void {
    this.peer.onApplied(entry);
  }

  shutdown(): void {
    this.zks?.shutdown();
    this.zks = null;
    this.peer.disconnect(this.leader);
    this.peer.cancelTimer(LEARNER_TIMEOUT);
    this.peer.cancelTimer(LEARNER_RETRY);
  }
}
