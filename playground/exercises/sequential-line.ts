/**
 * Facts about a line of sequential children (the lock and leader-election recipes), read
 * from the committed history: whether a client that said it heads the line (holds the lock,
 * leads) really did at that moment, whether a session ever stood in line twice (an orphan
 * from a create whose reply was lost), and whether a departure woke a herd. The exercises
 * word the problems; this module only finds them. Imports the trace facts.
 */
import type { TraceEvent } from '../sim/trace.ts';
import { committedTxns, CommittedTree, notifications, treeChanges } from './trace-facts.ts';

/** A claim to head the line: at trace index `index`, `session` said its znode `node` was first. */
export interface HeadClaim {
  readonly index: number;
  readonly node: string;
  readonly session: bigint;
}

/** What was wrong with a claim: its znode missing, another session's, or not the smallest. */
export type FalseClaim =
  | { readonly claim: HeadClaim; readonly kind: 'missing' }
  | { readonly claim: HeadClaim; readonly kind: 'not-own'; readonly owner: bigint }
  | { readonly claim: HeadClaim; readonly kind: 'not-first'; readonly before: string; readonly beforeOwner: bigint };

/** The sequence number of a sequential znode's name or path (its last ten digits). */
export const sequenceOf = (name: string): number => Number(name.slice(-10));

/** The first claim (in trace order) that the committed history contradicts, if any. */
export function falseHeadClaim(trace: readonly TraceEvent[], dir: string, claims: readonly HeadClaim[]): FalseClaim | undefined {
  const txns = committedTxns(trace);
  const tree = new CommittedTree();
  let next = 0;
  for (const claim of [...claims].sort((a, b) => a.index - b.index)) {
    for (; next < txns.length && txns[next]!.index < claim.index; next++) tree.apply(txns[next]!);
    const own = tree.get(claim.node);
    if (own === undefined) return { claim, kind: 'missing' };
    if (own.ephemeralOwner !== claim.session) return { claim, kind: 'not-own', owner: own.ephemeralOwner };
    const before = tree
      .children(dir)
      .map((c) => `${dir}/${c}`)
      .filter((p) => sequenceOf(p) < sequenceOf(claim.node))
      .sort((a, b) => sequenceOf(a) - sequenceOf(b))[0];
    if (before !== undefined) return { claim, kind: 'not-first', before, beforeOwner: tree.get(before)!.ephemeralOwner };
  }
  return undefined;
}

/** The first time one session had two children of `dir` at once. */
export function standsTwice(trace: readonly TraceEvent[], dir: string): { readonly index: number; readonly session: bigint; readonly children: readonly string[] } | undefined {
  const tree = new CommittedTree();
  for (const t of committedTxns(trace)) {
    tree.apply(t);
    if (!treeChanges(t.txn).some((c) => c.type === 'create' && c.path.startsWith(`${dir}/`))) continue;
    const mine = tree.children(dir).filter((c) => tree.get(`${dir}/${c}`)!.ephemeralOwner === t.session);
    if (mine.length > 1) return { index: t.index, session: t.session, children: mine };
  }
  return undefined;
}

/**
 * The herd effect: a departure from the line should wake one waiter (the one behind it), so
 * at no point can more watch notifications about `dir` and its children have reached the
 * clients than children were created. The first notification that breaks that, if any.
 */
export function herd(trace: readonly TraceEvent[], dir: string): { readonly index: number; readonly delivered: number; readonly created: number } | undefined {
  const creates = committedTxns(trace).filter((t) => treeChanges(t.txn).some((c) => c.type === 'create' && c.path.startsWith(`${dir}/`)));
  let created = 0;
  let delivered = 0;
  for (const n of notifications(trace)) {
    if (n.path !== dir && (n.path === null || !n.path.startsWith(`${dir}/`))) continue;
    while (created < creates.length && creates[created]!.index < n.index) created++;
    delivered++;
    if (delivered > created) return { index: n.index, delivered, created };
  }
  return undefined;
}
