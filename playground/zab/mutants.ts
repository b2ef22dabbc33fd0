/**
 * Deliberately broken variants of the Zab engine, switched on by name, so the checkers can
 * prove they catch what each one breaks (a checker that never objects proves nothing). The
 * correct engine runs with none. Each names the rule of zab.md it violates:
 *
 * - `commit-before-quorum`: the leader commits a proposal on the first ACK (its own), not
 *   on a quorum (§5.2 commit rule) — a leader crash then loses committed transactions.
 * - `election-ignores-zxid`: FLE's vote order skips the zxid comparison (§2.1) — a server
 *   missing committed transactions can win and lose them.
 * - `skip-trunc`: a returning follower whose log holds transactions the new leader never
 *   committed is sent a DIFF instead of a TRUNC (§4.1) — it keeps them, so two servers
 *   deliver different transactions at the same zxid.
 * - `stale-sync`: a follower answers `sync` itself instead of asking the leader (§5.4) —
 *   a read after sync can miss a write that completed before the sync began.
 * - `ignore-session-owner`: the leader does not check that a forwarded request comes
 *   through the server that owns its session (`SessionTrackerImpl.checkSession`) — a write
 *   delayed on a client's old connection takes effect after the writes it made since.
 *
 * Imports nothing.
 */

export type MutantName = 'commit-before-quorum' | 'election-ignores-zxid' | 'skip-trunc' | 'stale-sync' | 'ignore-session-owner';

export const MUTANTS: readonly MutantName[] = ['commit-before-quorum', 'election-ignores-zxid', 'skip-trunc', 'stale-sync', 'ignore-session-owner'];

export function isMutantName(name: string): name is MutantName {
  return (MUTANTS as readonly string[]).includes(name);
}
