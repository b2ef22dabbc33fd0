/**
 * What the conformance runner (`runner.ts`) needs from the place a scenario runs: the
 * `ConformanceTarget` contract. The runner owns the scenario steps, the event queues and the
 * record; a target owns the servers and the clock: how a client connects to server i, how
 * time passes (`sleep`), what "every notification has been delivered" means (`waitEvents`),
 * how a client is cut off until its session expires (`expireSession`), and what is left to
 * release after the last step. Two implementations: `sim-target.ts` (a fresh simulation per
 * scenario, virtual time; pure) and `node/targets/conformance-target.ts` (real ZooKeeper
 * servers over the wire client, real time; Node only).
 *
 * Types only: imports the client API types and the scenario type; no Node, no simulation.
 */
import type { Watcher, ZooKeeperClient } from '../client/zookeeper.ts';
import type { Scenario } from './scenario.ts';

/** A client handle of either target (both `SimZooKeeper` and `RealZooKeeper` are one). */
export interface TargetClient extends ZooKeeperClient {
  /** Resolves once the session is established; rejects if the handle dies first. */
  whenConnected(): Promise<void>;
}

/** What a `connect` step asks for. */
export interface TargetConnect {
  /** The scenario's client name (`c1`, ...). */
  readonly client: string;
  /** The step's `server` (0-based; 0 when absent). */
  readonly server: number;
  readonly sessionTimeoutMs: number;
  /** The default watcher; the runner queues what it receives. */
  readonly watcher: Watcher;
}

/** How a run ended: `null` when the body finished, else why it did not (stuck, error). */
export type DriveFailure = string | null;

/**
 * Where scenarios run. The runner calls, per scenario: `begin`, then `drive` with a body
 * that performs the steps through `connect` / `sleep` / `waitEvents` / `expireSession`,
 * then `finish`. A target may be reused for the next scenario after `finish`.
 */
export interface ConformanceTarget<H extends TargetClient = TargetClient> {
  /**
   * Give the scenario a fresh tree (only `/`, `/zookeeper`, `/zookeeper/quota`,
   * `/zookeeper/config`, no sessions) and return the record's `source` text.
   */
  begin(scenario: Scenario): Promise<string>;
  /** Run the body in the target's time (the simulation's async driver, or just await it). */
  drive(body: () => Promise<void>): Promise<DriveFailure>;
  /** A new handle (a new session) connecting to server `server`; the runner awaits `whenConnected`. */
  connect(request: TargetConnect): H;
  /** Let `ms` milliseconds pass. */
  sleep(ms: number): Promise<void>;
  /**
   * Wait `ms`, then until every notification caused by earlier steps has been delivered to
   * the given handles (the ones opened in this scenario).
   */
  waitEvents(ms: number, handles: readonly H[]): Promise<void>;
  /**
   * Cut the client's connection without closing its session and keep it away until the
   * servers have expired the session; resolve once the handle has reconnected and learned
   * that (state `CLOSED`).
   */
  expireSession(client: string, handle: H): Promise<void>;
  /** After the record is complete: release what the scenario left (close its sessions). */
  finish(handles: readonly H[]): Promise<void>;
}
