/**
 * The client-facing server a quorum peer runs in each role, on the peer's `ZKDatabase`
 * (ZooKeeper's `LeaderZooKeeperServer`, `FollowerZooKeeperServer`, `ObserverZooKeeperServer`):
 *
 * - leader: prepares every write (its own clients' and those its learners forward), hands
 *   the txn to Zab (`propose`), is the authority for sessions (`SessionTrackerImpl` with its
 *   `ExpiryQueue`, re-armed from the committed session table when the leader starts), and
 *   runs the container/TTL reaper;
 * - learner (follower or observer): forwards writes and `sync` to the leader as REQUEST,
 *   serves reads locally, validates reconnecting sessions with REVALIDATE, and records
 *   session touches for its PING replies (`LearnerSessionTracker`).
 *
 * A new instance starts each time the peer starts serving, and `shutdown` closes every
 * client connection when the role ends. Imports the zk server and zab types.
 */
import type { NodeId } from '../sim/types.ts';
import type { ServerRequest } from '../zk/prep-request-processor.ts';
import { LearnerSessionTracker } from '../zk/session-tracker.ts';
import type { ServerSessionTracker } from '../zk/session-tracker.ts';
import { ZooKeeperServer } from '../zk/server.ts';
import type { Cnxn, ServerConfig } from '../zk/server.ts';
import type { LoggedTxn } from '../zk/txn.ts';
import type { ZKDatabase } from '../zk/zk-database.ts';

/** What the role servers ask of Zab. */
export interface ZabLink {
  /** Leader: broadcast a prepared txn. */
  propose(entry: LoggedTxn): void;
  /** Learner: send a client's write / sync / createSession to the leader. */
  forward(r: ServerRequest): void;
  /** Learner: ask the leader whether a session is alive. */
  revalidate(sessionId: bigint, timeout: number): void;
  /** Any role: a committed txn was applied (the peer reports delivery). */
  applied(entry: LoggedTxn): void;
  /** Learner: answer `sync` from the leader (false under the `stale-sync` mutant). */
  readonly syncViaLeader: boolean;
}

export class LeaderZooKeeperServer extends ZooKeeperServer {
  private readonly zab: ZabLink;
  private readonly epoch: number;

  constructor(id: NodeId, config: ServerConfig, db: ZKDatabase, zab: ZabLink, epoch: number) {
    super(id, config, db);
    this.zab = zab;
    this.epoch = epoch;
  }

  protected override initialZxid(): bigint {
    return BigInt(this.epoch) << 32n;
  }

  protected override propose(entry: LoggedTxn): void {
    this.zab.propose(entry);
  }

  protected override afterApply(entry: LoggedTxn): void {
    this.zab.applied(entry);
  }

  /** A learner forwarded a client request (`submitLearnerRequest`): prepare and propose it. */
  submitLearnerRequest(r: ServerRequest): void {
    if (r.req.op === 'createSession') this.sessions.addSession(r.sessionId, r.req.timeOut, this.now());
    this.prp!.prepare(r);
    if (r.txn !== undefined && r.hdr !== undefined) this.zab.propose({ hdr: r.hdr, txn: r.txn });
  }

  /** A learner's PING reply touched these sessions. */
  touch(sessionId: bigint, timeout: number): void {
    this.sessions.touchSession(sessionId, timeout, this.now());
  }

  /** REVALIDATE from `learner` (`Leader.revalidateSession`): if valid, that learner owns it now. */
  revalidate(sessionId: bigint, timeout: number, learner: NodeId): boolean {
    const valid = this.sessions.touchSession(sessionId, timeout, this.now());
    if (valid) this.sessions.setOwner(sessionId, learner);
    return valid;
  }
}

export class LearnerZooKeeperServer extends ZooKeeperServer {
  private readonly zab: ZabLink;

  constructor(id: NodeId, config: ServerConfig, db: ZKDatabase, zab: ZabLink) {
    super(id, config, db);
    this.zab = zab;
  }

  protected override createSessionTracker(now: number): ServerSessionTracker {
    return new LearnerSessionTracker(this.cfg.serverId, now, this.db.sessionsWithTimeouts);
  }

  protected override prepsLocally(): boolean {
    return false;
  }

  protected override forward(r: ServerRequest): void {
    this.zab.forward(r);
  }

  protected override revalidateSession(c: Cnxn): void {
    this.zab.revalidate(c.sessionId, c.timeout);
  }

  protected override syncsViaLeader(): boolean {
    return this.zab.syncViaLeader;
  }

  protected override reaps(): boolean {
    return false;
  }

  protected override afterApply(entry: LoggedTxn): void {
    this.zab.applied(entry);
  }

  /** The touch table for the next PING reply. */
  takeTouches(): [bigint, number][] {
    return (this.sessions as LearnerSessionTracker).takeTouches();
  }
}
