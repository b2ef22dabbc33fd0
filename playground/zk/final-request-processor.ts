/**
 * `FinalRequestProcessor`: applies a committed transaction to the tree (which fires the
 * watches — their notifications are queued on the connections *before* anything that
 * follows), keeps the session table in step (createSession / closeSession), and builds the
 * reply; serves reads from the local tree with their NONODE-then-NOAUTH order and the
 * getACL masking. Pure: everything it touches comes in through `FinalContext`.
 */
import { Perms, hasPermission, maskDigests } from './acl.ts';
import { Code, KeeperException } from './errors.ts';
import type { DataTree, ProcessTxnResult } from './data-tree.ts';
import type { MultiResult, Response } from './protocol.ts';
import type { ServerRequest } from './prep-request-processor.ts';
import { compareUtf16 } from './path.ts';
import type { WatchedEvent } from './watch-manager.ts';

/** What the processor needs from its server. */
export interface FinalContext {
  readonly tree: DataTree;
  /** Queue a notification on a connection (used by setWatches' immediate events). */
  notify(cnxnId: number, event: WatchedEvent): void;
}

/** A reply to send: err and optional body. */
export interface FinalReply {
  readonly err: number;
  readonly body?: Response;
}

/** Build the per-op results of a multi from its ProcessTxnResult (`FRP`, case multi). */
export function multiResults(rc: ProcessTxnResult): MultiResult[] {
  return (rc.multiResult ?? []).map((sub): MultiResult => {
    switch (sub.type) {
      case 'check':
        return { type: 'check' };
      case 'create':
        return sub.opcode === 'create' ? { type: 'create', path: sub.path! } : { type: 'create', path: sub.path!, stat: sub.stat! };
      case 'delete':
        return { type: 'delete' };
      case 'setData':
        return { type: 'setData', stat: sub.stat! };
      default:
        return { type: 'error', err: sub.err };
    }
  });
}

/** The reply to a write once its txn has been applied (`rc` from `DataTree.processTxn`). */
export function replyToWrite(r: ServerRequest, rc: ProcessTxnResult): FinalReply {
  const req = r.req;
  if (req.op === 'multi') {
    const results = multiResults(rc);
    // A sub-op that failed with SESSIONMOVED fails the whole request so (`SessionMovedException`).
    if (results.some((x) => x.type === 'error' && x.err === Code.SESSIONMOVED)) return { err: Code.SESSIONMOVED };
    return { err: 0, body: { op: 'multi', results } };
  }
  if (rc.err !== 0) return { err: rc.err };
  switch (req.op) {
    case 'create':
      return { err: 0, body: { op: 'create', path: rc.path!, stat: rc.stat! } };
    case 'setData':
      return { err: 0, body: { op: 'setData', stat: rc.stat! } };
    case 'setACL':
      return { err: 0, body: { op: 'setACL', stat: rc.stat! } };
    default:
      return { err: 0 };
  }
}

/** Serve a read (or a watch-table request) on the local tree. */
export function serveRead(ctx: FinalContext, r: ServerRequest): FinalReply {
  if (r.exception !== undefined) return { err: r.exception.intValue };
  const tree = ctx.tree;
  const req = r.req;
  const cnxn = r.cnxnId ?? undefined;
  try {
    switch (req.op) {
      case 'ping':
        return { err: 0 };
      case 'sync':
        return { err: 0, body: { op: 'sync', path: req.path } };
      case 'exists': {
        if (req.path.includes('\0')) throw new KeeperException('BADARGUMENTS', req.path);
        // No ACL check, as the recorded 3.8.0 server answers (conformance scenario
        // acl-digest-read-noauth-then-auth: "exists checks no ACL"). 3.8.4 checks READ on a node
        // that is there (ZOOKEEPER-2590, FinalRequestProcessor.java :372-382); the records win,
        // and test/real/real-client.test.ts holds the server it runs against to its version's rule.
        const stat = tree.statNode(req.path, req.watch ? cnxn : undefined);
        if (stat === null) throw new KeeperException('NONODE', req.path);
        return { err: 0, body: { op: 'exists', stat } };
      }
      case 'getData': {
        const n = tree.getNode(req.path);
        if (n === undefined) throw new KeeperException('NONODE', req.path);
        if (!hasPermission(n.acl, Perms.READ, r.authInfo)) throw new KeeperException('NOAUTH', req.path);
        const { data, stat } = tree.getData(req.path, req.watch ? cnxn : undefined);
        return { err: 0, body: { op: 'getData', data, stat } };
      }
      case 'getChildren': {
        const n = tree.getNode(req.path);
        if (n === undefined) throw new KeeperException('NONODE', req.path);
        if (!hasPermission(n.acl, Perms.READ, r.authInfo)) throw new KeeperException('NOAUTH', req.path);
        const { children, stat } = tree.getChildren(req.path, req.watch ? cnxn : undefined);
        return { err: 0, body: { op: 'getChildren', children, stat } };
      }
      case 'getACL': {
        const n = tree.getNode(req.path);
        if (n === undefined) throw new KeeperException('NONODE', req.path);
        if (!hasPermission(n.acl, Perms.READ | Perms.ADMIN, r.authInfo)) throw new KeeperException('NOAUTH', req.path);
        const { acl, stat } = tree.getACL(req.path);
        const visible = hasPermission(n.acl, Perms.ADMIN, r.authInfo) ? acl : maskDigests(acl);
        return { err: 0, body: { op: 'getACL', acl: visible, stat } };
      }
      case 'getAllChildrenNumber': {
        const n = tree.getNode(req.path);
        if (n === undefined) throw new KeeperException('NONODE', req.path);
        if (!hasPermission(n.acl, Perms.READ, r.authInfo)) throw new KeeperException('NOAUTH', req.path);
        return { err: 0, body: { op: 'getAllChildrenNumber', number: tree.getAllChildrenNumber(req.path) } };
      }
      case 'getEphemerals': {
        const all = tree.getEphemerals(r.sessionId);
        const prefix = req.prefix.trim();
        const list = prefix === '' || prefix === '/' ? all : all.filter((p) => p.startsWith(req.prefix));
        return { err: 0, body: { op: 'getEphemerals', ephemerals: list.sort(compareUtf16) } };
      }
      case 'addWatch':
        if (cnxn !== undefined) tree.addWatch(req.path, cnxn, req.mode);
        return { err: 0 };
      case 'checkWatches':
        if (cnxn === undefined || !tree.containsWatcher(req.path, req.watcherType, cnxn)) throw new KeeperException('NOWATCHER', req.path);
        return { err: 0 };
      case 'removeWatches':
        if (cnxn === undefined || !tree.removeWatch(req.path, req.watcherType, cnxn)) throw new KeeperException('NOWATCHER', req.path);
        return { err: 0 };
      case 'setWatches':
        if (cnxn !== undefined) {
          tree.setWatches(req.relativeZxid, req, cnxn, (type, path) => ctx.notify(cnxn, { type, state: 'SyncConnected', path }));
        }
        return { err: 0 };
      default:
        return { err: Code.UNIMPLEMENTED };
    }
  } catch (e) {
    if (e instanceof KeeperException) return { err: e.intValue };
    throw e;
  }
}
