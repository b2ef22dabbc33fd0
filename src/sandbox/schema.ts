/**
 * Readers for untrusted data: what a message from the sandbox must look like, checked
 * before anything acts on it. Each reader returns the value, typed, or throws `Malformed`
 * naming where and what was wrong (`lines[3].text: a string of at most 10064 characters`).
 *
 * Records are strict (no key beyond the schema's) and plain (the prototype of a
 * structured-cloned object, no own `__proto__`, `constructor` or `prototype` key); strings,
 * numbers and arrays are bounded; `data` reads an opaque value (a request a program sent
 * its client, a message in the trace) within a budget of depth, nodes and characters.
 *
 * Pure; imports nothing. Used by the gate worker and the page.
 */

export class Malformed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Malformed';
  }
}

export type Reader<T> = (value: unknown, path: string) => T;

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function fail(path: string, expected: string): never {
  throw new Malformed(`${path}: expected ${expected}`);
}

function what(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (typeof value === 'number') return String(value);
  return typeof value;
}

/** A plain object (Object.prototype or none) without prototype keys; its own keys. */
export function plain(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, `an object, got ${what(value)}`);
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) fail(path, 'a plain object');
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string') fail(path, 'no symbol keys');
    if (PROTOTYPE_KEYS.has(key)) fail(path, `no "${key}" key`);
  }
  return value as Record<string, unknown>;
}

export const str =
  (max: number): Reader<string> =>
  (v, path) =>
    typeof v === 'string' && v.length <= max ? v : fail(path, `a string of at most ${max} characters, got ${what(v)}`);

export const int =
  (min: number, max: number): Reader<number> =>
  (v, path) =>
    Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : fail(path, `an integer in [${min}, ${max}], got ${what(v)}`);

export const bool: Reader<boolean> = (v, path) => (typeof v === 'boolean' ? v : fail(path, `true or false, got ${what(v)}`));

export const oneOf =
  <T extends string>(...values: readonly T[]): Reader<T> =>
  (v, path) =>
    (values as readonly unknown[]).includes(v) ? (v as T) : fail(path, `one of ${values.join(', ')}, got ${typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : what(v)}`);

export const literal =
  <T extends string | boolean>(value: T): Reader<T> =>
  (v, path) =>
    v === value ? value : fail(path, JSON.stringify(value));

export const array =
  <T>(item: Reader<T>, max: number): Reader<T[]> =>
  (v, path) => {
    if (!Array.isArray(v) || Object.getPrototypeOf(v) !== Array.prototype) fail(path, `an array, got ${what(v)}`);
    if (v.length > max) fail(path, `at most ${max} items, got ${v.length}`);
    const out: T[] = new Array<T>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = item(v[i], `${path}[${i}]`);
    return out;
  };

type Shape = Record<string, Reader<unknown>>;
type Read<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> };

/** A plain object with exactly the `required` keys, any of the `optional` ones, nothing else. */
export function record<R extends Shape, O extends Shape = Record<never, never>>(required: R, optional?: O): Reader<Read<R> & Partial<Read<O>>> {
  const must = Object.entries(required);
  const may = Object.entries(optional ?? {});
  const known = new Set([...must, ...may].map(([key]) => key));
  return (v, path) => {
    const obj = plain(v, path);
    for (const key in obj) if (!known.has(key)) fail(path, `no key "${key.slice(0, 40)}"`);
    const out: Record<string, unknown> = {};
    for (const [key, read] of must) {
      if (!Object.hasOwn(obj, key)) fail(`${path}.${key}`, 'a value (it is missing)');
      out[key] = read(obj[key], path + '.' + key);
    }
    for (const [key, read] of may) if (Object.hasOwn(obj, key) && obj[key] !== undefined) out[key] = read(obj[key], path + '.' + key);
    return out as Read<R> & Partial<Read<O>>;
  };
}

/** A union told apart by one string field (`type`, `kind`): the reader for its value. */
export function tagged<T>(field: string, readers: Readonly<Record<string, Reader<T>>>): Reader<T> {
  return (v, path) => {
    const tag = plain(v, path)[field];
    if (typeof tag !== 'string' || !Object.hasOwn(readers, tag)) fail(`${path}.${field}`, `one of ${Object.keys(readers).join(', ')}, got ${typeof tag === 'string' ? JSON.stringify(tag.slice(0, 40)) : what(tag)}`);
    return readers[tag]!(v, path);
  };
}

/** How much of an opaque value `data` may read. Shared by every value of one message. */
export interface DataBudget {
  nodes: number;
  chars: number;
  readonly depth: number;
}

/**
 * An opaque value as a structured clone delivers it: undefined, null, booleans, numbers,
 * bigints, strings, Uint8Arrays, arrays and plain objects, within `budget`.
 */
export function data(budget: DataBudget): Reader<unknown> {
  const walk = (v: unknown, path: string, depth: number): unknown => {
    if (--budget.nodes < 0) fail(path, 'a smaller value (too many parts in this message)');
    switch (typeof v) {
      case 'undefined':
      case 'boolean':
      case 'number':
        return v;
      case 'bigint':
        if (v > 2n ** 128n || v < -(2n ** 128n)) fail(path, 'a bigint of at most 128 bits');
        return v;
      case 'string':
        budget.chars -= v.length;
        if (budget.chars < 0) fail(path, 'fewer characters (too many in this message)');
        return v;
      case 'object': {
        if (v === null) return v;
        if (depth >= budget.depth) fail(path, `a value at most ${budget.depth} levels deep`);
        if (v instanceof Uint8Array && Object.getPrototypeOf(v) === Uint8Array.prototype) {
          budget.chars -= v.length;
          if (budget.chars < 0) fail(path, 'fewer bytes (too many in this message)');
          return v;
        }
        if (Array.isArray(v)) {
          if (Object.getPrototypeOf(v) !== Array.prototype) fail(path, 'a plain array');
          for (let i = 0; i < v.length; i++) walk(v[i], `${path}[${i}]`, depth + 1);
          return v;
        }
        const obj = plain(v, path);
        for (const key of Object.keys(obj)) walk(obj[key], `${path}.${key.slice(0, 40)}`, depth + 1);
        return v;
      }
      default:
        return fail(path, `plain data, got ${typeof v}`);
    }
  };
  return (v, path) => walk(v, path, 0);
}

/** Read `value` with `reader`; the path of a message starts at "message". */
export function read<T>(reader: Reader<T>, value: unknown): T {
  return reader(value, 'message');
}
