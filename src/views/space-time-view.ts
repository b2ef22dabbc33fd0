/**
 * Space-time drawing: a SpaceTimeModel into an <svg> with keyed joins — lanes with their
 * names, time ticks, bands (an election or a partition across the plot, hatched; a server
 * down, frozen, electing or leading along its lane), an arrow per message (dashed while in
 * flight, a cross where it was dropped; heads and colours by family, dashes by status, so
 * colour is never alone), commit and crash marks, the placed labels, and a line at now.
 * Arrows are focusable: click or Enter inspects the message. Draws only; every value comes
 * from the model.
 */
import { select, type Selection } from 'd3-selection';
import type { Arrow, BandMark, Lane, LabelMark, LaneMark, SpaceTimeModel } from './space-time-model.ts';

export interface SpaceTimeViewOptions {
  readonly inspected: number | null;
  readonly onArrow: (a: Arrow) => void;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const FAMILIES = ['zab', 'election', 'client', 'watch', 'ping'] as const;
let svgIds = 0;

/** Sets attributes only on elements whose signature changed (most arrows never change again). */
export function changed<E extends Element, D>(sel: Selection<E, D, SVGGElement, unknown>, sig: (d: D) => string): Selection<E, D, SVGGElement, unknown> {
  return sel.filter(function (this: E, d: D) {
    const s = sig(d);
    const el = this as E & { __sig?: string };
    if (el.__sig === s) return false;
    el.__sig = s;
    return true;
  });
}

function svgEl(tag: string, cls?: string): SVGElement {
  const e = document.createElementNS(SVG_NS, tag);
  if (cls) e.setAttribute('class', cls);
  return e;
}

export function createSpaceTimeSvg(host: HTMLElement, title: string): SVGSVGElement {
  const svg = svgEl('svg', 'space-time-svg') as SVGSVGElement;
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', title);
  const n = ++svgIds;
  svg.dataset.ids = String(n);
  const defs = svgEl('defs');
  // Arrowheads per family (their colour); hatching for bands that mean "cut off" or "down".
  const heads = FAMILIES.map(
    (f) => `<marker id="st-head-${f}-${n}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" class="st-head" data-family="${f}"/></marker>`,
  ).join('');
  const hatch = (id: string, cls: string): string =>
    `<pattern id="${id}-${n}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" class="${cls}-bg"/><line x1="0" y1="0" x2="0" y2="6" class="${cls}-line"/></pattern>`;
  defs.innerHTML = `${heads}${hatch('st-hatch-down', 'st-hatch-down')}${hatch('st-hatch-partition', 'st-hatch-partition')}<clipPath id="st-clip-${n}"><rect class="plot-clip" x="0" y="0" width="0" height="0"/></clipPath>`;
  svg.append(defs);
  const lanes = svgEl('g', 'lanes');
  const plot = svgEl('g', 'plot');
  plot.setAttribute('clip-path', `url(#st-clip-${n})`);
  // One sliding group for everything placed in time: moving it is one attribute per frame.
  const slide = svgEl('g', 'slide');
  for (const name of ['bands-across', 'ticks', 'bands-lane', 'arrows', 'marks', 'now', 'labels']) slide.append(svgEl('g', name));
  slide.querySelector('g.now')!.append(svgEl('line'));
  plot.append(slide);
  svg.append(lanes, plot);
  host.append(svg);
  return svg;
}

/**
 * Sets an attribute only when its value changes. The frame loop calls draw on every animation
 * frame; rewriting an unchanged viewBox or transform still invalidates the whole drawing and
 * makes the browser re-rasterize it (measured by npm run bench views).
 */
function setIfChanged(el: Element | null, name: string, value: string): void {
  if (el !== null && el.getAttribute(name) !== value) el.setAttribute(name, value);
}

export function drawSpaceTime(svgNode: SVGSVGElement, model: SpaceTimeModel, opts: SpaceTimeViewOptions): void {
  const svg = select(svgNode);
  const n = svgNode.dataset.ids ?? '0';
  setIfChanged(svgNode, 'viewBox', `0 0 ${model.width} ${model.height}`);
  setIfChanged(svgNode, 'height', String(model.height));
  const clip = svgNode.querySelector('rect.plot-clip');
  setIfChanged(clip, 'x', String(model.plotX - 1));
  setIfChanged(clip, 'y', '0');
  setIfChanged(clip, 'width', String(model.plotW + 2));
  setIfChanged(clip, 'height', String(model.height));
  // Whole pixels: sub-pixel slides at slow speeds would redraw every frame for nothing visible.
  setIfChanged(svgNode.querySelector('g.slide'), 'transform', `translate(${Math.round(model.shift)},0)`);
  const bottom = model.height - 12;

  svg
    .select<SVGGElement>('g.ticks')
    .selectAll<SVGGElement, SpaceTimeModel['ticks'][number]>('g.tick')
    .data(model.ticks, (d) => d.text)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'tick');
      g.append('line');
      g.append('text');
      return g;
    })
    .call((g) => {
      changed(g, (d) => `${d.x}|${bottom}|${d.anchor}`).call((c) => {
        c.select('line').attr('x1', (d) => d.x).attr('x2', (d) => d.x).attr('y1', 8).attr('y2', bottom - 9);
        c.select('text').attr('x', (d) => d.x).attr('y', bottom + 8).attr('text-anchor', (d) => d.anchor).text((d) => d.text);
      });
    });

  const lanes = svg
    .select<SVGGElement>('g.lanes')
    .selectAll<SVGGElement, Lane>('g.lane')
    .data(model.lanes, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'lane');
      g.append('line');
      g.append('text').attr('x', 4).attr('dominant-baseline', 'central');
      return g;
    });
  const lanesChanged = changed(lanes, (d) => `${d.kind}${d.up}${d.y}${model.width}`);
  lanesChanged.attr('data-kind', (d) => d.kind).classed('down', (d) => !d.up);
  lanesChanged.select('line').attr('x1', model.plotX).attr('x2', model.plotX + model.plotW).attr('y1', (d) => d.y).attr('y2', (d) => d.y);
  lanesChanged.select('text').attr('y', (d) => d.y).text((d) => (d.up ? d.id : `${d.id} ✕`));

  const drawBands = (group: string, data: BandMark[]): void => {
    const bands = svg
      .select<SVGGElement>(`g.${group}`)
      .selectAll<SVGRectElement, BandMark>('rect.band')
      .data(data, (d) => d.id)
      .join((enter) => enter.append('rect').attr('class', 'band').attr('role', 'img'));
    changed(bands, (d) => `${d.x1},${d.x2},${d.y},${d.h},${d.open}`)
      .attr('data-kind', (d) => d.kind)
      .attr('x', (d) => d.x1)
      .attr('width', (d) => Math.max(1, d.x2 - d.x1))
      .attr('y', (d) => d.y)
      .attr('height', (d) => d.h)
      .attr('rx', (d) => (d.lane === null || d.kind === 'down' || d.kind === 'frozen' ? 0 : d.h / 2))
      .attr('aria-label', (d) => d.label)
      .style('fill', (d) => (d.kind === 'down' ? `url(#st-hatch-down-${n})` : d.kind === 'partition' ? `url(#st-hatch-partition-${n})` : null));
  };
  drawBands('bands-across', model.bands.filter((b) => b.lane === null));
  drawBands('bands-lane', model.bands.filter((b) => b.lane !== null));

  const marks = svg
    .select<SVGGElement>('g.marks')
    .selectAll<SVGGElement, LaneMark>('g.mark')
    .data(model.marks, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'mark').attr('role', 'img');
      g.append('circle').attr('r', 3.5);
      g.append('path').attr('d', 'M-4,-4L4,4M4,-4L-4,4');
      return g;
    });
  changed(marks, (d) => `${d.x},${d.y}`)
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .attr('data-kind', (d) => d.kind)
    .attr('aria-label', (d) => d.label);

  const nowLine = svg.select<SVGLineElement>('g.now line');
  setIfChanged(nowLine.node(), 'visibility', model.nowX === null ? 'hidden' : 'visible');
  if (model.nowX !== null) {
    const x = String(model.nowX);
    setIfChanged(nowLine.node(), 'x1', x);
    setIfChanged(nowLine.node(), 'x2', x);
    setIfChanged(nowLine.node(), 'y1', '8');
    setIfChanged(nowLine.node(), 'y2', String(bottom - 9));
  }

  const arrows = svg
    .select<SVGGElement>('g.arrows')
    .selectAll<SVGGElement, Arrow>('g.arrow')
    .data(model.arrows, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'arrow ens-focusable').attr('tabindex', 0).attr('role', 'button');
      g.append('line').attr('class', 'hit');
      g.append('line').attr('class', 'shaft');
      g.append('text').attr('class', 'drop').attr('text-anchor', 'middle').attr('dominant-baseline', 'central').text('✕');
      return g;
    });
  // Selection state can change for any arrow; geometry only for arrows still in flight.
  changed(arrows, (d) => `${d.highlighted}${d.id === opts.inspected}`)
    .classed('highlighted', (d) => d.highlighted)
    .classed('inspected', (d) => d.id === opts.inspected);
  const moved = changed(arrows, (d) => `${d.status}${d.x1},${d.y1},${d.x2},${d.y2}`);
  moved
    .attr('data-family', (d) => d.family)
    .attr('data-status', (d) => d.status)
    .attr('data-send', (d) => d.id)
    .attr('aria-label', (d) => d.label)
    .on('click', (_e, d) => opts.onArrow(d))
    .on('keydown', (e: KeyboardEvent, d) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        opts.onArrow(d);
      }
    });
  for (const cls of ['line.hit', 'line.shaft']) {
    moved
      .select<SVGLineElement>(cls)
      .attr('x1', (d) => d.x1)
      .attr('y1', (d) => d.y1)
      .attr('x2', (d) => d.x2)
      .attr('y2', (d) => d.y2);
  }
  moved.select('line.shaft').attr('marker-end', (d) => (d.status === 'dropped' ? null : `url(#st-head-${d.family}-${n})`));
  moved
    .select('text.drop')
    .attr('x', (d) => d.x2)
    .attr('y', (d) => d.y2)
    .style('display', (d) => (d.status === 'dropped' ? null : 'none'));

  const labels = svg
    .select<SVGGElement>('g.labels')
    .selectAll<SVGTextElement, LabelMark>('text')
    .data(model.labels, (d) => d.id)
    .join((enter) => enter.append('text').attr('aria-hidden', 'true'));
  changed(labels, (d) => `${d.x},${d.y},${d.text}`)
    .attr('class', (d) => `label ${d.kind}`)
    .attr('x', (d) => d.x)
    .attr('y', (d) => d.y)
    .attr('text-anchor', (d) => d.anchor)
    .text((d) => d.text);
}
