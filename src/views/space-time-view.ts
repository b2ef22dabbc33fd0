/**
 * Space-time drawing: a SpaceTimeModel into an <svg> with keyed joins — lanes with their
 * names, time ticks, an arrow per message (dashed while in flight, a cross where it was
 * dropped), and lane marks (crash, restart, role, commit). Arrows are focusable: click or
 * Enter inspects the message. Draws only; every value comes from the model.
 */
import { select, type Selection } from 'd3-selection';
import type { Arrow, Lane, LaneMark, SpaceTimeModel } from './space-time-model.ts';

export interface SpaceTimeViewOptions {
  readonly inspected: number | null;
  readonly onArrow: (a: Arrow) => void;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
let clipIds = 0;

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

export function createSpaceTimeSvg(host: HTMLElement, title: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'space-time-svg');
  svg.setAttribute('role', 'group');
  svg.setAttribute('aria-label', title);
  const defs = document.createElementNS(SVG_NS, 'defs');
  const clip = `st-clip-${++clipIds}`;
  defs.innerHTML = `<marker id="st-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" class="st-head"/></marker><clipPath id="${clip}"><rect class="plot-clip" x="0" y="0" width="0" height="0"/></clipPath>`;
  svg.append(defs);
  const lanes = document.createElementNS(SVG_NS, 'g');
  lanes.setAttribute('class', 'lanes');
  const plot = document.createElementNS(SVG_NS, 'g');
  plot.setAttribute('clip-path', `url(#${clip})`);
  // One sliding group for everything placed in time: moving it is one attribute per frame.
  const slide = document.createElementNS(SVG_NS, 'g');
  slide.setAttribute('class', 'slide');
  for (const name of ['ticks', 'marks', 'arrows']) {
    const g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('class', name);
    slide.append(g);
  }
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

export function drawSpaceTime(svgEl: SVGSVGElement, model: SpaceTimeModel, opts: SpaceTimeViewOptions): void {
  const svg = select(svgEl);
  setIfChanged(svgEl, 'viewBox', `0 0 ${model.width} ${model.height}`);
  const clip = svgEl.querySelector('rect.plot-clip');
  setIfChanged(clip, 'x', String(model.plotX - 2));
  setIfChanged(clip, 'y', '0');
  setIfChanged(clip, 'width', String(model.width - model.plotX));
  setIfChanged(clip, 'height', String(model.height));
  // Whole pixels: sub-pixel slides at slow speeds would redraw every frame for nothing visible.
  setIfChanged(svgEl.querySelector('g.slide'), 'transform', `translate(${Math.round(model.shift)},0)`);
  svg
    .select<SVGGElement>('g.ticks')
    .selectAll<SVGGElement, { x: number; text: string }>('g.tick')
    .data(model.ticks, (d) => d.text)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'tick');
      g.append('line');
      g.append('text').attr('y', model.height - 2).attr('text-anchor', 'middle');
      return g;
    })
    .call((g) => {
      g.select('line').attr('x1', (d) => d.x).attr('x2', (d) => d.x).attr('y1', 10).attr('y2', model.height - 12);
      g.select('text').attr('x', (d) => d.x).attr('y', model.height - 2).text((d) => d.text);
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
  lanesChanged.select('line').attr('x1', model.plotX).attr('x2', model.width - 8).attr('y1', (d) => d.y).attr('y2', (d) => d.y);
  lanesChanged.select('text').attr('y', (d) => d.y).text((d) => (d.up ? d.id : `${d.id} ✕`));

  const marks = svg
    .select<SVGGElement>('g.marks')
    .selectAll<SVGGElement, LaneMark>('g.mark')
    .data(model.marks, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'mark');
      g.append('circle').attr('r', 3.5);
      g.append('text').attr('y', -6).attr('text-anchor', 'middle');
      return g;
    });
  const marksChanged = changed(marks, (d) => `${d.x},${d.y}`);
  marksChanged.attr('transform', (d) => `translate(${d.x},${d.y})`).attr('data-kind', (d) => d.kind);
  marksChanged.select('text').text((d) => d.text);

  const arrows = svg
    .select<SVGGElement>('g.arrows')
    .selectAll<SVGGElement, Arrow>('g.arrow')
    .data(model.arrows, (d) => d.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'arrow ens-focusable').attr('tabindex', 0).attr('role', 'button');
      g.append('line').attr('class', 'hit');
      g.append('line').attr('class', 'shaft').attr('marker-end', 'url(#st-head)');
      g.append('text').attr('class', 'drop').attr('text-anchor', 'middle').attr('dominant-baseline', 'central').text('✕');
      g.append('text').attr('class', 'type').attr('text-anchor', 'middle');
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
  moved
    .select('text.drop')
    .attr('x', (d) => d.x2)
    .attr('y', (d) => d.y2)
    .style('display', (d) => (d.status === 'dropped' ? null : 'none'));
  moved
    .select('text.type')
    .attr('x', (d) => (d.x1 + d.x2) / 2)
    .attr('y', (d) => (d.y1 + d.y2) / 2 - 3)
    .text((d) => (d.family === 'ping' || d.family === 'election' || Math.abs(d.x2 - d.x1) < 36 ? '' : d.type));
}
