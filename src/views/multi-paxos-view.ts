/**
 * The Multi-Paxos stepper's picture as HTML (PaxosMulti.astro at build time, paxos-multi.ts in
 * the page): the leader cards, the acceptor × instance grid (a real table, so it is its own
 * text alternative) and the messages in flight, each with its Deliver and Drop buttons. One
 * function writes the same markup for the build's first frame and for every later step, so
 * the first frame the reader sees is the one the script draws. Buttons carry `data-action`
 * and `data-arg`; the element listens once, on itself.
 *
 * Pure: a view-model in, a string out (every text escaped). Imports the model's types only.
 */
import type { MultiViewModel } from './multi-paxos-model.ts';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const chip = (v: string, tint: number, extra = ''): string => `<span class="pm-value" data-tint="${tint}">${esc(v)}</span>${extra}`;

const button = (action: string, arg: string, text: string, label?: string): string =>
  `<button type="button" data-action="${action}" data-arg="${esc(arg)}"${label ? ` aria-label="${esc(label)}"` : ''}>${esc(text)}</button>`;

export function renderMultiFrame(model: MultiViewModel): string {
  const leaders = model.leaders
    .map((l) => {
      const outstanding = l.outstanding.length === 0 ? '<span class="pm-none">none</span>' : l.outstanding.map((p) => `<span class="pm-slot">#${p.slot}&nbsp;${chip(p.v, p.tint)}</span>`).join(' ');
      return `<li class="pm-leader" data-phase="${esc(l.phase)}"${l.outranked ? ' data-outranked' : ''}>
<p class="pm-leader-head"><b>${esc(l.id)}</b> <span class="pm-phase">${esc(l.phase)}</span>${l.ballot ? ` <span class="pm-ballot">${esc(l.ballot)}</span>` : ''}${l.outranked ? ` <span class="pm-phase">(outranked by ${esc(l.outranked)})</span>` : ''}</p>
<p class="pm-outstanding">outstanding: ${outstanding}</p>
<p class="pm-leader-actions">${button('lead', l.id, 'Lead', `Lead: ${l.id} starts leading with a new ballot`)}${l.canPropose ? button('propose', l.id, `Propose ${model.nextValue}`, `Propose ${model.nextValue} from ${l.id}`) : ''}</p>
</li>`;
    })
    .join('');

  const head = model.instances.map((i) => `<th scope="col">instance ${i}</th>`).join('');
  const rows = model.rows
    .map((r) => {
      const cells = r.cells
        .map((c) => (c ? `<td${c.chosen ? ' class="pm-chosen-cell"' : ''}>${chip(c.v, c.tint)} <span class="pm-ballot">${esc(c.ballot)}</span></td>` : '<td class="pm-empty">—</td>'))
        .join('');
      const toggle = r.up ? button('crash', r.id, 'Crash', `Crash ${r.id}`) : button('recover', r.id, 'Recover', `Recover ${r.id}`);
      return `<tr${r.up ? '' : ' class="pm-down"'}><th scope="row">${esc(r.id)}${r.up ? '' : ' <span class="pm-crashed">crashed, its disk</span>'} ${toggle}</th><td><span class="pm-ballot">${esc(r.promised)}</span></td>${cells}</tr>`;
    })
    .join('');
  const chosen = model.chosen.map((c) => (c ? `<td class="pm-chosen">✓ ${chip(c.v, c.tint)}</td>` : '<td class="pm-empty">not yet</td>')).join('');

  const messages =
    model.messages.length === 0
      ? '<li class="pm-none">Nothing is in flight.</li>'
      : model.messages
          .map(
            (m) =>
              `<li class="pm-msg" data-kind="${m.kind}"${m.toDown ? ' data-to-down' : ''}><span class="pm-route">${esc(m.from)}→${esc(m.to)}</span> <span class="pm-msg-text">${esc(m.text)}</span> <span class="pm-msg-actions">${button('deliver', m.label, 'Deliver', `Deliver ${m.label}`)}${button('drop', m.label, 'Drop', `Drop ${m.label}`)}</span></li>`,
          )
          .join('');

  return `<ul class="pm-leaders" aria-label="Leaders">${leaders}</ul>
<div class="pm-grid-wrap"><table class="pm-grid"><caption>What each acceptor promised and accepted, per instance (value, ballot)</caption>
<thead><tr><th scope="col">acceptor</th><th scope="col">promised</th>${head}</tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><th scope="row" colspan="2">chosen</th>${chosen}</tr></tfoot></table></div>
<section class="pm-messages" aria-label="Messages in flight"><h4>Messages in flight (${model.messages.length})</h4><ul>${messages}</ul></section>`;
}
