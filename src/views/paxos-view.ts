/**
 * PaxosStepper drawing: the view-model (paxos-model.ts) into an SVG picture and into the
 * list of messages in flight, with d3-selection keyed joins and nothing else.
 *
 * Nodes are keyed by id, messages by datagram id, so a step animates exactly what changed:
 * a new message slides out from its sender, a delivered one slides into its receiver, a
 * dropped one fades where it is. Transitions are cosmetic (wall clock, never fed back) and
 * are skipped under prefers-reduced-motion. The picture is a labelled image for assistive
 * technology; the message list (real buttons) and the table carry the same facts.
 * May import d3 submodules and the view-model's types; must not touch the playground.
 */
import { select, type Selection } from 'd3-selection';
import 'd3-transition';
import { NODE_H, type PaxosMessageModel, type PaxosNodeModel, type PaxosViewModel } from './paxos-model.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

export type MessageAction = 'deliver' | 'drop' | 'duplicate';

export interface PaxosViewOptions {
  selected: string | null;
  reducedMotion: boolean;
  /** How messages that left the pool go: into their receiver, or fading where they were. */
  exit: 'deliver' | 'fade';
  onSelect(id: string): void;
}

export function createPaxosSvg(host: HTMLElement, title: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'paxos-svg');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', title);
  for (const name of ['paths', 'nodes', 'messages']) {
    const g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('class', name);
    g.setAttribute('aria-hidden', 'true');
    svg.append(g);
  }
  host.append(svg);
  return svg;
}

export function drawPaxos(svgEl: SVGSVGElement, model: PaxosViewModel, opts: PaxosViewOptions): void {
  const svg = select(svgEl);
  svg.attr('viewBox', `0 0 ${model.width} ${model.height}`);
  const duration = opts.reducedMotion ? 0 : 420;

  svg
    .select<SVGGElement>('g.paths')
    .selectAll<SVGPathElement, PaxosMessageModel>('path')
    .data(model.messages, (d) => d.id)
    .join('path')
    .attr('class', (d) => `path ${d.type}${d.id === opts.selected ? ' selected' : ''}`)
    .attr('d', (d) => `M${d.fromX},${d.fromY}L${d.x},${d.y}L${d.toX},${d.toY}`);

  const nodes = svg
    .select<SVGGElement>('g.nodes')
    .selectAll<SVGGElement, PaxosNodeModel>('g.px-node')
    .data(model.nodes, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g');
      g.append('rect').attr('y', -NODE_H / 2).attr('height', NODE_H).attr('rx', 8);
      for (const [i, cls] of ['title', 'line', 'line'].entries()) {
        g.append('text').attr('class', cls).attr('y', -NODE_H / 2 + 16 + i * 16);
      }
      return g;
    });
  const w = model.nodeWidth;
  nodes.select('rect').attr('x', -w / 2).attr('width', w);
  nodes.selectAll('text').attr('x', -w / 2 + 7);
  nodes
    .attr('class', (d) => `px-node ${d.role}${d.down ? ' down' : ''}${d.changed ? ' changed' : ''}`)
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .selectAll<SVGTextElement, string>('text')
    .data((d) => d.lines)
    .text((t) => t);

  const byId = new Map(model.nodes.map((n) => [n.id, n]));
  const messages = svg
    .select<SVGGElement>('g.messages')
    .selectAll<SVGGElement, PaxosMessageModel>('g.px-msg')
    .data(model.messages, (d) => d.id)
    .join(
      (enter) => {
        const g = enter
          .append('g')
          .attr('transform', (d) => `translate(${d.fromX},${d.fromY})`)
          .style('opacity', 0);
        g.append('rect').attr('height', 18).attr('y', -9).attr('rx', 9);
        g.append('text').attr('y', 4).attr('text-anchor', 'middle');
        return g;
      },
      (update) => update,
      (exit) => {
        const t = exit.transition().duration(duration);
        if (opts.exit === 'deliver') {
          t.attr('transform', (d) => {
            const to = byId.get(d.to);
            return `translate(${to ? to.x : d.toX},${to ? to.y : d.toY})`;
          });
        }
        t.style('opacity', 0).remove();
        return exit;
      },
    );
  messages
    .attr('class', (d) => `px-msg ${d.type}${d.id === opts.selected ? ' selected' : ''}${d.toDown ? ' to-down' : ''}`)
    .on('click', (_event, d) => opts.onSelect(d.id));
  messages.select('rect').attr('width', (d) => d.width).attr('x', (d) => -d.width / 2);
  messages.select('text').text((d) => d.short);
  messages
    .transition()
    .duration(duration)
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .style('opacity', 1);
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
