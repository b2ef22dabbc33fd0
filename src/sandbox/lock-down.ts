/**
 * Removes from a worker's global scope everything reader code could use to reach the
 * network, storage or other contexts, before that code runs: `fetch`, `XMLHttpRequest`,
 * `WebSocket`, `EventSource`, `WebTransport`, `importScripts`, `indexedDB`, `caches`,
 * `BroadcastChannel`, nested workers, `navigator` (storage, locks, service workers) and the
 * worker's own `postMessage` (the sandbox talks over a MessagePort it keeps in a closure).
 * Each name is deleted where it is defined (the global or a prototype) and then pinned to
 * `undefined`, so reassigning or re-reading it from a prototype gives nothing back.
 *
 * This is one of two walls: the worker also lives in an iframe sandboxed without
 * `allow-same-origin` under a CSP with `connect-src 'none'` (`sandbox-host.ts`).
 * Worker-only module; imports nothing.
 */
export const REMOVED_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'EventSource',
  'WebTransport',
  'importScripts',
  'indexedDB',
  'IDBFactory',
  'caches',
  'CacheStorage',
  'BroadcastChannel',
  'Worker',
  'SharedWorker',
  'navigator',
  'WorkerNavigator',
  'StorageManager',
  'FileSystemHandle',
  'FileSystemDirectoryHandle',
  'webkitRequestFileSystem',
  'webkitRequestFileSystemSync',
  'requestFileSystem',
  'postMessage',
  'Request',
  'Response',
  'Headers',
] as const;

/** Remove the names; returns those that were present (and are now gone). */
export function lockDown(scope: object = globalThis): string[] {
  const removed: string[] = [];
  for (const name of REMOVED_GLOBALS) {
    let present = false;
    for (let o: object | null = scope; o !== null; o = Object.getPrototypeOf(o) as object | null) {
      if (Object.prototype.hasOwnProperty.call(o, name)) {
        present = true;
        try {
          delete (o as Record<string, unknown>)[name];
        } catch {
          // not configurable: pinned below
        }
      }
    }
    try {
      Object.defineProperty(scope, name, { value: undefined, writable: false, configurable: false, enumerable: false });
    } catch {
      // already pinned
    }
    if (present) removed.push(name);
  }
  return removed;
}
