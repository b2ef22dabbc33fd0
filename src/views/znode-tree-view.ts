/**
 * ZnodeTree drawing: renders a TreeModel into an <svg> with d3-selection keyed joins.
 *
 * Draws only; every value comes from the model (znode-tree-model.ts), which is derived from
 * a snapshot of the simulated server. Nodes are keyed by path, so a step animates exactly
 * what changed. Motion is cosmetic (`motion.ts`: the Web Animations API, on wall-clock time),
 * never feeds back into the simulation, and is skipped under prefers-reduced-motion.
 *
 * The znodes form an ARIA tree with one tab stop: arrow keys, Home and End move between
 * them (`neighbour` in the model), Enter or Space selects. A large tree draws only the
 * rows in `window` (`visibleSlice`); moving the focus to a row not drawn asks the owner
 * to `reveal` it (scroll there and draw that window) first.
 */
import { select, type Selection } from 'd3-selection';
import { fadeIn, leave, moveTo, stay, still } from './motion.ts';
import { CLOCK_HANDS, ZNODE_GLYPH } from './znode-glyphs.ts';
import { neighbour, visibleSlice, type TreeModel, type TreeNodeModel } from './znode-tree-model.ts';

export interface TreeViewOptions {
  /** Highlighted znodes: the one whose Stat is shown, or every znode one zxid changed. */
  selected: ReadonlySet<string>;
  onSelect(path: string): void;
  reducedMotion: boolean;
  /** Draw only the rows with y in [top, bottom] (model units); everything when absent. */
  window?: { top: number; bottom: number };
  /** Scroll to the znode and redraw so that it is drawn (needed only with `window`). */
  reveal?(path: string): void;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

type Link = { source: { x: number; y: number }; target: { x: number; y: number } };

function curve(l: Link): string {
  const mx = (l.source.x + l.target.x) / 2;
  return `M${l.source.x},${l.source.y}C${mx},${l.source.y} ${mx},${l.target.y} ${l.target.x},${l.target.y}`;
}

/** Indented listing: down from the parent's circle, then right into the child's. */
function elbow(l: Link): string {
  return `M${l.source.x},${l.source.y + 9}V${l.target.y}H${l.target.x - 9}`;
}

export function createTreeSvg(host: HTMLElement, title: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'znode-tree-svg');
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', title);
  svg.append(document.createElementNS(SVG_NS, 'g'), document.createElementNS(SVG_NS, 'g'));
  svg.children[0]!.setAttribute('class', 'links');
  svg.children[0]!.setAttribute('aria-hidden', 'true');
  svg.children[1]!.setAttribute('class', 'nodes');
  svg.children[1]!.setAttribute('role', 'tree');
  svg.children[1]!.setAttribute('aria-label', title);
  host.append(svg);
  return svg;
}

/**
 * Sizes the drawing for `model`: its natural size when it fits; shrunk to at most 75 % to
 * fit the column; beyond that, it scrolls.
 */
export function sizeTree(svgEl: SVGSVGElement, model: TreeModel): void {
  const width = Math.max(model.width, 200);
  const height = Math.max(model.height, 60);
  const box = `0 0 ${width} ${height}`;
  if (svgEl.getAttribute('viewBox') === box) return;
  svgEl.setAttribute('viewBox', box);
  Object.assign(svgEl.style, { width: '100%', height: 'auto', maxWidth: `${width}px`, minWidth: `${Math.round(width * 0.75)}px` });
}

/** Each tree's latest draw, for event handlers bound once at enter. */
const latest = new WeakMap<SVGSVGElement, { model: TreeModel; opts: TreeViewOptions; active: string | null }>();

/** The one znode in the tab order: the last one the keyboard moved to, if drawn; else the first selected, else the first drawn. */
function tabStop(svgEl: SVGSVGElement, drawn: readonly TreeNodeModel[]): string | null {
  const state = latest.get(svgEl)!;
  const ids = new Set(drawn.map((n) => n.id));
  if (state.active !== null && ids.has(state.active)) return state.active;
  return drawn.find((n) => state.opts.selected.has(n.id))?.id ?? drawn[0]?.id ?? null;
}

function moveFocus(svgEl: SVGSVGElement, to: string): void {
  const state = latest.get(svgEl);
  if (!state) return;
  state.active = to;
  const find = () => svgEl.querySelector<SVGGElement>(`g.znode[data-path="${CSS.escape(to)}"]`);
  if (!find()) state.opts.reveal?.(to);
  const target = find();
  if (!target) return;
  for (const g of svgEl.querySelectorAll<SVGGElement>('g.znode[tabindex="0"]')) if (g !== target) g.setAttribute('tabindex', '-1');
  target.setAttribute('tabindex', '0');
  target.focus();
}

export function drawTree(svgEl: SVGSVGElement, model: TreeModel, opts: TreeViewOptions): void {
  latest.set(svgEl, { model, opts, active: latest.get(svgEl)?.active ?? null });
  const slice = opts.window ? visibleSlice(model, opts.window.top, opts.window.bottom) : model;
  const linkPath = model.layout === 'indented' ? elbow : curve;
  const stop = tabStop(svgEl, slice.nodes);
  const svg = select(svgEl);
  sizeTree(svgEl, model);
  const duration = opts.reducedMotion ? 0 : 350;

  const links = svg
    .select<SVGGElement>('g.links')
    .selectAll<SVGPathElement, TreeModel['links'][number]>('path')
    .data(slice.links, (d) => d.id)
    .join(
      (enter) =>
        enter
          .append('path')
          .attr('class', 'link')
          .attr('d', linkPath)
          .each(function () {
            fadeIn(this, duration);
          }),
      (update) => update,
      (exit) =>
        exit.each(function () {
          leave(this, duration);
        }),
    );
  // Without motion (reduced motion, or a live figure while playing) set attributes directly,
  // and only on what moved: a 500-znode tree then redraws in a few milliseconds.
  // A path leaving when the picture turned still stays if it is drawn again.
  if (duration === 0)
    unchanged(
      links.each(function () {
        still(this);
      }),
      linkPath,
    )
      .attr('d', linkPath)
      .style('opacity', 1);
  else
    unchanged(links, linkPath, true).each(function (d) {
      stay(this);
      moveTo(this, 'd', linkPath(d), duration);
    });

  const nodes = svg
    .select<SVGGElement>('g.nodes')
    .selectAll<SVGGElement, TreeNodeModel>('g.znode')
    .data(slice.nodes, (d) => d.id)
    .join(
      (enter) => {
        const g = enter
          .append('g')
          .attr('class', 'znode ens-focusable')
          .attr('role', 'treeitem')
          .attr('transform', (d) => `translate(${d.x},${d.y})`)
          .each(function () {
            fadeIn(this, duration);
          });
        // The whole label area takes clicks and taps, not just the glyphs.
        g.append('rect').attr('class', 'hit').attr('x', -12).attr('y', -16).attr('height', 34).attr('rx', 6);
        g.append('path').attr('class', 'glyph');
        g.append('path').attr('class', 'hands');
        const name = g.append('text').attr('class', 'name').attr('x', 14).attr('y', -2);
        name.append('tspan').attr('class', 'base');
        name.append('tspan').attr('class', 'seq');
        g.append('text').attr('class', 'tag').attr('y', -2);
        g.append('text').attr('class', 'detail').attr('x', 14).attr('y', 12);
        g.append('text').attr('class', 'watch').attr('y', -2);
        // Bound once per node, not on every redraw (500 nodes × 2 listeners per frame was
        // measurable): the handler reads this drawing's latest model and options.
        g.on('click', (_e, d) => {
          const state = latest.get(svgEl);
          if (state) state.active = d.id;
          state?.opts.onSelect(d.id);
        }).on('keydown', (e: KeyboardEvent, d) => {
          const state = latest.get(svgEl);
          if (!state) return;
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            state.active = d.id;
            state.opts.onSelect(d.id);
            return;
          }
          const to = neighbour(state.model, d.id, e.key);
          if (to !== null) {
            e.preventDefault();
            moveFocus(svgEl, to);
          }
        });
        return g;
      },
      (update) => update,
      (exit) =>
        exit.each(function () {
          leave(this, duration);
        }),
    );

  const selected = (d: TreeNodeModel) => opts.selected.has(d.id);
  const sig = (d: TreeNodeModel) => `${d.label}|${d.x},${d.y}|${selected(d)}|${d.id === stop}|${d.detail}|${d.watchers.join(',')}|${d.posInSet}/${d.setSize}`;
  if (duration === 0)
    nodes.each(function () {
      still(this);
    });
  const redrawn = unchanged(nodes, sig, duration !== 0);
  redrawn
    .attr('aria-label', (d) => d.label)
    .attr('aria-selected', (d) => String(selected(d)))
    .attr('aria-level', (d) => d.level)
    .attr('aria-posinset', (d) => d.posInSet)
    .attr('aria-setsize', (d) => d.setSize)
    .attr('tabindex', (d) => (d.id === stop ? 0 : -1))
    .attr('data-path', (d) => d.id)
    .attr('data-kind', (d) => d.kind)
    .classed('changed', (d) => d.changed)
    .classed('lag-missing', (d) => d.lag === 'missing')
    .classed('lag-stale', (d) => d.lag === 'stale')
    .classed('watched', (d) => d.watchers.length > 0)
    .classed('system', (d) => d.system)
    .classed('selected', selected);
  redrawn.select('rect.hit').attr('width', (d) => d.labelWidth + 14);
  redrawn.select('path.glyph').attr('d', (d) => ZNODE_GLYPH[d.kind]);
  redrawn.select('path.hands').attr('d', (d) => (d.kind === 'TTL' ? CLOCK_HANDS : null));
  // A sequential name's counter stands apart from the prefix the client chose.
  redrawn.select('tspan.base').text((d) => (d.seq ? d.name.slice(0, -d.seq.length) : d.name));
  redrawn.select('tspan.seq').text((d) => d.seq ?? '');
  redrawn
    .select('text.tag')
    .attr('x', (d) => d.tagX)
    .text((d) => (d.tag ? ` ${d.tag}` : ''));
  // The leading space does not render, but keeps the two lines apart in the node's text content,
  // which assistive technology compares with its accessible name.
  redrawn.select('text.detail').text((d) => ` ${d.detail}`);
  // Watchers, in words (never colour alone): "◉ watch c2 c3".
  redrawn
    .select('text.watch')
    .attr('x', (d) => d.watchX)
    .text((d) => (d.watchers.length > 0 ? ` ◉ watch ${d.watchers.join(' ')}` : ''));
  if (duration === 0)
    redrawn
      .attr('transform', (d) => `translate(${d.x},${d.y})`)
      .style('opacity', 1);
  else
    nodes.each(function (d) {
      stay(this);
      moveTo(this, 'transform', `translate(${d.x},${d.y})`, duration);
    });
}

/**
 * Elements whose drawing signature changed since they were last drawn (the rest are
 * skipped); with `all`, every element, its signature recorded for the next draw.
 */
function unchanged<E extends Element, D>(sel: Selection<E, D, SVGGElement, unknown>, sig: (d: D) => string, all = false): Selection<E, D, SVGGElement, unknown> {
  return sel.filter(function (this: E, d: D) {
    const s = sig(d);
    const el = this as E & { __treeSig?: string };
    if (el.__treeSig === s && !all) return false;
    el.__treeSig = s;
    return true;
  });
}

export type TreeSvgSelection = Selection<SVGSVGElement, unknown, null, undefined>;
