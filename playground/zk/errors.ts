/**
 * `KeeperException` codes with their real names and numbers (`KeeperException.Code`), and
 * the error classes the client API throws. Imports nothing.
 */

/** Every code of `KeeperException.Code`, name → number. */
export const Code = {
  OK: 0,
  SYSTEMERROR: -1,
  RUNTIMEINCONSISTENCY: -2,
  DATAINCONSISTENCY: -3,
  CONNECTIONLOSS: -4,
  MARSHALLINGERROR: -5,
  UNIMPLEMENTED: -6,
  OPERATIONTIMEOUT: -7,
  BADARGUMENTS: -8,
  NEWCONFIGNOQUORUM: -13,
  RECONFIGINPROGRESS: -14,
  UNKNOWNSESSION: -12,
  APIERROR: -100,
  NONODE: -101,
  NOAUTH: -102,
  BADVERSION: -103,
  NOCHILDRENFOREPHEMERALS: -108,
  NODEEXISTS: -110,
  NOTEMPTY: -111,
  SESSIONEXPIRED: -112,
  INVALIDCALLBACK: -113,
  INVALIDACL: -114,
  AUTHFAILED: -115,
  SESSIONMOVED: -118,
  NOTREADONLY: -119,
  EPHEMERALONLOCALSESSION: -120,
  NOWATCHER: -121,
  REQUESTTIMEOUT: -122,
  RECONFIGDISABLED: -123,
  SESSIONCLOSEDREQUIRESASLAUTH: -124,
  QUOTAEXCEEDED: -125,
  THROTTLEDOP: -127,
} as const;

/** A `KeeperException.Code` name, e.g. `'NONODE'`. */
export type CodeName = keyof typeof Code;

const byNumber = new Map<number, CodeName>(
  (Object.keys(Code) as CodeName[]).map((name) => [Code[name], name]),
);

/** The name of a numeric code (`-101` → `'NONODE'`); unknown numbers map to `'SYSTEMERROR'`. */
export function codeName(code: number): CodeName {
  return byNumber.get(code) ?? 'SYSTEMERROR';
}

/** One entry of a failed multi's results: `{ err }` as Java's `OpResult.ErrorResult`. */
export interface ErrorResult {
  readonly type: 'error';
  /** Numeric code: 0 for ops before the failing one, its code, then RUNTIMEINCONSISTENCY (−2). */
  readonly err: number;
}

/**
 * A ZooKeeper error, as Java's `KeeperException`: `code` is the code name (`'NONODE'`),
 * `intValue` the number (−101). For a failed `multi`, `results` holds one entry per op.
 */
export class KeeperException extends Error {
  /** The code name, e.g. `'NONODE'`. */
  readonly code: CodeName;
  /** The numeric code, e.g. −101. */
  readonly intValue: number;
  /** The path the failed call was about, if any. */
  readonly path: string | undefined;
  /** For a failed `multi`: per-op results (Java's `getResults()`), else undefined. */
  results: unknown[] | undefined;

  constructor(code: CodeName | number, path?: string, results?: unknown[]) {
    const name = typeof code === 'number' ? codeName(code) : code;
    super(path === undefined ? `KeeperErrorCode = ${name}` : `KeeperErrorCode = ${name} for ${path}`);
    this.name = 'KeeperException';
    this.code = name;
    this.intValue = Code[name];
    this.path = path;
    this.results = results;
  }
}

/**
 * What the Java client throws as `IllegalArgumentException` before sending anything (bad
 * path, TTL/mode mismatch, mixed read/write multi). `code` is `'ILLEGAL_ARGUMENT'`.
 */
export class IllegalArgumentException extends Error {
  readonly code = 'ILLEGAL_ARGUMENT' as const;
  constructor(message: string) {
    super(message);
    this.name = 'IllegalArgumentException';
  }
}
