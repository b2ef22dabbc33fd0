/**
 * A picture of one server's data tree at one moment, as plain data a view can draw.
 *
 * Views never hold live protocol objects: they receive snapshots like these, derived from
 * the simulation, and draw them. zxids and session ids are 64-bit values, so they travel as
 * strings (decimal or `0x…` hex for zxids, as the figure chooses; hex for session ids) and
 * are never rounded to a JavaScript number. `treeToSnapshot` is the one conversion from a
 * server's DataTree, used by the command figures and the live trees alike.
 * Imports zk's data tree, bytes and stat helpers only.
 */
import type { DataTree } from '../zk/data-tree.ts';
import { utf8Decode } from '../zk/bytes.ts';
import { ephemeralType } from '../zk/stat.ts';

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

/** How a figure writes zxids: decimal (small, readable counters) or `0x…` (epoch visible). */
export type ZxidFormat = (zxid: bigint) => string;
export const decimalZxid: ZxidFormat = (z) => String(z);
export const hexZxid: ZxidFormat = (z) => '0x' + z.toString(16);

/** A data tree as the plain snapshot a tree view draws. */
export function treeToSnapshot(tree: DataTree, zxid: ZxidFormat): ZnodeSnapshot[] {
  return tree.paths().map((path) => {
    const node = tree.getNode(path)!;
    const stat = tree.statOf(path)!;
    const type = ephemeralType(node.stat.ephemeralOwner);
    const i = path.lastIndexOf('/');
    return {
      path,
      name: path === '/' ? '/' : path.slice(i + 1),
      parent: path === '/' ? null : i === 0 ? '/' : path.slice(0, i),
      data: node.data === null ? null : utf8Decode(node.data),
      kind: type === 'NORMAL' ? 'EPHEMERAL' : type === 'CONTAINER' ? 'CONTAINER' : type === 'TTL' ? 'TTL' : 'PERSISTENT',
      stat: {
        czxid: zxid(stat.czxid),
        mzxid: zxid(stat.mzxid),
        pzxid: zxid(stat.pzxid),
        ctime: stat.ctime,
        mtime: stat.mtime,
        version: stat.version,
        cversion: stat.cversion,
        aversion: stat.aversion,
        ephemeralOwner: '0x' + stat.ephemeralOwner.toString(16),
        dataLength: stat.dataLength,
        numChildren: stat.numChildren,
      },
    };
  });
}
