/**
 * The lab's "Servers, clients and messages as tables": the text alternative to its drawings,
 * filled from the cluster state at the lab's position. Loaded by ensemble-lab.ts the first
 * time the reader opens the tables (a closed table costs nothing).
 *
 * Browser-only; imports the view-models' helpers and types.
 */
import type { NodeId } from '../../playground/sim/types.ts';
import { messageInfo } from '../views/message-info.ts';
import type { ClusterState } from '../views/trace-digest.ts';
import { shortZxid } from '../views/txn-log-model.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

function table(caption: string, head: readonly string[], rows: readonly (readonly string[])[]): HTMLTableElement {
  const t = el('table');
  t.append(el('caption', caption));
  const thead = el('thead');
  const tr = el('tr');
  for (const h of head) {
    const th = el('th', h);
    th.scope = 'col';
    tr.append(th);
  }
  thead.append(tr);
  const tbody = el('tbody');
  for (const r of rows) {
    const row = el('tr');
    for (const c of r) row.append(el('td', c));
    tbody.append(row);
  }
  t.append(thead, tbody);
  return t;
}

/** Fill the lab's three table regions (found by `region`) for `state`. */
export function fillTables(region: (name: string) => HTMLElement, servers: readonly NodeId[], clients: readonly NodeId[], state: ClusterState, hidePings: boolean): void {
  const serverRows = servers.map((id) => {
    const v = state.servers.get(id)!;
    return [id, !v.up ? 'DOWN (crashed)' : v.frozen ? `${v.role}, host FROZEN` : v.role, v.phase, String(v.epoch), v.leader ?? '—', shortZxid(v.lastLogged), shortZxid(v.lastDelivered), v.watches.map((w) => `${w.client} ${w.kind} ${w.path}`).join('; ') || '—'];
  });
  region('table-servers').replaceChildren(table('Servers', ['server', 'role', 'phase', 'epoch', 'leader', 'last logged', 'last delivered', 'watches'], serverRows));
  const clientRows = clients
    .map((id) => state.clients.get(id)!)
    .filter((c) => c.started)
    .map((c) => [c.id, c.frozen ? `${c.state}, host FROZEN` : c.state, c.server ?? '—', c.session]);
  region('table-clients').replaceChildren(table('Clients', ['client', 'state', 'connected to', 'session'], clientRows));
  const flights = [...state.flights.values()]
    .filter((f) => !(hidePings && messageInfo(f.msg).family === 'ping'))
    .slice(-40)
    .map((f) => {
      const info = messageInfo(f.msg);
      const frozen = state.servers.get(f.to)?.frozen === true || state.clients.get(f.to)?.frozen === true;
      return [`#${f.sendIndex}`, f.from, f.to, info.type, info.summary, `${f.sentAt} ms`, !f.held ? `${f.deliverAt} ms` : frozen ? `waiting for ${f.to} to thaw` : 'held by the partition'];
    });
  region('table-messages').replaceChildren(table('Messages in flight', ['send', 'from', 'to', 'type', 'what', 'sent', 'due'], flights));
}
