/**
 * Znode metadata: the client-visible `Stat`, the stored `StatPersisted` (with the *internal*
 * cversion = number of child creations), `DataNode.copyStat` (visible cversion =
 * 2·internal − numChildren), create modes (`CreateMode`) and the `ephemeralOwner` encoding
 * (`EphemeralType`). zxids and owners are 64-bit: always `bigint`. Pure; imports nothing.
 */

/** The stat a client sees (Java's `Stat`). zxids and `ephemeralOwner` are 64-bit `bigint`s. */
export interface Stat {
  /** zxid of the transaction that created the node. */
  czxid: bigint;
  /** zxid of the last successful setData (or the create). */
  mzxid: bigint;
  /** Time (virtual ms) of creation. */
  ctime: number;
  /** Time (virtual ms) of the last setData (or the create). */
  mtime: number;
  /** Number of setData calls since creation. */
  version: number;
  /** Visible child version: child creates + child deletes (2·creates − numChildren). */
  cversion: number;
  /** Number of setACL calls since creation. */
  aversion: number;
  /** Owning session id for an ephemeral node, else 0 (also for containers and TTL nodes). */
  ephemeralOwner: bigint;
  /** Length of the data (0 for null and for empty data). */
  dataLength: number;
  /** Number of children. */
  numChildren: number;
  /** zxid of the last create or delete of a direct child (or the create of the node). */
  pzxid: bigint;
}

/**
 * What the server stores (`StatPersisted`): the Stat without the two counts it derives
 * (dataLength, numChildren); `cversion` here is the internal creation count.
 */
export type StatPersisted = Omit<Stat, 'dataLength' | 'numChildren'>;

/** `DataTree.createStat`. */
export function createStat(zxid: bigint, time: number, ephemeralOwner: bigint): StatPersisted {
  return { czxid: zxid, mzxid: zxid, ctime: time, mtime: time, version: 0, cversion: 0, aversion: 0, ephemeralOwner, pzxid: zxid };
}

/** `DataNode.copyStat`: the client's view of a stored stat. */
export function copyStat(s: StatPersisted, data: Uint8Array | null, numChildren: number): Stat {
  return {
    czxid: s.czxid,
    mzxid: s.mzxid,
    ctime: s.ctime,
    mtime: s.mtime,
    version: s.version,
    cversion: s.cversion * 2 - numChildren,
    aversion: s.aversion,
    ephemeralOwner: clientEphemeralOwner(s.ephemeralOwner),
    dataLength: data === null ? 0 : data.length,
    numChildren,
    pzxid: s.pzxid,
  };
}

/** What a create mode makes (`org.apache.zookeeper.CreateMode`'s fields). */
export interface CreateModeInfo {
  /** The wire flag (`CreateMode.toFlag`). */
  readonly flag: number;
  readonly ephemeral: boolean;
  readonly sequential: boolean;
  readonly container: boolean;
  readonly ttl: boolean;
}

/** The create mode names, as the reader writes them (`CreateMode.EPHEMERAL`). */
export const CreateMode = {
  PERSISTENT: 'PERSISTENT',
  EPHEMERAL: 'EPHEMERAL',
  PERSISTENT_SEQUENTIAL: 'PERSISTENT_SEQUENTIAL',
  EPHEMERAL_SEQUENTIAL: 'EPHEMERAL_SEQUENTIAL',
  CONTAINER: 'CONTAINER',
  PERSISTENT_WITH_TTL: 'PERSISTENT_WITH_TTL',
  PERSISTENT_SEQUENTIAL_WITH_TTL: 'PERSISTENT_SEQUENTIAL_WITH_TTL',
} as const;
/** A create mode name. */
export type CreateMode = (typeof CreateMode)[keyof typeof CreateMode];

/**
 * The create modes, one row each, shaped like the Java enum (3.8 `CreateMode.java`): the
 * server, both clients, the workloads and the zkCli figures read this one table.
 */
export const CREATE_MODES: Readonly<Record<CreateMode, CreateModeInfo>> = {
  PERSISTENT: { flag: 0, ephemeral: false, sequential: false, container: false, ttl: false },
  EPHEMERAL: { flag: 1, ephemeral: true, sequential: false, container: false, ttl: false },
  PERSISTENT_SEQUENTIAL: { flag: 2, ephemeral: false, sequential: true, container: false, ttl: false },
  EPHEMERAL_SEQUENTIAL: { flag: 3, ephemeral: true, sequential: true, container: false, ttl: false },
  CONTAINER: { flag: 4, ephemeral: false, sequential: false, container: true, ttl: false },
  PERSISTENT_WITH_TTL: { flag: 5, ephemeral: false, sequential: false, container: false, ttl: true },
  PERSISTENT_SEQUENTIAL_WITH_TTL: { flag: 6, ephemeral: false, sequential: true, container: false, ttl: true },
};

const MODE_NAMES = Object.keys(CREATE_MODES) as CreateMode[];

/** The wire flag of a mode. */
export function createModeFlag(mode: CreateMode): number {
  return CREATE_MODES[mode].flag;
}

/** `CreateMode.fromFlag`; `undefined` for an unknown flag (server: BADARGUMENTS). */
export function createModeFromFlag(flag: number): CreateMode | undefined {
  return MODE_NAMES.find((m) => CREATE_MODES[m].flag === flag);
}

/** The mode with these properties (zkCli's `-e -s -c -t`), or undefined when no mode has them. */
export function createModeOf(want: Omit<CreateModeInfo, 'flag'>): CreateMode | undefined {
  return MODE_NAMES.find((m) => {
    const i = CREATE_MODES[m];
    return i.ephemeral === want.ephemeral && i.sequential === want.sequential && i.container === want.container && i.ttl === want.ttl;
  });
}

/** The create opcode `ZooKeeper.create` sends for a mode: createContainer, createTTL, else create2 (with a stat) or create. */
export function createOpcodeFor(mode: CreateMode, withStat: false): 'create' | 'createContainer' | 'createTTL';
export function createOpcodeFor(mode: CreateMode, withStat: boolean): 'create' | 'create2' | 'createContainer' | 'createTTL';
export function createOpcodeFor(mode: CreateMode, withStat: boolean): 'create' | 'create2' | 'createContainer' | 'createTTL' {
  const i = CREATE_MODES[mode];
  return i.container ? 'createContainer' : i.ttl ? 'createTTL' : withStat ? 'create2' : 'create';
}

/** `EphemeralType.TTL.maxValue`: 2^40 − 1 ms. */
export const MAX_TTL = 1099511627775;

/** `EphemeralType.validateTTL`: the problem with (mode, ttl) or null; ttl −1 = "no TTL". */
export function ttlProblem(mode: CreateMode, ttl: number): string | null {
  if (CREATE_MODES[mode].ttl) {
    if (!(ttl >= 1 && ttl <= MAX_TTL)) return `ttl must be greater than or equal to 1 and less than or equal to ${MAX_TTL}`;
    return null;
  }
  if (ttl >= 0) return `ttl not valid for mode: ${mode}`;
  return null;
}

const MASK64 = (1n << 64n) - 1n;
/** `EphemeralType.CONTAINER_EPHEMERAL_OWNER` = Long.MIN_VALUE, as an unsigned 64-bit value. */
export const CONTAINER_EPHEMERAL_OWNER = 0x8000000000000000n;
const TTL_MASK = 0xff00000000000000n;

/** Kinds of `ephemeralOwner` values (`EphemeralType`, extended types enabled). */
export type EphemeralType = 'VOID' | 'NORMAL' | 'CONTAINER' | 'TTL';

/** `EphemeralType.get(owner)` with extended types enabled. */
export function ephemeralType(owner: bigint): EphemeralType {
  const o = owner & MASK64;
  if (o === 0n) return 'VOID';
  if (o === CONTAINER_EPHEMERAL_OWNER) return 'CONTAINER';
  if ((o & TTL_MASK) === TTL_MASK) return 'TTL';
  return 'NORMAL';
}

/** `EphemeralType.TTL.toEphemeralOwner(ttl)`. */
export function ttlEphemeralOwner(ttl: number): bigint {
  return TTL_MASK | BigInt(ttl);
}

/** The TTL stored in a TTL node's owner word. */
export function ttlOf(owner: bigint): number {
  return Number(owner & 0x00ffffffffffffffn);
}

/** `DataNode.getClientEphemeralOwner`: containers and TTL nodes report 0. */
export function clientEphemeralOwner(owner: bigint): bigint {
  const t = ephemeralType(owner);
  return t === 'CONTAINER' || t === 'TTL' ? 0n : owner;
}
