/**
 * How a reader program's `console.log(a, b, ...)` arguments become one line of text: the
 * same on every host (Node, a browser worker), so a program's output can be compared across
 * targets and asserted in tests. Close to Node's `util.inspect` for what programs print
 * (strings as they are, numbers, `5n` bigints, `[ 1, 2 ]`, `{ a: 'x' }`, `Uint8Array(2) [ 104, 105 ]`,
 * `KeeperException: KeeperErrorCode = NONODE for /a`), always on one line.
 *
 * Pure; imports nothing.
 */

const MAX_DEPTH = 4;
const MAX_ITEMS = 100;

function key(k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k);
}

function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function items(list: readonly string[], total: number): string {
  const more = total > list.length ? [`... ${total - list.length} more items`] : [];
  const all = [...list, ...more];
  return all.length === 0 ? '' : ` ${all.join(', ')} `;
}

function inspect(value: unknown, depth: number, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return depth === 0 ? value : quote(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function':
      return value.name ? `[Function: ${value.name}]` : '[Function (anonymous)]';
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    const text = `${value.name}: ${value.message}`;
    return depth === 0 || typeof code !== 'string' ? text : `[${text}]`;
  }
  if (seen.has(obj)) return '[Circular]';
  if (depth > MAX_DEPTH) return Array.isArray(value) ? '[Array]' : '[Object]';
  seen.add(obj);
  try {
    const inner = (v: unknown): string => inspect(v, depth + 1, seen);
    if (value instanceof Uint8Array) {
      const shown = [...value.subarray(0, MAX_ITEMS)].map(String);
      return `Uint8Array(${value.length}) [${items(shown, value.length)}]`;
    }
    if (Array.isArray(value)) {
      const shown = value.slice(0, MAX_ITEMS).map(inner);
      return `[${items(shown, value.length)}]`;
    }
    if (value instanceof Map) {
      const shown = [...value].slice(0, MAX_ITEMS).map(([k, v]) => `${inner(k)} => ${inner(v)}`);
      return `Map(${value.size}) {${items(shown, value.size)}}`;
    }
    if (value instanceof Set) {
      const shown = [...value].slice(0, MAX_ITEMS).map(inner);
      return `Set(${value.size}) {${items(shown, value.size)}}`;
    }
    if (value instanceof Promise) return 'Promise { <pending> }';
    const entries = Object.entries(obj);
    const shown = entries.slice(0, MAX_ITEMS).map(([k, v]) => `${key(k)}: ${inner(v)}`);
    const proto = Object.getPrototypeOf(obj) as { constructor?: { name?: unknown } } | null;
    const name = proto === null ? '[Object: null prototype] ' : typeof proto.constructor?.name === 'string' && proto.constructor.name !== 'Object' ? `${proto.constructor.name} ` : '';
    return `${name}{${items(shown, entries.length)}}`;
  } finally {
    seen.delete(obj);
  }
}

/** One console line from a call's arguments (joined by spaces, as `console.log` does). */
export function formatConsoleArgs(args: readonly unknown[]): string {
  return args.map((a) => inspect(a, 0, new Set())).join(' ');
}
