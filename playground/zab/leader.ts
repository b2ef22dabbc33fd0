/**
 * The leader (`Leader.java` + one `LearnerHandler` per learner, zab.md §3–5) as a state
 * machine driven by the quorum peer's `stepLeading`.
 *
 * Discovery: the leader and each connecting participant contribute their acceptedEpoch to
 * `getEpochToPropose` (epoch = max + 1 over a quorum that includes the leader, then
 * persisted as acceptedEpoch); every learner gets LEADERINFO and answers ACKEPOCH, counted
 * by `waitForEpochAck` (a learner more recent than the leader ends its own handler only).
 * Synchronization: `syncFollower` picks DIFF / TRUNC / SNAP, `startForwarding` queues the
 * outstanding proposals, NEWLEADER follows; a quorum of NEWLEADER ACKs establishes the
 * epoch, the leader starts serving, and each learner gets UPTODATE. Each wait is bounded
 * by initLimit ticks; missing it sends the leader back to LOOKING.
 * Broadcast: PROPOSAL to every forwarding follower, the leader logs and ACKs its own;
 * `tryToCommit` commits on a quorum of ACKs, strictly in zxid order, sends COMMIT (INFORM
 * to observers), applies, and answers the syncs waiting on that zxid. Every tickTime/2 the
 * leader pings its learners; every tick it checks that a quorum is synced (heard from
 * within syncLimit ticks) and steps down if not.
 *
 * Imports zab helpers, the role server and zk types. No clock, no I/O: through PeerServices.
 */
import type { NodeId } from '../sim/types.ts';
import type { ServerRequest } from '../zk/prep-request-processor.ts';
import { counterOf, epochOf, hex, makeZxid } from '../zk/txn.ts';
import type { LoggedTxn } from '../zk/txn.ts';
import type { QuorumPacket } from './messages.ts';
import type { PeerServices } from './peer-services.ts';
import { LeaderZooKeeperServer } from './role-servers.ts';
import type { ZabLink } from './role-servers.ts';
import { syncFollower } from './sync.ts';
import { txnLabel } from './txn-label.ts';

export const LEADER_WAIT = 'leader.wait';
export const LEADER_PING = 'leader.ping';

type HandlerStage = 'waitEpoch' | 'leaderInfo' | 'waitEpochAck' | 'newLeader' | 'waitNewLeaderQuorum' | 'running';

/** One learner as the leader sees it (`LearnerHandler`). */
export interface LearnerHandler {
  readonly sid: NodeId;
  readonly participant: boolean;
  stage: HandlerStage;
  peerLastZxid: bigint;
  /** Receives PROPOSALs (participants) or INFORMs (observers) (`startForwarding`). */
  forwarding: boolean;
  tickOfNextAckDeadline: number;
  lastHeard: number;
  /** Proposals sent and not yet ACKed, with their send time (`SyncLimitCheck`). */
  readonly unacked: [bigint, number][];
}

interface Proposal {
  readonly entry: LoggedTxn;
  readonly acks: Set<NodeId>;
}

interface StateSummary {
  readonly currentEpoch: number;
  readonly lastZxid: bigint;
}

function isMoreRecentThan(a: StateSummary, b: StateSummary): boolean {
  return a.currentEpoch > b.currentEpoch || (a.currentEpoch === b.currentEpoch && a.lastZxid > b.lastZxid);
}

export class Leader implements ZabLink {
  private readonly peer: PeerServices;
  /** The leader thread's progress through `lead()`. */
  stage: 'epoch' | 'epochAck' | 'newLeaderAck' | 'broadcast' = 'epoch';
  epoch = -1;
  private waitingForNewEpoch = true;
  private readonly connectingFollowers = new Set<NodeId>();
  private readonly electingFollowers = new Set<NodeId>();
  private electionFinished = false;
  private readonly newLeaderAcks = new Set<NodeId>();
  private quorumFormed = false;
  private summary: StateSummary = { currentEpoch: 0, lastZxid: 0n };
  readonly handlers = new Map<NodeId, LearnerHandler>();
  readonly outstanding = new Map<bigint, Proposal>();
  lastProposed = 0n;
  lastCommitted = 0n;
  private readonly pendingSyncs = new Map<bigint, NodeId[]>();
  tick = 0;
  private tickSkip = true;
  zks: LeaderZooKeeperServer | null = null;
  readonly syncViaLeader = true;

  constructor(peer: PeerServices) {
    this.peer = peer;
  }

  private get newLeaderZxid(): bigint {
    return makeZxid(this.epoch, 0);
  }

  private limitMs(ticks: number): number {
    return ticks * this.peer.config.tickTime;
  }

  /** `Leader.lead()`: discovery starts. */
  lead(): void {
    const p = this.peer;
    p.setZabState('DISCOVERY', p.store.currentEpoch);
    // `zk.loadData()`: "Make a clean snapshot" of the tree as recovered (the newest snapshot
    // is what the log-sync size limit is measured against). Not a log roll.
    p.store.saveSnapshot(p.db.snapshot(), p.db.lastProcessedZxid, p.out);
    this.summary = { currentEpoch: p.store.currentEpoch, lastZxid: p.db.lastProcessedZxid };
    p.setTimer(LEADER_WAIT, this.limitMs(p.config.initLimit));
    this.getEpochToPropose(p.id, p.store.acceptedEpoch);
    this.advance();
  }

  // ---- discovery and synchronization ----------------------------------------------------

  private getEpochToPropose(sid: NodeId, lastAcceptedEpoch: number): void {
    if (!this.waitingForNewEpoch) return;
    if (lastAcceptedEpoch >= this.epoch) this.epoch = lastAcceptedEpoch + 1;
    if (this.peer.qv.isVoter(sid)) this.connectingFollowers.add(sid);
    if (this.connectingFollowers.has(this.peer.id) && this.peer.qv.containsQuorum(this.connectingFollowers)) {
      this.waitingForNewEpoch = false;
      this.peer.store.setAcceptedEpoch(this.epoch, this.peer.out);
      this.peer.trace({ type: 'zab.epoch', accepted: this.epoch, current: this.peer.store.currentEpoch });
    }
  }

  /** False: the learner is ahead of the leader; its handler ends. */
  private waitForEpochAck(sid: NodeId, ss: StateSummary): boolean {
    if (this.electionFinished) return true;
    if (ss.currentEpoch !== -1) {
      if (isMoreRecentThan(ss, this.summary)) return false;
      if (ss.lastZxid !== -1n && this.peer.qv.isVoter(sid)) this.electingFollowers.add(sid);
    }
    if (this.electingFollowers.has(this.peer.id) && this.peer.qv.containsQuorum(this.electingFollowers)) this.electionFinished = true;
    return true;
  }

  private waitForNewLeaderAck(sid: NodeId, zxid: bigint): void {
    if (this.quorumFormed) return;
    if (zxid !== this.newLeaderZxid) return;
    if (this.peer.qv.isVoter(sid)) this.newLeaderAcks.add(sid);
    if (this.peer.qv.containsQuorum(this.newLeaderAcks)) this.quorumFormed = true;
  }

  /** Move the leader thread and every handler as far as the shared flags allow. */
  private advance(): void {
    const p = this.peer;
    if (p.abandoning) return;
    if (this.stage === 'epoch' && !this.waitingForNewEpoch) {
      this.lastProposed = this.newLeaderZxid;
      this.stage = 'epochAck';
      p.setTimer(LEADER_WAIT, this.limitMs(p.config.initLimit));
      this.waitForEpochAck(p.id, this.summary);
    }
    if (this.stage === 'epochAck' && this.electionFinished) {
      p.store.setCurrentEpoch(this.epoch, this.peer.out);
      p.trace({ type: 'zab.epoch', accepted: p.store.acceptedEpoch, current: this.epoch });
      p.setZabState('SYNCHRONIZATION', this.epoch);
      this.stage = 'newLeaderAck';
      p.setTimer(LEADER_WAIT, this.limitMs(p.config.initLimit));
      this.waitForNewLeaderAck(p.id, this.newLeaderZxid);
    }
    for (const h of [...this.handlers.values()]) {
      if (h.stage === 'waitEpoch' && !this.waitingForNewEpoch) {
        p.send(h.sid, { type: 'LEADERINFO', zxid: this.newLeaderZxid });
        h.stage = 'leaderInfo';
      }
      if (h.stage === 'waitEpochAck' && this.electionFinished) this.sync(h);
    }
    if (this.stage === 'newLeaderAck' && this.quorumFormed) this.establish();
    if (this.stage === 'broadcast') {
      for (const h of this.handlers.values()) {
        if (h.stage === 'waitNewLeaderQuorum') {
          p.send(h.sid, { type: 'UPTODATE' });
          h.stage = 'running';
        }
      }
    }
  }

  /** `syncFollower` + `startForwarding` + NEWLEADER for one learner. */
  private sync(h: LearnerHandler): void {
    const p = this.peer;
    const { snapshotSizeFactor, preAllocSize } = p.config;
    // `calculateTxnLogSizeLimit`: the newest snapshot's bytes × snapshotSizeFactor.
    const sizeLimit = Math.floor((p.store.snapshot?.bytes ?? 0) * snapshotSizeFactor);
    const plan = syncFollower({
      peerLastZxid: h.peerLastZxid,
      lastProcessedZxid: p.db.lastProcessedZxid,
      committedLog: p.db.committedLog,
      ...(snapshotSizeFactor >= 0 ? { proposalsFromTxnLog: (zxid: bigint) => p.store.proposalsFromTxnLog(zxid, sizeLimit, preAllocSize) } : {}),
      mutant: p.mutant,
    });
    p.trace({
      type: 'zab.sync',
      follower: h.sid,
      mode: plan.mode,
      leaderZxid: hex(p.db.lastProcessedZxid),
      followerZxid: hex(h.peerLastZxid < 0n ? 0n : h.peerLastZxid),
      ...(plan.mode === 'TRUNC' ? { truncateTo: hex(plan.zxid) } : {}),
      ...(plan.source === 'txnlog' ? { fromDisk: true } : {}),
    });
    if (plan.mode === 'SNAP') p.send(h.sid, { type: 'SNAP', zxid: plan.zxid, snapshot: p.db.snapshot(), signature: 'BenWasHere' });
    else p.send(h.sid, { type: plan.mode, zxid: plan.zxid });
    for (const e of plan.proposals) {
      p.send(h.sid, { type: 'PROPOSAL', zxid: e.hdr.zxid, entry: e });
      p.send(h.sid, { type: 'COMMIT', zxid: e.hdr.zxid });
    }
    // startForwarding: proposals still outstanding follow, then live traffic.
    if (this.lastProposed > plan.currentZxid && h.participant) {
      for (const [zxid, prop] of this.outstanding) {
        if (zxid <= plan.currentZxid) continue;
        p.send(h.sid, { type: 'PROPOSAL', zxid, entry: prop.entry });
        h.unacked.push([zxid, p.now()]);
      }
    }
    h.forwarding = true;
    p.send(h.sid, { type: 'NEWLEADER', zxid: this.newLeaderZxid });
    h.stage = 'newLeader';
  }

  /** A quorum acknowledged NEWLEADER: the epoch is established; start serving. */
  private establish(): void {
    const p = this.peer;
    p.trace({ type: 'zab.established', epoch: this.epoch, quorum: [...this.newLeaderAcks].sort(), zxid: hex(p.db.lastProcessedZxid) });
    p.cancelTimer(LEADER_WAIT);
    this.stage = 'broadcast';
    // As `Leader.lead` does: start the server on the initial history (`startZkServer`), then
    // report BROADCAST (the learner's order too: `Follower.followLeader` sets BROADCAST after
    // `syncWithLeader`).
    p.deliverHistory(p.db.lastProcessedZxid);
    this.lastCommitted = this.newLeaderZxid;
    this.zks = new LeaderZooKeeperServer(p.id, p.serverConfig(), p.db, this, this.epoch);
    p.startServing(this.zks);
    p.updateElectionVote(this.epoch);
    // `startZkServer` ends with setlastProcessedZxid(epoch << 32): until the epoch's first
    // write, the leader answers with a zxid no follower has processed, and a client that saw
    // it is refused by those followers ("client must try another server").
    p.db.setLastProcessedZxid(this.newLeaderZxid);
    p.setZabState('BROADCAST', this.epoch);
    p.setTimer(LEADER_PING, Math.floor(p.config.tickTime / 2));
  }

  // ---- packets from learners ------------------------------------------------------------

  onPacket(from: NodeId, msg: QuorumPacket): void {
    const p = this.peer;
    if (msg.type === 'FOLLOWERINFO' || msg.type === 'OBSERVERINFO') {
      const h: LearnerHandler = {
        sid: from,
        participant: msg.type === 'FOLLOWERINFO' && p.qv.isVoter(from),
        stage: 'waitEpoch',
        peerLastZxid: -1n,
        forwarding: false,
        tickOfNextAckDeadline: this.tick + p.config.initLimit + p.config.syncLimit,
        lastHeard: p.now(),
        unacked: [],
      };
      this.handlers.set(from, h);
      this.getEpochToPropose(from, epochOf(msg.zxid));
      this.advance();
      return;
    }
    const h = this.handlers.get(from);
    if (h === undefined) return;
    h.lastHeard = p.now();
    switch (msg.type) {
      case 'ACKEPOCH': {
        if (h.stage !== 'leaderInfo') return;
        h.peerLastZxid = msg.zxid;
        if (!this.waitForEpochAck(from, { currentEpoch: msg.epoch, lastZxid: msg.zxid })) {
          p.trace({ type: 'zab.learner.closed', follower: from, reason: 'follower is ahead of the leader' });
          this.closeHandler(h);
          return;
        }
        h.stage = 'waitEpochAck';
        this.advance();
        return;
      }
      case 'ACK':
        if (h.stage === 'newLeader') {
          if (msg.zxid !== this.newLeaderZxid) return;
          this.waitForNewLeaderAck(from, msg.zxid);
          h.stage = 'waitNewLeaderQuorum';
          h.tickOfNextAckDeadline = this.tick + p.config.syncLimit;
          this.advance();
          return;
        }
        if (h.stage !== 'running') return;
        h.tickOfNextAckDeadline = this.tick + p.config.syncLimit;
        while (h.unacked.length > 0 && h.unacked[0]![0] <= msg.zxid) h.unacked.shift();
        this.processAck(from, msg.zxid);
        return;
      case 'PING':
        if (h.stage !== 'running') return;
        h.tickOfNextAckDeadline = this.tick + p.config.syncLimit;
        for (const [session, timeout] of msg.touches ?? []) this.zks?.touch(session, timeout);
        return;
      case 'REVALIDATE':
        if (h.stage !== 'running' || this.zks === null) return;
        h.tickOfNextAckDeadline = this.tick + p.config.syncLimit;
        p.send(from, { type: 'REVALIDATE', sessionId: msg.sessionId, timeout: msg.timeout, valid: this.zks.revalidate(msg.sessionId, msg.timeout, from) });
        return;
      case 'REQUEST': {
        if (h.stage !== 'running' || this.zks === null) return;
        h.tickOfNextAckDeadline = this.tick + p.config.syncLimit;
        if (msg.req.op === 'sync') {
          this.processSync(from);
          return;
        }
        // The learner's handler owns what it forwards (`LearnerHandler`: si.setOwner(this)).
        const r: ServerRequest = { cnxnId: null, sessionId: msg.sessionId, cxid: msg.cxid, req: msg.req, authInfo: msg.authInfo, ...(p.mutant === 'ignore-session-owner' ? {} : { owner: from }) };
        this.zks.submitLearnerRequest(r);
        return;
      }
      default:
        return;
    }
  }

  onDisconnected(peer: NodeId): void {
    this.handlers.delete(peer);
  }

  private closeHandler(h: LearnerHandler): void {
    this.handlers.delete(h.sid);
    this.peer.disconnect(h.sid);
  }

  // ---- broadcast --------------------------------------------------------------------------

  /** `Leader.propose` (from the leader's request pipeline). */
  propose(entry: LoggedTxn): void {
    const p = this.peer;
    if (p.abandoning) return;
    const zxid = entry.hdr.zxid;
    if (counterOf(zxid) === 0xffffffff) {
      // ZOOKEEPER-1277: the counter would roll over; force a new epoch.
      p.abandon('zxid lower 32 bits have rolled over, forcing re-election');
      return;
    }
    const prop: Proposal = { entry, acks: new Set() };
    this.lastProposed = zxid;
    this.outstanding.set(zxid, prop);
    p.trace({ type: 'zab.propose', zxid: hex(zxid), txn: txnLabel(entry), record: entry });
    const now = p.now();
    for (const h of this.handlers.values()) {
      if (h.forwarding && h.participant) {
        p.send(h.sid, { type: 'PROPOSAL', zxid, entry });
        h.unacked.push([zxid, now]);
      }
    }
    // The leader's own SyncRequestProcessor: log, then ACK itself.
    p.logTxn(entry);
    this.processAck(p.id, zxid);
  }

  forward(): void {
    throw new Error('the leader does not forward requests');
  }

  revalidate(): void {
    throw new Error('the leader revalidates sessions itself');
  }

  applied(entry: LoggedTxn): void {
    this.peer.onApplied(entry);
  }

  /** `Leader.processAck`. */
  private processAck(sid: NodeId, zxid: bigint): void {
    if (counterOf(zxid) === 0) return;
    if (this.outstanding.size === 0) return;
    if (this.lastCommitted >= zxid) return;
    const prop = this.outstanding.get(zxid);
    if (prop === undefined) return;
    prop.acks.add(sid);
    this.tryToCommit(prop, zxid);
  }

  /** `Leader.tryToCommit`: a quorum of ACKs, and the previous zxid no longer outstanding. */
  private tryToCommit(prop: Proposal, zxid: bigint): boolean {
    const p = this.peer;
    if (this.outstanding.has(zxid - 1n)) return false;
    const quorum = p.mutant === 'commit-before-quorum' ? prop.acks.size >= 1 : p.qv.containsQuorum(prop.acks);
    if (!quorum) return false;
    this.outstanding.delete(zxid);
    this.lastCommitted = zxid;
    p.trace({ type: 'zab.commit', zxid: hex(zxid) });
    for (const h of this.handlers.values()) {
      if (!h.forwarding) continue;
      if (h.participant) p.send(h.sid, { type: 'COMMIT', zxid });
      else p.send(h.sid, { type: 'INFORM', zxid, entry: prop.entry });
    }
    this.zks?.commit(prop.entry);
    const syncs = this.pendingSyncs.get(zxid);
    if (syncs !== undefined) {
      this.pendingSyncs.delete(zxid);
      for (const sid of syncs) p.send(sid, { type: 'SYNC' });
    }
    return true;
  }

  /** `Leader.processSync`: answer now, or once the last proposal commits. */
  private processSync(sid: NodeId): void {
    if (this.outstanding.size === 0) {
      this.peer.send(sid, { type: 'SYNC' });
      return;
    }
    let list = this.pendingSyncs.get(this.lastProposed);
    if (list === undefined) this.pendingSyncs.set(this.lastProposed, (list = []));
    list.push(sid);
  }

  // ---- timers -----------------------------------------------------------------------------

  onTimer(name: string): void {
    const p = this.peer;
    if (name === LEADER_WAIT) {
      if (this.stage === 'broadcast') return;
      const what = this.stage === 'epoch' ? 'epoch from quorum' : this.stage === 'epochAck' ? 'epoch to be acked by quorum' : 'NEWLEADER to be acked by quorum';
      p.abandon(`Timeout while waiting for ${what}`);
      return;
    }
    if (name !== LEADER_PING || this.stage !== 'broadcast') return;
    // The leader loop: wake every tickTime/2; every second wake is a tick.
    if (!this.tickSkip) this.tick++;
    const synced = new Set<NodeId>([p.id]);
    for (const h of this.handlers.values()) if (this.tick <= h.tickOfNextAckDeadline) synced.add(h.sid);
    if (!this.tickSkip && !p.qv.containsQuorum(synced)) {
      p.abandon(`Not sufficient followers synced, only synced with sids: [ ${[...synced].sort().join(',')} ]`);
      return;
    }
    this.tickSkip = !this.tickSkip;
    const now = p.now();
    const syncLimitMs = this.limitMs(p.config.syncLimit);
    for (const h of [...this.handlers.values()]) {
      const silent = now - h.lastHeard;
      const oldest = h.unacked[0];
      const readLimit = h.stage === 'running' || h.stage === 'waitNewLeaderQuorum' ? syncLimitMs : this.limitMs(p.config.initLimit);
      if (silent > readLimit || (oldest !== undefined && now - oldest[1] > syncLimitMs)) {
        p.trace({ type: 'zab.learner.closed', follower: h.sid, reason: silent > readLimit ? 'read timeout' : 'transaction timeout' });
        this.closeHandler(h);
        continue;
      }
      if (h.stage === 'newLeader' || h.stage === 'waitNewLeaderQuorum' || h.stage === 'running') p.send(h.sid, { type: 'PING', zxid: this.lastProposed });
    }
    p.setTimer(LEADER_PING, Math.floor(p.config.tickTime / 2));
  }

  /** `Leader.shutdown`: close every learner connection. */
  shutdown(): void {
    for (const sid of [...this.handlers.keys()]) this.peer.disconnect(sid);
    this.handlers.clear();
    this.zks?.shutdown();
    this.zks = null;
    this.peer.cancelTimer(LEADER_WAIT);
    this.peer.cancelTimer(LEADER_PING);
  }
}
