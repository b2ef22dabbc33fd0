/**
 * Ensemble drawing: an EnsembleModel into an <svg> with d3-selection keyed joins —
 * links (cut ones dashed with a cross), servers (shape and text say the role; a crashed
 * server is greyed, struck through and labelled DOWN; a frozen one is iced and labelled
 * FROZEN; its epoch tints it and has a pill; a partition side is a letter badge),
 * clients, and the messages in flight as labelled marks with a chevron for their way (a
 * crowded one shows its first letter). Draws only: every value comes from the model, including the layout (wide, or
 * compact on a phone; set as `data-layout`). Transitions are cosmetic and skipped under
 * reduced motion and while playing (the model already moves marks frame by frame).
 */
import { select } from 'd3-selection';
import { SERVER_R, SERVER_RING_R, type ClientMark, type EnsembleModel, type LinkMark, type MessageMark, type ServerMark } from './ensemble-model.ts';
import { changed } from './space-time-view.ts';

export interface EnsembleViewOptions {
  readonly inspected: number | null;
  readonly onMessage: (m: MessageMark) => void;
  readonly onServer: (s: ServerMark) => void;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function createEnsembleSvg(host: HTMLElement, title: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'ensemble-svg');
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', title);
  for (const name of ['links', 'clients', 'servers', 'messages']) {
    const g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('class', name);
    svg.append(g);
  }
  host.append(svg);
  return svg;
}

export function drawEnsemble(svgEl: SVGSVGElement, model: EnsembleModel, opts: EnsembleViewOptions): void {
  const svg = select(svgEl)
    .attr('viewBox', model.viewBox.join(' '))
    .attr('data-layout', model.layout);

  const links = svg
    .select<SVGGElement>('g.links')
    .selectAll<SVGGElement, LinkMark>('g.link')
    .data(model.links, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'link');
      g.append('line');
      g.append('text').attr('class', 'cut-mark').attr('text-anchor', 'middle').attr('dominant-baseline', 'central').text('✕');
      return g;
    });
  const linksChanged = changed(links, (d) => `${d.kind}${d.cut}${d.x1},${d.y1},${d.x2},${d.y2}`);
  linksChanged.attr('data-kind', (d) => d.kind).classed('cut', (d) => d.cut);
  linksChanged
    .select('line')
    .attr('x1', (d) => d.x1)
    .attr('y1', (d) => d.y1)
    .attr('x2', (d) => d.x2)
    .attr('y2', (d) => d.y2);
  linksChanged
    .select('text.cut-mark')
    .attr('x', (d) => (d.x1 + d.x2) / 2)
    .attr('y', (d) => (d.y1 + d.y2) / 2)
    .style('display', (d) => (d.cut ? null : 'none'));

  const servers = svg
    .select<SVGGElement>('g.servers')
    .selectAll<SVGGElement, ServerMark>('g.server')
    .data(model.servers, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'server ens-focusable').attr('tabindex', 0).attr('role', 'button');
      g.append('circle').attr('class', 'ring').attr('r', SERVER_RING_R);
      g.append('circle').attr('class', 'body').attr('r', SERVER_R);
      g.append('text').attr('class', 'name').attr('y', -13).attr('text-anchor', 'middle');
      g.append('text').attr('class', 'role').attr('y', 4).attr('text-anchor', 'middle');
      g.append('text').attr('class', 'zxid').attr('y', 19).attr('text-anchor', 'middle');
      g.append('path').attr('class', 'down-cross').attr('d', 'M-27,-27L27,27M27,-27L-27,27');
      g.append('g').attr('class', 'side').call((s) => {
        s.append('rect').attr('x', 26).attr('y', -50).attr('width', 22).attr('height', 18).attr('rx', 4);
        s.append('text').attr('x', 37).attr('y', -37).attr('text-anchor', 'middle');
      });
      g.append('g').attr('class', 'epoch').call((e) => {
        e.append('rect').attr('x', -25).attr('y', 33).attr('width', 50).attr('height', 15).attr('rx', 7.5);
        e.append('text').attr('y', 41).attr('text-anchor', 'middle').attr('dominant-baseline', 'central');
      });
      g.append('text').attr('class', 'zxid-mark').attr('y', 62).attr('text-anchor', 'middle');
      return g;
    });
  // Handlers see the datum bound at event time; attributes only where the picture changed.
  servers
    .on('click', (_e, d) => opts.onServer(d))
    .on('keydown', (e: KeyboardEvent, d) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        opts.onServer(d);
      }
    });
  const serversChanged = changed(servers, (d) => `${d.label}@${d.x},${d.y},${d.markDx}`);
  serversChanged
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .attr('data-role', (d) => d.role)
    .attr('data-server', (d) => d.id)
    .attr('data-tint', (d) => d.tint)
    .attr('aria-label', (d) => d.label)
    .classed('down', (d) => !d.up)
    .classed('frozen', (d) => d.frozen);
  serversChanged.select('text.name').text((d) => d.id);
  serversChanged.select('text.role').text((d) => ` ${d.roleLine}`);
  serversChanged.select('text.zxid').text((d) => ` ${d.zxidLine}`);
  serversChanged.select('path.down-cross').style('display', (d) => (d.up ? 'none' : null));
  serversChanged.select('g.epoch').style('display', (d) => (d.epochText ? null : 'none'));
  serversChanged.select('g.epoch text').text((d) => ` ${d.epochText}`);
  serversChanged.select('g.side').style('display', (d) => (d.side ? null : 'none'));
  serversChanged.select('g.side text').text((d) => (d.side ? ` ${d.side}` : ''));
  serversChanged
    .select('text.zxid-mark')
    .attr('x', (d) => d.markDx)
    .text((d) => (d.markText ? ` ${d.markText}` : ''));

  const clients = svg
    .select<SVGGElement>('g.clients')
    .selectAll<SVGGElement, ClientMark>('g.client')
    .data(model.clients, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'client');
      g.append('rect').attr('x', -20).attr('y', -13).attr('width', 40).attr('height', 26).attr('rx', 5);
      g.append('text').attr('class', 'name').attr('text-anchor', 'middle').attr('dominant-baseline', 'central');
      g.append('text').attr('class', 'side').attr('x', 0).attr('y', -18).attr('text-anchor', 'middle');
      return g;
    });
  const clientsChanged = changed(clients, (d) => `${d.label}@${d.x},${d.y}`);
  clientsChanged
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .attr('aria-label', (d) => d.label)
    .attr('role', 'img')
    .classed('disconnected', (d) => d.server === null)
    .classed('frozen', (d) => d.frozen);
  clientsChanged.select('text.name').text((d) => d.text);
  clientsChanged.select('text.side').text((d) => (d.side ? `side ${d.side}` : ''));

  const messages = svg
    .select<SVGGElement>('g.messages')
    .selectAll<SVGGElement, MessageMark>('g.msg')
    .data(model.messages, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'msg');
      g.append('rect');
      g.append('text').attr('text-anchor', 'middle').attr('dominant-baseline', 'central');
      g.append('path').attr('class', 'dir').attr('d', 'M-3,-4.5L4,0L-3,4.5Z');
      // A held message's pause sign, drawn (a font may lack the ⏸ glyph): two bars after its word.
      g.append('path').attr('class', 'pause').attr('d', 'M-3,-4h2v8h-2zM1,-4h2v8h-2z');
      g.append('title');
      return g;
    })
    .order();
  messages
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .attr('data-family', (d) => d.family)
    .attr('data-send', (d) => d.id)
    .attr('data-progress', (d) => d.progress.toFixed(2))
    .attr('data-type', (d) => d.type)
    .classed('held', (d) => d.held)
    .classed('short', (d) => d.short)
    .classed('highlighted', (d) => d.highlighted)
    .classed('inspected', (d) => d.id === opts.inspected)
    .on('click', (_e, d) => opts.onMessage(d));
  messages
    .select('rect')
    .attr('x', (d) => -d.w / 2)
    .attr('y', (d) => -d.h / 2)
    .attr('width', (d) => d.w)
    .attr('height', (d) => d.h)
    .attr('rx', (d) => d.h / 2);
  messages
    .select('text')
    .attr('x', (d) => (d.held && !d.short ? -6 : 0))
    .text((d) => d.text);
  messages.select('path.pause').attr('transform', (d) => (d.held && !d.short ? `translate(${d.w / 2 - 10},0)` : null));
  messages.select('path.dir').attr('transform', (d) => `translate(${d.chevron.x},${d.chevron.y}) rotate(${d.chevron.angle})`);
  messages.select('title').text((d) => d.summary);
}
