/**
 * PaxosStepper drawing: the view-model (paxos-model.ts) into an SVG picture and into the
 * list of messages in flight, with d3-selection keyed joins and nothing else.
 *
 * The picture, after RaftScope: the network's links drawn faintly, so the reader sees where
 * messages can go; each node a card (its id and role in a tinted header, then two rows: an
 * acceptor's promise and acceptance, a proposer's round and its quorum of promises as dots,
 * a learner's acceptances heard and the value learned); each value in its own colour chip,
 * always with its letters. A message in flight is a pill on its route, a filled dot for a
 * request (prepare, accept), a hollow one for a reply (promise, accepted); the route behind
 * it is solid, the route ahead dashed with an arrowhead at the receiver.
 *
 * Nodes are keyed by id, messages by datagram id, so a step animates exactly what changed: a
 * new message flies out from its sender along its route, a delivered one flies on into its
 * receiver, a dropped one fades where it is. Motion is cosmetic (`motion.ts`: the Web
 * Animations API, on the wall clock, never fed back) and skipped under prefers-reduced-motion, where every mark is set in place at once.
 * The picture is a labelled image for assistive technology; the message list (real buttons),
 * the narration and the table carry the same facts.
 * May import d3 submodules and the view-model's types; must not touch the playground.
 */
import { select, type Selection } from 'd3-selection';
import { fadeIn, leave, moveTo, stay, still as hold } from './motion.ts';
import { HEADER_H, NODE_H, PILL_H, SLOT_H, type PaxosLinkModel, type PaxosMessageModel, type PaxosNodeModel, type PaxosViewModel, type SlotModel, type SlotPart } from './paxos-model.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

export type MessageAction = 'deliver' | 'drop' | 'duplicate';

export interface PaxosViewOptions {
  selected: string | null;
  reducedMotion: boolean;
  /** How messages that left the pool go: into their receiver, or fading where they were. */
  exit: 'deliver' | 'fade';
  onSelect(id: string): void;
}

let hatches = 0;

export function createPaxosSvg(host: HTMLElement, title: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'paxos-svg');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  // A crashed acceptor's card is hatched (its pattern's id is this drawing's own).
  const id = `px-hatch-${++hatches}`;
  const defs = document.createElementNS(SVG_NS, 'defs');
  defs.innerHTML = `<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" class="px-hatch-bg"/><line x1="0" y1="0" x2="0" y2="6" class="px-hatch-line"/></pattern>`;
  svg.append(defs);
  svg.style.setProperty('--px-hatch', `url(#${id})`);
  for (const name of ['links', 'routes', 'nodes', 'messages']) {
    const g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('class', name);
    g.setAttribute('aria-hidden', 'true');
    svg.append(g);
  }
  host.append(svg);
  return svg;
}

/** A card's header: the top of its rounded rectangle, square at the bottom. */
function headerPath(w: number): string {
  const r = 9;
  const top = -NODE_H / 2;
  return `M${-w / 2},${top + HEADER_H}V${top + r}A${r},${r} 0 0 1 ${-w / 2 + r},${top}H${w / 2 - r}A${r},${r} 0 0 1 ${w / 2},${top + r}V${top + HEADER_H}Z`;
}

const slotY = (i: number) => -NODE_H / 2 + HEADER_H + (i + 0.5) * SLOT_H + 1;

function drawSlot(g: Selection<SVGGElement, SlotModel, SVGGElement, PaxosNodeModel>, w: number): void {
  g.attr('transform', (_d, i) => `translate(0,${slotY(i)})`);
  g.select('text.slot-label').attr('x', -w / 2 + 7).text((d) => d.label);
  const parts = g
    .select<SVGGElement>('g.parts')
    .selectAll<SVGGElement, SlotPart>('g.part')
    .data((d) => d.parts)
    .join((enter) => {
      const p = enter.append('g');
      p.append('rect');
      p.append('circle');
      p.append('text');
      return p;
    });
  parts
    .attr('class', (p) => `part ${p.kind}${p.filled ? ' filled' : ''}`)
    .attr('data-tint', (p) => (p.tint === undefined ? null : p.tint));
  parts
    .select('rect')
    .attr('x', (p) => p.x)
    .attr('y', -8)
    .attr('width', (p) => (p.kind === 'ballot' || p.kind === 'value' ? p.width : 0))
    .attr('height', 16)
    .attr('rx', (p) => (p.kind === 'value' ? 8 : 3));
  parts
    .select('circle')
    .attr('cx', (p) => p.x + p.width / 2)
    .attr('r', (p) => (p.kind === 'dot' ? 3.6 : 0));
  parts
    .select('text')
    .attr('x', (p) => (p.kind === 'word' ? p.x + p.width : p.x + p.width / 2))
    .attr('y', 4)
    .attr('text-anchor', (p) => (p.kind === 'word' ? 'end' : 'middle'))
    .text((p) => (p.kind === 'dot' ? '' : p.text));
}

export function drawPaxos(svgEl: SVGSVGElement, model: PaxosViewModel, opts: PaxosViewOptions): void {
  const svg = select(svgEl);
  svg.attr('viewBox', `0 0 ${model.width} ${model.height}`);
  const still = opts.reducedMotion;
  const duration = 420;

  svg
    .select<SVGGElement>('g.links')
    .selectAll<SVGLineElement, PaxosLinkModel>('line')
    .data(model.links, (d) => d.id)
    .join('line')
    .attr('x1', (d) => d.x1)
    .attr('y1', (d) => d.y1)
    .attr('x2', (d) => d.x2)
    .attr('y2', (d) => d.y2);

  const w = model.nodeWidth;
  const nodes = svg
    .select<SVGGElement>('g.nodes')
    .selectAll<SVGGElement, PaxosNodeModel>('g.px-node')
    .data(model.nodes, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g');
      g.append('rect').attr('class', 'glow').attr('rx', 12);
      g.append('rect').attr('class', 'card').attr('y', -NODE_H / 2).attr('height', NODE_H).attr('rx', 9);
      g.append('path').attr('class', 'band');
      g.append('text').attr('class', 'id').attr('y', -NODE_H / 2 + 14.5);
      g.append('text').attr('class', 'role').attr('y', -NODE_H / 2 + 14).attr('text-anchor', 'end');
      for (let i = 0; i < 2; i++) {
        const slot = g.append('g').attr('class', 'slot');
        slot.append('text').attr('class', 'slot-label').attr('y', 4);
        slot.append('g').attr('class', 'parts');
      }
      return g;
    });
  nodes
    .attr('class', (d) => `px-node ${d.role}${d.down ? ' down' : ''}${d.changed ? ' changed' : ''}`)
    .attr('transform', (d) => `translate(${d.x},${d.y})`);
  nodes.select('rect.glow').attr('x', -w / 2 - 4).attr('y', -NODE_H / 2 - 4).attr('width', w + 8).attr('height', NODE_H + 8);
  nodes.select('rect.card').attr('x', -w / 2).attr('width', w);
  nodes.select('path.band').attr('d', headerPath(w));
  nodes.select('text.id').attr('x', -w / 2 + 8).text((d) => (d.down ? `${d.id} ✕` : d.id));
  nodes.select('text.role').attr('x', w / 2 - 8).text((d) => d.roleWord);
  drawSlot(
    nodes.selectAll<SVGGElement, SlotModel>('g.slot').data((d) => d.slots),
    w,
  );

  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const routes = svg
    .select<SVGGElement>('g.routes')
    .selectAll<SVGGElement, PaxosMessageModel>('g.px-route')
    .data(model.messages, (d) => d.id)
    .join(
      (enter) => {
        const g = enter.append('g').each(function () {
          fadeIn(this, still ? 0 : duration);
        });
        g.append('path').attr('class', 'travelled');
        g.append('path').attr('class', 'ahead');
        g.append('path').attr('class', 'head');
        return g;
      },
      (update) => update,
      (exit) =>
        exit.each(function () {
          leave(this, still ? 0 : duration / 2);
        }),
    );
  routes.attr('class', (d) => `px-route ${d.type}${d.id === opts.selected ? ' selected' : ''}${d.toDown ? ' to-down' : ''}`);
  routes.select('path.travelled').attr('d', (d) => d.travelled);
  routes.select('path.ahead').attr('d', (d) => d.ahead);
  routes.select('path.head').attr('d', (d) => d.head);

  const messages = svg
    .select<SVGGElement>('g.messages')
    .selectAll<SVGGElement, PaxosMessageModel>('g.px-msg')
    .data(model.messages, (d) => d.id)
    .join(
      (enter) => {
        // A new message starts at its sender and flies out along its route.
        const g = enter
          .append('g')
          .attr('transform', (d) => (still ? `translate(${d.x},${d.y})` : `translate(${d.fromX},${d.fromY})`))
          .each(function () {
            fadeIn(this, still ? 0 : duration);
          });
        g.append('rect').attr('class', 'pill').attr('height', PILL_H).attr('y', -PILL_H / 2).attr('rx', PILL_H / 2);
        g.append('circle').attr('class', 'kind');
        g.append('text').attr('y', 3.6).attr('text-anchor', 'middle');
        return g;
      },
      (update) => update,
      (exit) =>
        // A delivered message flies on into its receiver; a dropped one fades where it is.
        exit.each(function (d) {
          const to = byId.get(d.to);
          leave(this, still ? 0 : duration, opts.exit === 'deliver' ? `translate(${to ? to.x : d.toX},${to ? to.y : d.toY})` : undefined);
        }),
    );
  messages
    .attr('class', (d) => `px-msg ${d.type} ${d.request ? 'request' : 'reply'}${d.id === opts.selected ? ' selected' : ''}${d.toDown ? ' to-down' : ''}`)
    .on('click', (_event, d) => opts.onSelect(d.id));
  messages.select('rect').attr('width', (d) => d.width).attr('x', (d) => -d.width / 2);
  messages
    .select('circle')
    .attr('cx', (d) => -d.width / 2 + 9)
    .attr('r', (d) => (d.dot ? 3.8 : 0));
  messages
    .select('text')
    .attr('x', (d) => (d.dot ? 6 : 0))
    .text((d) => d.short);
  messages.each(function (d) {
    if (still) hold(this);
    else stay(this);
    moveTo(this, 'transform', `translate(${d.x},${d.y})`, still ? 0 : duration);
  });
  routes.each(function () {
    if (still) hold(this);
    else stay(this);
  });
}

/**
 * The messages in flight as a list of buttons (keyed, so focus survives a re-render). The
 * selected message grows Deliver / Drop / Duplicate buttons right after it in tab order.
 */
export function drawMessageList(
  ul: HTMLUListElement,
  model: PaxosViewModel,
  opts: { selected: string | null; onSelect(id: string): void; onAction(id: string, action: MessageAction): void },
): void {
  const items = select(ul)
    .selectAll<HTMLLIElement, PaxosMessageModel>('li')
    .data(model.messages, (d) => d.id)
    .join((enter) => {
      const li = enter.append('li');
      li.append('button').attr('type', 'button').attr('class', 'px-msg-button');
      return li;
    });
  items.order();
  items
    .classed('selected', (d) => d.id === opts.selected)
    .select<HTMLButtonElement>('button.px-msg-button')
    .attr('data-id', (d) => d.id)
    .attr('data-type', (d) => d.type)
    .attr('aria-pressed', (d) => String(d.id === opts.selected))
    .text((d) => `${d.text}${d.toDown ? ' (receiver is down)' : ''}`)
    .on('click', (_e, d) => opts.onSelect(d.id));
  const actions = items
    .selectAll<HTMLDivElement, PaxosMessageModel>('div.px-actions')
    .data((d) => (d.id === opts.selected ? [d] : []), (d) => d.id)
    .join((enter) => {
      const div = enter.append('div').attr('class', 'px-actions').attr('role', 'group');
      for (const [action, text] of [
        ['deliver', 'Deliver'],
        ['drop', 'Drop'],
        ['duplicate', 'Duplicate'],
      ] as const) {
        div.append('button').attr('type', 'button').attr('data-action', action).text(text);
      }
      return div;
    });
  actions.attr('aria-label', (d) => `What happens to ${d.text}`);
  (actions.selectAll('button') as Selection<HTMLButtonElement, unknown, HTMLDivElement, PaxosMessageModel>).on('click', function () {
    const d = select<HTMLDivElement, PaxosMessageModel>(this.parentElement as HTMLDivElement).datum();
    opts.onAction(d.id, this.dataset.action as MessageAction);
  });
}
