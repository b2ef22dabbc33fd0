/**
 * ZnodeTree drawing: renders a TreeModel into an <svg> with d3-selection keyed joins.
 *
 * Draws only; every value comes from the model (znode-tree-model.ts), which is derived from
 * a snapshot of the simulated server. Nodes are keyed by path, so a step animates exactly
 * what changed. Transitions are cosmetic, run on wall-clock time, never feed back into the
 * simulation, and are skipped under prefers-reduced-motion.
 */
import { select, type Selection } from 'd3-selection';
import 'd3-transition';
import type { TreeModel, TreeNodeModel } from './znode-tree-model.ts';

export interface TreeViewOptions {
  selected: string | null;
  onSelect(path: string): void;
  reducedMotion: boolean;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function linkPath(l: { source: { x: number; y: number }; target: { x: number; y: number } }): string {
  const mx = (l.source.x + l.target.x) / 2;
  return `M${l.source.x},${l.source.y}C${mx},${l.source.y} ${mx},${l.target.y} ${l.target.x},${l.target.y}`;
}

export function createTreeSvg(host: HTMLElement, title: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'znode-tree-svg');
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', title);
  svg.append(document.createElementNS(SVG_NS, 'g'), document.createElementNS(SVG_NS, 'g'));
  svg.children[0]!.setAttribute('class', 'links');
  svg.children[1]!.setAttribute('class', 'nodes');
  host.append(svg);
  return svg;
}

/** The options of each tree's latest draw, for event handlers bound once at enter. */
const latestOptions = new WeakMap<SVGSVGElement, TreeViewOptions>();

export function drawTree(svgEl: SVGSVGElement, model: TreeModel, opts: TreeViewOptions): void {
  latestOptions.set(svgEl, opts);
  const svg = select(svgEl);
  const width = Math.max(model.width, 200);
  const height = Math.max(model.height, 60);
  // Natural size when it fits; shrink to at most 75 % to fit the column; beyond that, scroll.
  svg
    .attr('viewBox', `0 0 ${width} ${height}`)
    .style('width', '100%')
    .style('height', 'auto')
    .style('max-width', `${width}px`)
    .style('min-width', `${Math.round(width * 0.75)}px`);
  const duration = opts.reducedMotion ? 0 : 350;

  const links = svg
    .select<SVGGElement>('g.links')
    .selectAll<SVGPathElement, TreeModel['links'][number]>('path')
    .data(model.links, (d) => d.id)
    .join(
      (enter) => enter.append('path').attr('class', 'link').attr('d', linkPath).style('opacity', 0),
      (update) => update,
      (exit) => (duration === 0 ? exit.remove() : exit.transition().duration(duration).style('opacity', 0).remove()),
    );
  // Without motion (reduced motion, or a live figure while playing) set attributes directly,
  // and only on what moved: a 500-znode tree then redraws in a few milliseconds.
  if (duration === 0) unchanged(links, (d) => linkPath(d)).attr('d', linkPath).style('opacity', 1);
  else links.transition().duration(duration).attr('d', linkPath).style('opacity', 1);

  const nodes = svg
    .select<SVGGElement>('g.nodes')
    .selectAll<SVGGElement, TreeNodeModel>('g.znode')
    .data(model.nodes, (d) => d.id)
    .join(
      (enter) => {
        const g = enter
          .append('g')
          .attr('class', 'znode ens-focusable')
          .attr('tabindex', 0)
          .attr('role', 'button')
          .attr('transform', (d) => `translate(${d.x},${d.y})`)
          .style('opacity', 0);
        // The whole label area takes clicks and taps, not just the glyphs.
        g.append('rect').attr('class', 'hit').attr('x', -12).attr('y', -16).attr('height', 34).attr('rx', 6);
        g.append('circle').attr('r', 9);
        g.append('text').attr('class', 'name').attr('x', 14).attr('y', -2);
        g.append('text').attr('class', 'detail').attr('x', 14).attr('y', 12);
        g.append('text').attr('class', 'watch').attr('y', -2);
        // Bound once per node, not on every redraw (500 nodes × 2 listeners per frame was
        // measurable): the handler reads this drawing's latest options.
        g.on('click', (_e, d) => latestOptions.get(svgEl)?.onSelect(d.id)).on('keydown', (e: KeyboardEvent, d) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            latestOptions.get(svgEl)?.onSelect(d.id);
          }
        });
        return g;
      },
      (update) => update,
      (exit) => (duration === 0 ? exit.remove() : exit.transition().duration(duration).style('opacity', 0).remove()),
    );

  const redrawn = duration === 0 ? unchanged(nodes, (d) => `${d.label}|${d.x},${d.y}|${d.id === opts.selected}|${d.detail}|${d.watchers.join(',')}`) : nodes;
  redrawn
    .attr('aria-label', (d) => d.label)
    .attr('aria-pressed', (d) => String(d.id === opts.selected))
    .attr('data-path', (d) => d.id)
    .attr('data-kind', (d) => d.kind)
    .classed('changed', (d) => d.changed)
    .classed('lag-missing', (d) => d.lag === 'missing')
    .classed('lag-stale', (d) => d.lag === 'stale')
    .classed('watched', (d) => d.watchers.length > 0)
    .classed('system', (d) => d.system)
    .classed('selected', (d) => d.id === opts.selected);
  redrawn.select('rect.hit').attr('width', (d) => d.labelWidth + 14);
  redrawn.select('text.name').text((d) => d.name);
  // The leading space does not render, but keeps the two lines apart in the node's text content,
  // which assistive technology compares with its accessible name.
  redrawn.select('text.detail').text((d) => ` ${d.detail}${d.lag === 'missing' ? ' (not here yet)' : d.lag === 'stale' ? ' (behind)' : ''}`);
  // Watchers, in words (never colour alone): "◉ watch c2 c3".
  redrawn
    .select('text.watch')
    .attr('x', (d) => 22 + d.name.length * 7.3)
    .text((d) => (d.watchers.length > 0 ? ` ◉ watch ${d.watchers.join(' ')}` : ''));
  if (duration === 0) redrawn.attr('transform', (d) => `translate(${d.x},${d.y})`).style('opacity', 1);
  else
    nodes
      .transition()
      .duration(duration)
      .attr('transform', (d) => `translate(${d.x},${d.y})`)
      .style('opacity', 1);
}

/** Elements whose drawing signature changed since they were last drawn (the rest are skipped). */
function unchanged<E extends Element, D>(sel: Selection<E, D, SVGGElement, unknown>, sig: (d: D) => string): Selection<E, D, SVGGElement, unknown> {
  return sel.filter(function (this: E, d: D) {
    const s = sig(d);
    const el = this as E & { __treeSig?: string };
    if (el.__treeSig === s) return false;
    el.__treeSig = s;
    return true;
  });
}

export type TreeSvgSelection = Selection<SVGSVGElement, unknown, null, undefined>;
