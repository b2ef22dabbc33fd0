/**
 * Turns a raw record (stats with bigint zxids and session ids, data as bytes) into the
 * normalized record of the conformance README: zxids → ranks (over every stat outside
 * `server`), ephemeralOwner → session labels (`c1`, `c1#2`, `none`), data → string /
 * base64 / {length, sha256}, ACL perms → `cdrwa` letters. Pure; imports zk helpers only.
 */
import { permsToString } from '../zk/acl.ts';
import type { ACL } from '../zk/acl.ts';
import { base64Encode, isValidUtf8, utf8Decode } from '../zk/bytes.ts';
import type { Stat } from '../zk/stat.ts';
import { sha256Hex } from './sha256.ts';

/** A raw stat marker so normalization can find stats anywhere in a result. */
export interface RawStat {
  readonly __stat: Stat;
}

/** Normalized data value. */
export type NormData = string | null | { base64: string } | { length: number; sha256: string };

/** The README's data normalization. */
export function normalizeData(d: Uint8Array | null): NormData {
  if (d === null) return null;
  if (d.length <= 512 && isValidUtf8(d)) return utf8Decode(d);
  if (d.length <= 64) return { base64: base64Encode(d) };
  return { length: d.length, sha256: sha256Hex(d) };
}

/** ACL entries as records print them. */
export function normalizeAcl(acl: readonly ACL[]): { perms: string; scheme: string; id: string }[] {
  return acl.map((a) => ({ perms: permsToString(a.perms), scheme: a.id.scheme, id: a.id.id }));
}

function isRawStat(v: unknown): v is RawStat {
  return typeof v === 'object' && v !== null && '__stat' in v;
}

function collectZxids(v: unknown, out: Set<bigint>, inServer: boolean): void {
  if (Array.isArray(v)) {
    for (const x of v) collectZxids(x, out, inServer);
    return;
  }
  if (isRawStat(v)) {
    if (!inServer) for (const z of [v.__stat.czxid, v.__stat.mzxid, v.__stat.pzxid]) if (z !== 0n) out.add(z);
    return;
  }
  if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) {
    for (const [k, x] of Object.entries(v)) collectZxids(x, out, inServer || k === 'server');
  }
}

/**
 * Normalize a raw record in place of its stats and data. `owners` labels session ids.
 * Returns the record plus `zxidOffsets`.
 */
export function normalizeRecord<T>(raw: T, owners: ReadonlyMap<bigint, string>): { record: unknown; zxidOffsets: Record<string, number> } {
  const all = new Set<bigint>();
  collectZxids(raw, all, false);
  const sorted = [...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rank = new Map<bigint, number>(sorted.map((z, i) => [z, i + 1]));
  const zxidOffsets: Record<string, number> = {};
  sorted.forEach((z, i) => (zxidOffsets[String(i + 1)] = Number(z - sorted[0]!)));
  const rankOf = (z: bigint): number => (z === 0n ? 0 : rank.get(z) ?? -1);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (isRawStat(v)) {
      const s = v.__stat;
      const owner = s.ephemeralOwner === 0n ? 'none' : owners.get(s.ephemeralOwner) ?? '0x' + s.ephemeralOwner.toString(16);
      return {
        czxid: rankOf(s.czxid),
        mzxid: rankOf(s.mzxid),
        pzxid: rankOf(s.pzxid),
        version: s.version,
        cversion: s.cversion,
        aversion: s.aversion,
        ephemeralOwner: owner,
        dataLength: s.dataLength,
        numChildren: s.numChildren,
      };
    }
    if (v instanceof Uint8Array) return normalizeData(v);
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'object' && v !== null) {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (x !== undefined) o[k] = walk(x);
      return o;
    }
    return v;
  };
  return { record: walk(raw), zxidOffsets };
}
