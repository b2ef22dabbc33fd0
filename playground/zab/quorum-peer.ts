/**
 * A ZooKeeper server of an ensemble (`QuorumPeer`) as a simulation node: one state
 * machine per server, with one step function per role —
 *
 *   LOOKING → `stepLooking` (Fast Leader Election)   FOLLOWING → `stepFollowing` (Learner)
 *   LEADING → `stepLeading` (Leader)                  OBSERVING → `stepObserving` (Learner)
 *
 * — swapped when the role changes, as etcd's raft swaps `stepLeader` / `stepFollower`.
 * Election notifications are answered in every role (a server that is not LOOKING tells
 * LOOKING peers whom it follows). Client connections go to the role server (`zks`) while
 * the server serves (a leader after a quorum ACKed NEWLEADER, a learner after UPTODATE);
 * otherwise a client's connect request is closed, as a server whose `ZooKeeperServer` is
 * not running does.
 *
 * Durable state (`TxnLogStore`) is read once at start: the snapshot and the whole log are
 * replayed, committed or not (zab.md §1), and the server starts LOOKING. Leaving a role
 * closes the role's connections and client connections, fast-forwards the tree over the
 * logged tail (`fastForwardDataBase`) and starts a new election.
 *
 * Trace: the `zab.*` events of `events.ts`, plus the role servers' txn/session/watch events.
 * Imports the kernel contract (types), zk and zab modules. No clock, no randomness except
 * through the `NodeContext`.
 */
import type { Effect, Input, NodeContext, NodeId, SimNode } from '../sim/types.ts';
import type { ServerConfig, ZooKeeperServer } from '../zk/server.ts';
import { epochOf, hex } from '../zk/txn.ts';
import type { LoggedTxn } from '../zk/txn.ts';
import { ZKDatabase } from '../zk/zk-database.ts';
import type { ZabConfig } from './config.ts';
import { FastLeaderElection } from './election.ts';
import type { PeerEvent, ServerState, ZabEvent, ZabPhase } from './events.ts';
import { Leader } from './leader.ts';
import { Learner } from './learner.ts';
import type { Notification, PeerMessage, QuorumPacket } from './messages.ts';
import type { MutantName } from './mutants.ts';
import type { PeerServices } from './peer-services.ts';
import type { QuorumVerifier } from './quorum.ts';
import { TxnLogStore } from './txn-log.ts';
import { txnLabel } from './txn-label.ts';
import { sidOf } from './vote.ts';
import type { Vote } from './vote.ts';

export interface QuorumPeerOptions {
  readonly qv: QuorumVerifier;
  readonly config: ZabConfig;
  readonly mutant?: MutantName;
}

type RoleStep = (input: Input<unknown>) => void;

export class QuorumPeer implements SimNode<unknown>, PeerServices {
  readonly id: NodeId;
  readonly qv: QuorumVerifier;
  readonly config: ZabConfig;
  readonly mutant: MutantName | undefined;
  readonly store = new TxnLogStore();
  readonly db: ZKDatabase;
  state: ServerState = 'LOOKING';
  phase: ZabPhase = 'ELECTION';
  readonly election: FastLeaderElection;
  leader: Leader | null = null;
  learner: Learner | null = null;
  /** The role server while this server serves clients. */
  zks: ZooKeeperServer | null = null;
  out: Effect[] = [];
  private ctx: NodeContext | null = null;
  private roleStep: RoleStep;
  private readonly links = new Map<NodeId, 'connecting' | 'open'>();
  /** At most one notification waits per peer (`QuorumCnxManager`'s send queue of capacity 1). */
  private readonly outbox = new Map<NodeId, Notification>();
  private readonly clientConns = new Set<NodeId>();
  private abandonReason: string | null = null;
  private txnsSinceSnapshot = 0;
  private nextSnapshotAfter = 0;

  constructor(id: NodeId, options: QuorumPeerOptions) {
    this.id = id;
    this.qv = options.qv;
    this.config = options.config;
    this.mutant = options.mutant;
    this.db = new ZKDatabase(this.config.commitLogCount);
    this.election = new FastLeaderElection({
      self: id,
      qv: this.qv,
      finalizeWaitMs: this.config.finalizeWaitMs,
      maxNotificationIntervalMs: this.config.maxNotificationIntervalMs,
      mutant: this.mutant,
      now: () => this.now(),
      state: () => this.state,
      lastLoggedZxid: () => this.store.lastLoggedZxid(),
      currentEpoch: () => this.store.currentEpoch,
      send: (to, n) => this.sendNotification(to, n),
      setTimer: (name, ms) => this.setTimer(name, ms),
      cancelTimer: (name) => this.cancelTimer(name),
      trace: (e) => this.trace(e),
      decide: (state, vote) => this.decide(state, vote),
    });
    this.roleStep = this.stepLooking;
  }

  /** The server id's number (`myid`). */
  get sid(): number {
    return sidOf(this.id);
  }

  /** Does this server serve clients now? */
  get serving(): boolean {
    return this.zks !== null;
  }

  get abandoning(): boolean {
    return this.abandonReason !== null;
  }

  // ---- the node -------------------------------------------------------------------------

  step(input: Input<unknown>, ctx: NodeContext): Effect[] {
    this.ctx = ctx;
    const out: Effect[] = [];
    this.out = out;
    this.zks?.bind(ctx, out);
    if (input.kind === 'start') this.boot();
    else if (input.kind === 'request') {
      // Outside requests are not part of the protocol.
    } else if (input.kind === 'timer') this.onTimer(input.name);
    else if (this.isServer(input.kind === 'message' ? input.from : input.peer)) this.onPeerInput(input);
    else this.onClientInput(input);
    if (this.abandonReason !== null) this.finishAbandon();
    this.zks?.armTimers();
    this.out = [];
    return out;
  }

  private isServer(id: NodeId | undefined): boolean {
    return id !== undefined && (this.qv.isVoter(id) || this.qv.observers.includes(id));
  }

  private boot(): void {
    const ctx = this.ctx!;
    this.store.load(ctx);
    this.store.restoreInto(this.db);
    this.nextSnapshotAfter = this.snapInterval();
    this.trace({
      type: 'server.start',
      zxid: hex(this.db.lastProcessedZxid),
      replayed: this.store.size,
      acceptedEpoch: this.store.acceptedEpoch,
      currentEpoch: this.store.currentEpoch,
    });
    if (this.store.acceptedEpoch < this.store.currentEpoch || epochOf(this.store.lastLoggedZxid()) > this.store.currentEpoch) {
      this.trace({ type: 'zab.error', reason: 'loadDataBase: epochs inconsistent with the log' });
    }
    this.becomeLooking();
  }

  private snapInterval(): number {
    const half = Math.max(1, Math.floor(this.config.snapCount / 2));
    return half + (this.ctx ? this.ctx.randomInt(half) : 0);
  }

  // ---- inputs -----------------------------------------------------------------------------

  private onPeerInput(input: Input<unknown>): void {
    switch (input.kind) {
      case 'connected':
        this.links.set(input.peer, 'open');
        this.flushOutbox(input.peer);
        break;
      case 'connectFailed':
        // A refusal of an earlier attempt can arrive after the peer opened a connection to us.
        if (this.links.get(input.peer) === 'open') return;
        this.links.delete(input.peer);
        this.outbox.delete(input.peer);
        break;
      case 'disconnected':
        this.links.delete(input.peer);
        this.outbox.delete(input.peer);
        break;
      case 'message': {
        const msg = input.msg as PeerMessage;
        if (msg.type === 'NOTIFICATION') {
          this.election.receive(msg);
          return;
        }
        break;
      }
      default:
        break;
    }
    this.roleStep(input);
  }

  private onClientInput(input: Input<unknown>): void {
    if (input.kind === 'start' || input.kind === 'timer' || input.kind === 'request') return;
    const peer = input.kind === 'message' ? input.from : input.peer;
    if (input.kind === 'connected') this.clientConns.add(peer);
    if (input.kind === 'disconnected' || input.kind === 'connectFailed') this.clientConns.delete(peer);
    if (this.zks !== null) {
      if (input.kind === 'message' && !this.zks.hasCnxn(peer) && this.clientConns.has(peer)) this.zks.handle({ kind: 'connected', peer });
      this.zks.handle(input);
      return;
    }
    if (input.kind === 'message') {
      // Not serving: "ZooKeeperServer not running" — close the client's connection.
      this.trace({ type: 'cnxn.notServing', peer, state: this.state });
      this.clientConns.delete(peer);
      this.out.push({ kind: 'disconnect', to: peer });
    }
  }

  private onTimer(name: string): void {
    if (name.startsWith('zk.')) this.zks?.handle({ kind: 'timer', name });
    else if (name.startsWith('fle.')) this.election.onTimer(name);
    else this.roleStep({ kind: 'timer', name });
  }

  // ---- one step function per role ---------------------------------------------------------

  /** LOOKING: election only; a learner knocking on the quorum port is refused. */
  private readonly stepLooking: RoleStep = (input) => {
    if (input.kind === 'message') this.refuseLearner(input.from, input.msg as QuorumPacket);
  };

  private readonly stepLeading: RoleStep = (input) => {
    const leader = this.leader!;
    switch (input.kind) {
      case 'message':
        leader.onPacket(input.from, input.msg as QuorumPacket);
        break;
      case 'disconnected':
        leader.onDisconnected(input.peer);
        break;
      case 'timer':
        leader.onTimer(input.name);
        break;
      default:
        break;
    }
  };

  private readonly stepFollowing: RoleStep = (input) => this.stepLearner(input);

  private readonly stepObserving: RoleStep = (input) => this.stepLearner(input);

  private stepLearner(input: Input<unknown>): void {
    const learner = this.learner!;
    switch (input.kind) {
      case 'message':
        if (input.from === learner.leader) learner.onPacket(input.from, input.msg as QuorumPacket);
        else this.refuseLearner(input.from, input.msg as QuorumPacket);
        break;
      case 'connected':
        learner.onConnected(input.peer);
        break;
      case 'connectFailed':
        learner.onConnectFailed(input.peer);
        break;
      case 'disconnected':
        learner.onDisconnected(input.peer);
        break;
      case 'timer':
        learner.onTimer(input.name);
        break;
      default:
        break;
    }
  }

  private refuseLearner(from: NodeId, msg: QuorumPacket): void {
    if (msg.type === 'FOLLOWERINFO' || msg.type === 'OBSERVERINFO') this.send(from, { type: 'REFUSED' });
  }

  // ---- role changes -------------------------------------------------------------------------

  private setState(state: ServerState, step: RoleStep): void {
    this.state = state;
    this.roleStep = step;
    this.election.setCurrentState(state);
  }

  private becomeLooking(): void {
    this.setState('LOOKING', this.stepLooking);
    this.setZabState('ELECTION', this.store.currentEpoch);
    this.election.lookForLeader();
  }

  /** FLE decided. */
  private decide(state: 'LEADING' | 'FOLLOWING' | 'OBSERVING', vote: Vote): void {
    if (state === 'LEADING') {
      this.setState('LEADING', this.stepLeading);
      this.leader = new Leader(this);
      this.leader.lead();
      return;
    }
    this.setState(state, state === 'FOLLOWING' ? this.stepFollowing : this.stepObserving);
    this.learner = new Learner(this, vote.leader!, state === 'OBSERVING');
    this.learner.start();
  }

  abandon(reason: string): void {
    if (this.abandonReason === null) this.abandonReason = reason;
  }

  exit(code: number, reason: string): void {
    this.trace({ type: 'server.exit', code, reason });
    this.out.push({ kind: 'exit' });
  }

  /** Leave the role: shut it down, close client connections, fast-forward, LOOKING. */
  private finishAbandon(): void {
    const reason = this.abandonReason!;
    this.abandonReason = null;
    this.trace({ type: 'zab.shutdown', reason });
    this.leader?.shutdown();
    this.learner?.shutdown();
    this.leader = null;
    this.learner = null;
    this.zks?.shutdown();
    this.zks = null;
    for (const c of this.clientConns) this.out.push({ kind: 'disconnect', to: c });
    this.clientConns.clear();
    // fastForwardDataBase: the tree catches up with the logged tail (committed or not).
    for (const e of this.store.entriesAfter(this.db.lastProcessedZxid)) this.db.processTxn(e);
    this.becomeLooking();
  }

  startServing(zks: ZooKeeperServer): void {
    this.zks = zks;
    zks.bind(this.ctx!, this.out);
    zks.startServing();
    for (const c of this.clientConns) zks.handle({ kind: 'connected', peer: c });
  }

  updateElectionVote(epoch: number): void {
    this.election.updateElectionVote(epoch);
  }

  // ---- PeerServices ---------------------------------------------------------------------------

  now(): number {
    return this.ctx?.now ?? 0;
  }

  trace(event: ZabEvent | PeerEvent): void {
    this.out.push({ kind: 'trace', event });
  }

  setTimer(name: string, afterMs: number): void {
    this.out.push({ kind: 'setTimer', name, afterMs: Math.max(0, Math.floor(afterMs)) });
  }

  cancelTimer(name: string): void {
    this.out.push({ kind: 'cancelTimer', name });
  }

  setZabState(phase: ZabPhase, epoch: number): void {
    this.phase = phase;
    this.trace({ type: 'zab.state', state: this.state, phase, epoch });
  }

  send(to: NodeId, packet: QuorumPacket): void {
    this.out.push({ kind: 'send', to, msg: packet });
  }

  private sendNotification(to: NodeId, n: Notification): void {
    if (this.links.get(to) === 'open') {
      this.out.push({ kind: 'send', to, msg: n });
      return;
    }
    this.outbox.set(to, n);
    this.ensureConnection(to);
  }

  private flushOutbox(peer: NodeId): void {
    const n = this.outbox.get(peer);
    if (n === undefined) return;
    this.outbox.delete(peer);
    this.out.push({ kind: 'send', to: peer, msg: n });
  }

  ensureConnection(to: NodeId): boolean {
    const link = this.links.get(to);
    if (link === 'open') return true;
    if (link === undefined) {
      this.links.set(to, 'connecting');
      this.out.push({ kind: 'connect', to });
    }
    return false;
  }

  disconnect(to: NodeId): void {
    if (!this.links.has(to)) return;
    this.links.delete(to);
    this.outbox.delete(to);
    this.out.push({ kind: 'disconnect', to });
  }

  serverConfig(): ServerConfig {
    return { ...this.config.server, tickTime: this.config.tickTime, serverId: this.sid, commitLogCount: this.config.commitLogCount, snapCount: this.config.snapCount };
  }

  /** Append to the durable log (`SyncRequestProcessor`: log, fsync). */
  logTxn(entry: LoggedTxn): void {
    this.store.append(entry, this.out);
    this.txnsSinceSnapshot++;
    this.trace({ type: 'zab.log', zxid: hex(entry.hdr.zxid) });
  }

  /** A committed txn was applied: report it delivered; snapshot when due. */
  onApplied(entry: LoggedTxn): void {
    const zxid = entry.hdr.zxid;
    if (zxid > this.store.delivered) {
      this.trace({ type: 'zab.deliver', zxid: hex(zxid), txn: txnLabel(entry), record: entry });
      this.store.delivered = zxid;
    }
    if (this.txnsSinceSnapshot >= this.nextSnapshotAfter && this.store.delivered === this.db.lastProcessedZxid) {
      this.store.saveSnapshot(this.db.snapshot(), this.db.lastProcessedZxid, this.out, true);
      this.trace({ type: 'snapshot', zxid: hex(this.db.lastProcessedZxid) });
      this.txnsSinceSnapshot = 0;
      this.nextSnapshotAfter = this.snapInterval();
    }
  }

  deliverHistory(upTo: bigint): void {
    if (upTo <= this.store.delivered) return;
    // The log has every txn after `logBase`: report those one by one; what came before it
    // (a SNAP never reported) only the snapshot can tell.
    const snap = this.store.snapshot;
    if (snap !== null && this.store.delivered < this.store.logBase && this.store.delivered < snap.zxid && snap.zxid <= upTo) {
      this.trace({ type: 'zab.snapshot', zxid: hex(snap.zxid), tree: snap.database.tree });
      this.store.delivered = snap.zxid;
    }
    for (const e of this.store.entriesAfter(this.store.delivered)) {
      if (e.hdr.zxid > upTo) break;
      this.trace({ type: 'zab.deliver', zxid: hex(e.hdr.zxid), txn: txnLabel(e), record: e });
      this.store.delivered = e.hdr.zxid;
    }
  }
}
