/**
 * The real conformance target: scenarios run over the wire client (`node/real`)
 * against real ZooKeeper servers given as `host:port` addresses, in real time. Scenarios
 * with `requires: ["ensemble"]` connect step server i to the i-th address (modulo their
 * number: with one address an ensemble scenario runs on that server); all others use the
 * first. Used by `npm run conformance -- --target real --servers ...` and by
 * `test/real/conformance-real.test.ts` (servers from `test/harness`).
 *
 * A fresh tree per scenario, on servers that outlive it: before each scenario `begin`
 * deletes every node except `/zookeeper`, `/zookeeper/quota` and `/zookeeper/config` (the
 * nodes a new server has), through one session authenticated as the super user (so ACLs a
 * scenario set cannot stop it), then syncs every other server the scenario uses so they
 * have applied the deletes; `finish` closes every session the scenario opened (their
 * ephemerals and watches go with them). That is the records' "tree cleaned between
 * scenarios". What cleaning cannot undo are counters of the surviving nodes (the cversion
 * and sequence counter of `/` and `/zookeeper`); no public scenario reads them except
 * `requires: ["freshServer"]` ones, for which `freshServers`, when given, replaces the
 * cleaning by brand-new servers (the test restarts its servers on empty data dirs). This
 * WIPES the servers' data: point it only at throwaway servers.
 *
 * Time is real: `sleep` is a timer; `waitEvents` waits its milliseconds and then makes one
 * `sync` round trip on every connected session, since a server sends a notification on a
 * connection before any later reply on it (so every notification of a transaction applied
 * before the sync has then been delivered); `expireSession` drops the client's TCP
 * connection and keeps it away for the negotiated timeout plus two ticks and a margin (the
 * server expires a session within timeout + one tick), then waits for the reconnect that
 * learns the session expired.
 *
 * Node only (timers, TCP through `node/real`). Imports `node/real` and the conformance
 * runner's target contract (`playground/conformance/target.ts`); never the simulation.
 */
import { createClient } from '../real/index.ts';
import type { RealZooKeeper } from '../real/index.ts';
import type { Scenario } from '../../playground/conformance/scenario.ts';
import type { ConformanceTarget, DriveFailure, TargetConnect } from '../../playground/conformance/target.ts';

/** The nodes a brand-new server has; cleaning keeps them. */
const SYSTEM_NODES = new Set(['/', '/zookeeper', '/zookeeper/quota', '/zookeeper/config']);

export interface RealTargetOptions {
  /** `host:port` of each server, in order (server i of a `connect` step). At least one. */
  readonly servers: readonly string[];
  /**
   * `user:password` of the servers' super user (`zookeeper.DigestAuthenticationProvider.superDigest`),
   * used by the cleaner. Default `super:secret`, the test harness's.
   */
  readonly superAuth?: string;
  /**
   * Brand-new servers for `requires: ["freshServer"]` scenarios: resolves with their
   * addresses (in the same order) once they serve. Without it those scenarios get a cleaned
   * tree like the others.
   */
  readonly freshServers?: () => Promise<readonly string[]>;
  /** The servers' tickTime (default 200, the records' setting); `expireSession` waits with it. */
  readonly tickTimeMs?: number;
  /** Wall-clock limit per scenario; a scenario still running then ends with a RUNNER error. Default 120 000. */
  readonly timeoutMs?: number;
  /** Called with the wall-clock ms spent preparing each scenario's tree (cleaning or restarting). */
  readonly onPrepared?: (scenario: string, how: 'cleaned' | 'fresh', ms: number) => void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function isCode(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;
}

/** How long the cleaner waits for a server to accept its session. */
const CONNECT_LIMIT_MS = 10_000;

async function open(address: string): Promise<RealZooKeeper> {
  const zk = createClient({ connectString: address, sessionTimeoutMs: 10_000, shuffle: false });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no session within ${CONNECT_LIMIT_MS} ms`)), CONNECT_LIMIT_MS);
  });
  try {
    await Promise.race([zk.whenConnected(), limit]);
  } catch (e) {
    await zk.close().catch(() => {});
    throw new Error(`cannot connect to ${address}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  } finally {
    clearTimeout(timer);
  }
  return zk;
}

/** Delete every node below `path` except the system nodes (children first, siblings in parallel). */
async function deleteBelow(zk: RealZooKeeper, path: string): Promise<void> {
  let children: string[];
  try {
    children = await zk.getChildren(path);
  } catch (e) {
    if (isCode(e, 'NONODE')) return; // reaped meanwhile (TTL, container)
    throw e;
  }
  await Promise.all(
    children.map(async (name) => {
      const child = path === '/' ? `/${name}` : `${path}/${name}`;
      await deleteBelow(zk, child);
      if (SYSTEM_NODES.has(child)) return;
      try {
        await zk.delete(child, -1);
      } catch (e) {
        if (!isCode(e, 'NONODE')) throw new Error(`cannot clean ${child}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    }),
  );
}

/**
 * Bring the servers to a fresh tree: delete everything but the system nodes through
 * `addresses[0]` as the super user, then `sync` on every other address.
 */
export async function cleanTree(addresses: readonly string[], superAuth = 'super:secret'): Promise<void> {
  const [first, ...rest] = [...new Set(addresses)];
  if (first === undefined) throw new Error('no server to clean');
  const admin = await open(first);
  try {
    await admin.addAuthInfo('digest', superAuth);
    if (admin.state !== 'CONNECTED') throw new Error(`the cleaner's session is ${admin.state} after authenticating`);
    await deleteBelow(admin, '/');
    const left = await admin.getAllChildrenNumber('/');
    if (left !== SYSTEM_NODES.size - 1) throw new Error(`${left} nodes left under / after cleaning (expected ${SYSTEM_NODES.size - 1})`);
  } finally {
    await admin.close().catch(() => {});
  }
  await Promise.all(
    rest.map(async (address) => {
      const zk = await open(address);
      try {
        await zk.sync('/');
      } finally {
        await zk.close().catch(() => {});
      }
    }),
  );
}

/** A target on real servers, reused across scenarios. */
export function realTarget(options: RealTargetOptions): ConformanceTarget<RealZooKeeper> {
  if (options.servers.length === 0) throw new Error('realTarget: no servers');
  let servers: readonly string[] = options.servers;
  let onEnsemble = false;
  const tick = options.tickTimeMs ?? 200;
  const limit = options.timeoutMs ?? 120_000;
  const addressOf = (server: number): string => (onEnsemble ? servers[server % servers.length]! : servers[0]!);
  return {
    async begin(scenario: Scenario): Promise<string> {
      onEnsemble = scenario.requires?.includes('ensemble') === true;
      const fresh = scenario.requires?.includes('freshServer') === true && options.freshServers !== undefined;
      const t0 = Date.now();
      if (fresh) servers = await options.freshServers!();
      else await cleanTree(onEnsemble ? servers : [servers[0]!], options.superAuth);
      options.onPrepared?.(scenario.name, fresh ? 'fresh' : 'cleaned', Date.now() - t0);
      const where = onEnsemble ? `ensemble ${servers.join(',')}` : `server ${servers[0]}`;
      return `Apache ZooKeeper at ${where} (${fresh ? 'fresh server' : 'tree cleaned between scenarios'})`;
    },
    async drive(body: () => Promise<void>): Promise<DriveFailure> {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<DriveFailure>((resolve) => {
        timer = setTimeout(() => resolve(`still running after ${limit} ms`), limit);
      });
      const run = body().then(
        (): DriveFailure => null,
        (e: unknown): DriveFailure => String(e),
      );
      try {
        return await Promise.race([run, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    connect(request: TargetConnect): RealZooKeeper {
      return createClient({ connectString: addressOf(request.server), sessionTimeoutMs: request.sessionTimeoutMs, watcher: request.watcher, shuffle: false });
    },
    sleep,
    async waitEvents(ms: number, handles: readonly RealZooKeeper[]): Promise<void> {
      await sleep(ms);
      await Promise.all(handles.filter((h) => h.state === 'CONNECTED').map((h) => h.sync('/').catch(() => {})));
    },
    async expireSession(_client: string, h: RealZooKeeper): Promise<void> {
      // Stay away past the negotiated timeout (the server expires the session within T + one tick).
      h.dropConnection(h.sessionTimeout + 2 * tick + 300);
      const deadline = Date.now() + h.sessionTimeout + 15_000;
      while (h.state !== 'CLOSED' && h.state !== 'AUTH_FAILED' && Date.now() < deadline) await sleep(20);
    },
    async finish(handles: readonly RealZooKeeper[]): Promise<void> {
      await Promise.all(handles.map((h) => h.close().catch(() => {})));
    },
  };
}
