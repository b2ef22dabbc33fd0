/**
 * Narration: the events of one step (or one frame of play) told in sentences, for the
 * live region that screen-reader users follow, and for the caption line everyone sees.
 * Only what a reader cares about is told (roles, elections, proposals, commits, faults,
 * sessions, watch events, syncs); messages are left to the tables. A pure function of the
 * trace slice: the same slice, the same words.
 *
 * Faults are told in the kernel's words (`tellFault`, beside the fault language's printer).
 *
 * Imports the kernel's trace types and fault language, and the txn-log zxid formatter; no DOM.
 */

import { faultOfEvent, tellFault } from '../../playground/sim/faults.ts';
import type { TraceEvent } from '../../playground/sim/trace.ts';
import { shortZxid } from './txn-log-model.ts';

/** One sentence for an event, or null when the event is not worth telling. */
export function narrateEvent(e: TraceEvent): string | null {
  const fault = faultOfEvent(e);
  if (fault !== null) return tellFault(fault);
  switch (e.kind) {
    case 'break':
      return `The connection between ${e.a} and ${e.b} broke: the partition outlasted its keepalive.`;
    case 'thaw':
      return `${e.node}'s host runs again: it takes in what arrived while it was frozen, then its overdue timers fire.`;
    case 'protocol': {
      const ev = e.event;
      switch (ev.type) {
        case 'zab.state': {
          const st = String(ev['state']);
          const phase = String(ev['phase']);
          if (st === 'LOOKING') return `${e.node} is LOOKING for a leader.`;
          if (phase === 'DISCOVERY') return `${e.node} is ${st} and starts discovery.`;
          if (phase === 'BROADCAST') return `${e.node} is ${st} in epoch ${String(ev['epoch'])} and serving.`;
          return null;
        }
        case 'zab.elected':
          return String(ev['leader']) === e.node ? `${e.node} won the election.` : `${e.node} will follow ${String(ev['leader'])}.`;
        case 'zab.established':
          return `Epoch ${String(ev['epoch'])} established: a quorum (${(ev['quorum'] as string[]).join(', ')}) accepted ${e.node} as leader.`;
        case 'zab.propose':
          return `${e.node} proposes ${shortZxid(String(ev['zxid']))}: ${String(ev['txn'])}.`;
        case 'zab.commit':
          return `${e.node} commits ${shortZxid(String(ev['zxid']))}: a quorum acknowledged it.`;
        case 'zab.sync':
          return `${e.node} brings ${String(ev['follower'])} up to date with ${String(ev['mode'])}${ev['fromDisk'] === true ? ', reading the missing transactions from its log on disk' : ''}.`;
        case 'zab.truncate':
          return `${e.node} truncates its log after ${shortZxid(String(ev['zxid']))}.`;
        case 'watch.fire':
          return `${e.node} fires a watch: ${String(ev['event'])} ${String(ev['path'])} to ${String(ev['peer'])}.`;
        case 'session.refused':
          return `${e.node} turns ${String(ev['peer'])} away: the client has seen ${shortZxid(String(ev['clientZxid']))}, newer than anything ${e.node} has applied (${shortZxid(String(ev['serverZxid']))}), so it must try another server.`;
        case 'session.moved':
          return `${e.node} refuses a ${String(ev['op'])} that arrived after its session moved to another server (SESSIONMOVED)${ev['peer'] !== undefined ? ` and closes ${String(ev['peer'])}'s connection` : ''}.`;
        case 'session.expire':
          return `${e.node} expires session ${String(ev['session'])}.`;
        case 'client.state':
          return ev['state'] === 'CONNECTED' ? `${e.node} connected (session ${String(ev['session'])}).` : ev['state'] === 'CLOSED' ? `${e.node}'s session is closed.` : null;
        case 'client.connectionLost':
          return `${e.node} lost its connection to ${String(ev['server'])}.`;
        default:
          return null;
      }
    }
    default:
      return null;
  }
}

/** Sentences for events [from, to), at most `max` (the latest), oldest first. */
export function narrate(trace: readonly TraceEvent[], from: number, to: number, max = 4): string[] {
  const out: string[] = [];
  for (let i = Math.min(to, trace.length) - 1; i >= Math.max(0, from) && out.length < max; i--) {
    const s = narrateEvent(trace[i]!);
    if (s !== null) out.push(s);
  }
  return out.reverse();
}
