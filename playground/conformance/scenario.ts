/**
 * The conformance scenario format (see /work/shared/conformance/README.md) as types, and
 * the data and ACL specs turned into bytes and `ACL`s. Pure; imports zk helpers only.
 */
import { parsePerms } from '../zk/acl.ts';
import type { ACL } from '../zk/acl.ts';
import { base64Decode, utf8Encode } from '../zk/bytes.ts';

/** A data spec: absent = empty; null; a string (UTF-8); or one of the object forms. */
export type DataSpec =
  | string
  | null
  | { readonly repeat: string; readonly count: number }
  | { readonly utf8: string }
  | { readonly base64: string }
  | { readonly bytes: number; readonly fill?: number };

/** An ACL entry as scenarios write it. */
export interface AclSpec {
  readonly perms: string;
  readonly scheme: string;
  readonly id: string;
}

/** One op of a multi step. */
export interface MultiOpSpec {
  readonly op: 'create' | 'delete' | 'setData' | 'check';
  readonly path: string;
  readonly data?: DataSpec;
  readonly mode?: string;
  readonly ttl?: number;
  readonly acl?: readonly AclSpec[];
  readonly version?: number;
}

/** One scenario step. */
export interface StepSpec {
  readonly op: string;
  readonly client?: string;
  readonly path?: string;
  readonly data?: DataSpec;
  readonly mode?: string;
  readonly ttl?: number;
  readonly acl?: readonly AclSpec[];
  readonly version?: number;
  readonly watch?: boolean;
  readonly scheme?: string;
  readonly auth?: string;
  readonly watcherType?: 'CHILDREN' | 'DATA' | 'ANY';
  readonly local?: boolean;
  readonly ops?: readonly MultiOpSpec[];
  readonly server?: number;
  readonly sessionTimeoutMs?: number;
  readonly ms?: number;
  readonly unorderedEvents?: boolean;
  readonly note?: string;
}

/** A scenario file. */
export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly requires?: readonly string[];
  readonly tags?: readonly string[];
  readonly sessionTimeoutMs?: number;
  readonly finalUnorderedEvents?: boolean;
  readonly steps: readonly StepSpec[];
}

/** Bytes of a data spec (`undefined` = absent = empty). */
export function dataOf(spec: DataSpec | undefined): Uint8Array | null {
  if (spec === undefined) return new Uint8Array(0);
  if (spec === null) return null;
  if (typeof spec === 'string') return utf8Encode(spec);
  if ('repeat' in spec) return utf8Encode(spec.repeat.repeat(spec.count));
  if ('utf8' in spec) return utf8Encode(spec.utf8);
  if ('base64' in spec) return base64Decode(spec.base64);
  return new Uint8Array(spec.bytes).fill(spec.fill ?? 0x61);
}

/** ACLs of a spec list. */
export function aclOf(specs: readonly AclSpec[]): ACL[] {
  return specs.map((a) => ({ perms: parsePerms(a.perms), id: { scheme: a.scheme, id: a.id } }));
}
