/**
 * A picture of one server's data tree at one moment, as plain data a view can draw.
 *
 * Views never hold live protocol objects: they receive snapshots like these, derived from
 * the simulation, and draw them. zxids and session ids are 64-bit values, so they travel as
 * strings (decimal for zxids, `0x…` hex for session ids) and are never rounded to a
 * JavaScript number. Imports nothing.
 */

export interface StatSnapshot {
  czxid: string;
  mzxid: string;
  pzxid: string;
  /** Virtual milliseconds (the simulation's clock). */
  ctime: number;
  mtime: number;
  version: number;
  cversion: number;
  aversion: number;
  /** `0x0` for persistent nodes (and for container and TTL nodes, as ZooKeeper reports). */
  ephemeralOwner: string;
  dataLength: number;
  numChildren: number;
}

export interface ZnodeSnapshot {
  path: string;
  /** Last path segment; `/` for the root. */
  name: string;
  /** Parent path; null for the root. */
  parent: string | null;
  /** Data decoded as UTF-8, or null when the node holds null data. */
  data: string | null;
  stat: StatSnapshot;
  /** EPHEMERAL, CONTAINER, TTL or PERSISTENT (the kind, not the create mode's sequential bit). */
  kind: 'PERSISTENT' | 'EPHEMERAL' | 'CONTAINER' | 'TTL';
}

/** The outcome of one command in a scripted figure. */
export interface CommandStep {
  command: string;
  /** `ok`, or the KeeperException code name the server (or client) answered with. */
  result: 'ok' | string;
  /** A one-line account, e.g. "created /app/w-0000000001" or "BADVERSION: expected 3, node has 1". */
  message: string;
  /** The tree after this command. */
  tree: ZnodeSnapshot[];
  /** Paths created, changed or deleted by this command. */
  changed: string[];
}
