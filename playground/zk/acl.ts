/**
 * ACLs as the server applies them: permission bits (`ZooDefs.Perms`), the predefined lists
 * (`ZooDefs.Ids`), the authentication providers of a default server (`digest`, `ip`; `world`
 * and `auth` are only ACL schemes), `PrepRequestProcessor.fixupACL` (validation, `auth`
 * expansion, duplicate removal), `ZooKeeperServer.checkACL`, and the `getACL` masking of
 * digest ids for callers without ADMIN. Pure; imports only the code table and SHA-1.
 */
import { KeeperException } from './errors.ts';
import { generateDigest } from './sha1.ts';

/** An identity: scheme and id, as Java's `Id`. */
export interface Id {
  readonly scheme: string;
  readonly id: string;
}

/** One ACL entry: permission bits and an identity, as Java's `ACL`. */
export interface ACL {
  readonly perms: number;
  readonly id: Id;
}

/** Permission bits, as `ZooDefs.Perms`. */
export const Perms = {
  READ: 1,
  WRITE: 2,
  CREATE: 4,
  DELETE: 8,
  ADMIN: 16,
  ALL: 31,
} as const;

/** `world:anyone`. */
export const ANYONE_ID_UNSAFE: Id = { scheme: 'world', id: 'anyone' };
/** `auth:` — stands for the caller's authenticated identities. */
export const AUTH_IDS: Id = { scheme: 'auth', id: '' };
/** Everyone may do everything: `[31 world:anyone]`. */
export const OPEN_ACL_UNSAFE: readonly ACL[] = [{ perms: Perms.ALL, id: ANYONE_ID_UNSAFE }];
/** The creator's identities may do everything: `[31 auth:]`. */
export const CREATOR_ALL_ACL: readonly ACL[] = [{ perms: Perms.ALL, id: AUTH_IDS }];
/** Everyone may read: `[1 world:anyone]`. */
export const READ_ACL_UNSAFE: readonly ACL[] = [{ perms: Perms.READ, id: ANYONE_ID_UNSAFE }];

/** The schemes a default server has an authentication provider for. */
const PROVIDERS = new Set(['digest', 'ip']);

/** Whether the server has an authentication provider for `scheme` (default providers only). */
export function hasProvider(scheme: string): boolean {
  return PROVIDERS.has(scheme);
}

/** Provider `isAuthenticated()`: digest yes, ip no. */
function isAuthenticated(scheme: string): boolean {
  return scheme === 'digest';
}

/** Java `String.split(":")` length (trailing empty strings dropped). */
function javaSplitCount(s: string, sep: string): number {
  const parts = s.split(sep);
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts.length;
}

function parseIpv4(s: string): number[] | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d+$/.test(p)) return null;
    const v = Number(p);
    if (v > 255) return null;
    out.push(v);
  }
  return out;
}

/** Provider `isValid(id)` for the schemes with a provider. */
function isValidId(scheme: string, id: string): boolean {
  if (scheme === 'digest') return javaSplitCount(id, ':') === 2;
  if (scheme === 'ip') {
    const [addr, bits, ...rest] = id.split('/');
    if (rest.length > 0 || addr === undefined) return false;
    const bytes = parseIpv4(addr);
    if (bytes === null) return false;
    if (bits === undefined) return true;
    if (!/^\d+$/.test(bits)) return false;
    return Number(bits) <= 32;
  }
  return false;
}

/** Provider `matches(authId, aclId)`. */
function matches(scheme: string, authId: string, aclId: string): boolean {
  if (scheme === 'digest') return authId === aclId;
  if (scheme === 'ip') {
    const [addr, bitsText] = aclId.split('/');
    const a = parseIpv4(addr ?? '');
    const b = parseIpv4(authId);
    if (a === null || b === null) return false;
    const bits = bitsText === undefined ? 32 : Number(bitsText);
    for (let i = 0; i < 4; i++) {
      const maskBits = Math.max(0, Math.min(8, bits - i * 8));
      const mask = (0xff << (8 - maskBits)) & 0xff;
      if ((a[i]! & mask) !== (b[i]! & mask)) return false;
    }
    return true;
  }
  return false;
}

function sameAcl(a: ACL, b: ACL): boolean {
  return a.perms === b.perms && a.id.scheme === b.id.scheme && a.id.id === b.id.id;
}

/** The list with exact duplicates removed, first occurrence kept. */
export function removeDuplicates(acl: readonly ACL[]): ACL[] {
  const out: ACL[] = [];
  for (const a of acl) if (!out.some((b) => sameAcl(a, b))) out.push(a);
  return out;
}

/**
 * `PrepRequestProcessor.fixupACL`: validate an ACL list for create/setACL and expand `auth`
 * entries into the caller's authenticated identities. Throws `INVALIDACL`.
 */
export function fixupACL(path: string, authInfo: readonly Id[], acl: readonly ACL[]): ACL[] {
  if (acl.length === 0) throw new KeeperException('INVALIDACL', path);
  const rv: ACL[] = [];
  for (const a of removeDuplicates(acl)) {
    const { scheme, id } = a.id;
    if (scheme === 'world' && id === 'anyone') {
      rv.push(a);
    } else if (scheme === 'auth') {
      let valid = false;
      for (const cid of authInfo) {
        if (hasProvider(cid.scheme) && isAuthenticated(cid.scheme)) {
          valid = true;
          rv.push({ perms: a.perms, id: cid });
        }
      }
      if (!valid) throw new KeeperException('INVALIDACL', path);
    } else {
      if (!hasProvider(scheme) || !isValidId(scheme, id)) throw new KeeperException('INVALIDACL', path);
      rv.push(a);
    }
  }
  return rv;
}

/** `ZooKeeperServer.checkACL`: true when `ids` may do `perm` on a node with `acl`. */
export function hasPermission(acl: readonly ACL[], perm: number, ids: readonly Id[]): boolean {
  if (acl.length === 0) return true;
  if (ids.some((i) => i.scheme === 'super')) return true;
  for (const a of acl) {
    if ((a.perms & perm) === 0) continue;
    if (a.id.scheme === 'world' && a.id.id === 'anyone') return true;
    if (!hasProvider(a.id.scheme)) continue;
    for (const authId of ids) {
      if (authId.scheme === a.id.scheme && matches(a.id.scheme, authId.id, a.id.id)) return true;
    }
  }
  return false;
}

/** `checkACL` that throws `NOAUTH`. */
export function checkACL(acl: readonly ACL[], perm: number, ids: readonly Id[], path?: string): void {
  if (!hasPermission(acl, perm, ids)) throw new KeeperException('NOAUTH', path);
}

/** getACL's answer for a caller without ADMIN: digest ids become `user:x`. */
export function maskDigests(acl: readonly ACL[]): ACL[] {
  return acl.map((a) =>
    a.id.scheme === 'digest' ? { perms: a.perms, id: { scheme: 'digest', id: a.id.id.replace(/:.*/s, ':x') } } : a,
  );
}

/**
 * A provider's `handleAuthentication`: the identity an `auth` packet adds to the connection,
 * or `null` when the server rejects the scheme (AUTHFAILED). `clientAddress` is the
 * connection's remote address (used by `ip`).
 */
export function authenticate(scheme: string, auth: string, clientAddress: string): Id | null {
  if (scheme === 'digest') return { scheme: 'digest', id: generateDigest(auth) };
  if (scheme === 'ip') return { scheme: 'ip', id: clientAddress };
  return null;
}

/** `perms` as the letters `cdrwa` (in that order; `""` for none). */
export function permsToString(perms: number): string {
  let s = '';
  if (perms & Perms.CREATE) s += 'c';
  if (perms & Perms.DELETE) s += 'd';
  if (perms & Perms.READ) s += 'r';
  if (perms & Perms.WRITE) s += 'w';
  if (perms & Perms.ADMIN) s += 'a';
  return s;
}

/** Parse permission letters (`"cdrwa"`, any order) into bits. */
export function parsePerms(letters: string): number {
  let p = 0;
  for (const ch of letters) {
    if (ch === 'c') p |= Perms.CREATE;
    else if (ch === 'd') p |= Perms.DELETE;
    else if (ch === 'r') p |= Perms.READ;
    else if (ch === 'w') p |= Perms.WRITE;
    else if (ch === 'a') p |= Perms.ADMIN;
  }
  return p;
}
