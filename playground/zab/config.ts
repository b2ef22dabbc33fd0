/**
 * The settings of a simulated ensemble (`zoo.cfg` plus a few system properties), with the
 * book's defaults. Times are virtual milliseconds; limits are in ticks, as in ZooKeeper.
 *
 * The book shrinks the history sizes so that every synchronization case (DIFF from memory,
 * DIFF from the log on disk, TRUNC, SNAP) happens after a handful of writes:
 * `commitLogCount` (ZooKeeper: 500, and 3.8 refuses less), `snapCount` (ZooKeeper:
 * 100 000) and `preAllocSize` (ZooKeeper: 64 MiB). Everything else keeps ZooKeeper's value.
 * Imports only the zk server's config type.
 */
import type { ServerConfig } from '../zk/server.ts';

export interface ZabConfig {
  /** `tickTime`, ms. The sample zoo.cfg's 2000. */
  readonly tickTime: number;
  /** `initLimit`, ticks: how long discovery and synchronization may take. Sample: 10. */
  readonly initLimit: number;
  /** `syncLimit`, ticks: how long a learner may lag or stay silent. Sample: 5. */
  readonly syncLimit: number;
  /** FLE `finalizeWait` (also the first notification timeout), ms. 200. */
  readonly finalizeWaitMs: number;
  /** FLE `maxNotificationInterval`, ms: the notification timeout doubles up to this. 60 000. */
  readonly maxNotificationIntervalMs: number;
  /** Committed proposals kept in memory for DIFF (`zookeeper.commitLogCount`). Book: 8. */
  readonly commitLogCount: number;
  /** Logged txns between snapshots, randomised to snapCount/2 + rand(snapCount/2) (`zookeeper.snapCount`). Book: 16. */
  readonly snapCount: number;
  /**
   * Log files grow in steps of this many bytes (`zookeeper.preAllocSize`, KiB there;
   * ZooKeeper: 64 MiB). Book: 4 KiB. 0: no padding.
   */
  readonly preAllocSize: number;
  /**
   * A follower past the in-memory window may be brought up to date from the log on disk if
   * the log files to read take at most this fraction of the newest snapshot's bytes
   * (`zookeeper.snapshotSizeFactor`, 0.33; negative: never from the log).
   */
  readonly snapshotSizeFactor: number;
  /** A learner retries a refused connection to its leader after this long, ms (`leaderConnectDelayDuringRetryMs`). 100. */
  readonly leaderConnectDelayMs: number;
  /** Client-facing settings (session timeout bounds, TTL nodes, reaper, jute.maxbuffer). `tickTime` comes from above. */
  readonly server: Omit<ServerConfig, 'tickTime' | 'serverId' | 'commitLogCount' | 'snapCount'>;
}

export const DEFAULT_ZAB_CONFIG: ZabConfig = {
  tickTime: 2000,
  initLimit: 10,
  syncLimit: 5,
  finalizeWaitMs: 200,
  maxNotificationIntervalMs: 60000,
  commitLogCount: 8,
  snapCount: 16,
  preAllocSize: 4096,
  snapshotSizeFactor: 0.33,
  leaderConnectDelayMs: 100,
  server: {},
};

/** Defaults filled in; `server` merged field by field. Throws on nonsense. */
export function resolveZabConfig(partial: Partial<ZabConfig> = {}): ZabConfig {
  const c: ZabConfig = { ...DEFAULT_ZAB_CONFIG, ...partial, server: { ...DEFAULT_ZAB_CONFIG.server, ...(partial.server ?? {}) } };
  for (const k of ['tickTime', 'initLimit', 'syncLimit', 'finalizeWaitMs', 'maxNotificationIntervalMs', 'commitLogCount', 'snapCount', 'leaderConnectDelayMs'] as const) {
    const v = c[k];
    if (!Number.isSafeInteger(v) || v < 1) throw new Error(`ZabConfig.${k}: need a positive integer, got ${v}`);
  }
  if (c.tickTime < 2) throw new Error('ZabConfig.tickTime: need at least 2 ms (the leader pings every tickTime/2)');
  if (!Number.isSafeInteger(c.preAllocSize) || c.preAllocSize < 0) throw new Error(`ZabConfig.preAllocSize: need a non-negative integer, got ${c.preAllocSize}`);
  if (!Number.isFinite(c.snapshotSizeFactor) || c.snapshotSizeFactor > 1) throw new Error(`ZabConfig.snapshotSizeFactor: need a number up to 1 (negative turns log sync off), got ${c.snapshotSizeFactor}`);
  return c;
}
