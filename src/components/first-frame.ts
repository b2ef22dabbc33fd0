/**
 * A lab's first frame, drawn at build time with the views' own code, so a chapter whose first
 * screen is a lab shows its picture without loading the engine (issue 18: at most 60 KB of
 * JavaScript before interaction). An <Ensemble> marks its canvas with its lab's id and its
 * caption; the <EnsembleLab> around it, which has run its scenario to the start, draws its
 * first frame there (`drawFirstFrames`, over the rendered views) with ensemble-view.ts on a
 * build-time DOM (linkedom), once in each layout, a container query showing the one the
 * canvas's width takes (as the live view picks it). (Astro may render a lab's children
 * before the lab itself, so the lab draws into their markup rather than hand them the frame.)
 *
 * The drawing is the fallback content of a slot in a closed shadow root of the canvas
 * (declarative shadow DOM, with the diagram's own sheet, ensemble-svg.css): the moment the
 * live diagram puts its drawing in the canvas (ensemble-diagram.ts), the first frame is no
 * longer shown, with nothing to remove; and until then, nothing that looks for the live
 * drawing's servers and messages in the page finds a picture that does not yet act.
 *
 * Build time only (Astro frontmatter): never imported by a page's script.
 */
import { parseHTML } from 'linkedom';
import type { NodeId } from '../../playground/sim/types.ts';
import { buildEnsembleModel, wideMinWidth } from '../views/ensemble-model.ts';
import { createEnsembleSvg, drawEnsemble } from '../views/ensemble-view.ts';
import type { ServerTrees } from '../views/server-trees.ts';
import type { ClusterState } from '../views/trace-digest.ts';
import { createTreeSvg, drawTree } from '../views/znode-tree-view.ts';
import { treePicture, type TreeChoice } from './live-tree-picture.ts';

export interface FirstFrame {
  readonly state: ClusterState;
  readonly now: number;
  readonly servers: readonly NodeId[];
  readonly clients: readonly NodeId[];
  /** For the live trees: the servers' trees, the position and the start of its step. */
  readonly trees: ServerTrees;
  readonly position: number;
  readonly stepStart: number;
}

/** The sheets of the views drawn in a closed shadow root, which the page's do not reach. */
export interface FirstFrameCss {
  readonly ensemble: string;
  readonly tree: string;
}

/** Runs `draw` on a build-time document and returns the markup it left in its host. */
export function drawAtBuildTime(draw: (host: HTMLElement) => void): string {
  const { document } = parseHTML('<!doctype html><html><body><div></div></body></html>');
  const g = globalThis as { document?: unknown };
  const had = 'document' in g;
  const before = g.document;
  // The views create their elements with the global document, as in the page.
  g.document = document;
  try {
    const host = document.body.firstElementChild as unknown as HTMLElement;
    draw(host);
    return host.innerHTML;
  } finally {
    if (had) g.document = before;
    else delete g.document;
  }
}

/**
 * The ensemble view of `f` as the canvas's closed shadow root: drawn by the live view's code
 * in both layouts (`data-first-frame` says which), styled by `css` (ensemble-svg.css). A
 * picture until the lab's code arrives: its servers take no tab stop.
 */
export function ensembleFirstFrame(f: Pick<FirstFrame, 'state' | 'now' | 'servers' | 'clients'>, caption: string, css: string): string {
  const wideFrom = wideMinWidth(f.servers, f.clients);
  const layouts: [string, number][] = [
    ['wide', Math.ceil(wideFrom) + 1],
    ['compact', Math.max(1, Math.floor(wideFrom) - 1)],
  ];
  const noop = (): void => undefined;
  const pick = `svg[data-first-frame='compact'] { display: none; } @container (width < ${Math.round(wideFrom * 1000) / 1000}px) { svg[data-first-frame='wide'] { display: none; } svg[data-first-frame='compact'] { display: block; } }`;
  const drawings = layouts
    .map(([layout, width]) =>
      drawAtBuildTime((host) => {
        const svg = createEnsembleSvg(host, caption);
        drawEnsemble(svg, buildEnsembleModel(f.state, f.now, f.servers, f.clients, { width, hidePings: true }), { inspected: null, onMessage: noop, onServer: noop });
        svg.setAttribute('data-first-frame', layout);
        for (const g of svg.querySelectorAll('[tabindex]')) {
          g.removeAttribute('tabindex');
          g.setAttribute('role', 'img');
        }
      }),
    )
    .join('');
  return `<template shadowrootmode="closed"><style>${css}\n${pick}</style><slot>${drawings}</slot></template>`;
}

/**
 * The attributes an <Ensemble> gives its canvas so that its lab draws the first frame in it;
 * with `tree`, a live <ZnodeTree>'s canvas (`part` "canvas") or the line above it ("now").
 */
export function firstFrameMarker(lab: string, caption: string, tree?: { readonly part: 'canvas' | 'now'; readonly choice: Omit<TreeChoice, 'compare'> }): Record<string, string> {
  const marker: Record<string, string> = { 'data-first-frame-of': lab, 'data-first-frame-caption': caption };
  if (tree === undefined) return marker;
  return { ...marker, 'data-first-frame-tree': tree.part, 'data-first-frame-server': tree.choice.server, 'data-first-frame-watches': tree.choice.everyServer ? 'all' : 'server', 'data-first-frame-system': String(tree.choice.showSystem) };
}

const unescapeAttribute = (v: string): string => v.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * `views` (a lab's rendered children) with frame `f` drawn into every element marked for lab
 * `lab` (`firstFrameMarker`), which keeps its other attributes: an ensemble's or a live
 * tree's canvas gains `data-first-frame` and holds a closed shadow root with the drawing; a
 * live tree's line above gets its words.
 */
export function drawFirstFrames(views: string, lab: string, f: FirstFrame, css: FirstFrameCss): string {
  return views.replace(/<(div|p)\b([^>]*)><\/\1>/g, (whole, tag: string, attrs: string) => {
    const read = (name: string): string | undefined => {
      const m = new RegExp(`\\sdata-first-frame-${name}="([^"]*)"`).exec(attrs);
      return m === null ? undefined : unescapeAttribute(m[1]!);
    };
    if (read('of') !== lab) return whole;
    const caption = read('caption') ?? '';
    const kept = attrs.replace(/\sdata-first-frame-[a-z]+="[^"]*"/g, '');
    const part = read('tree');
    if (part === undefined) return `<${tag}${kept} data-first-frame>${ensembleFirstFrame(f, caption, css.ensemble)}</${tag}>`;
    const choice: TreeChoice = { server: read('server') ?? 'leader', compare: false, everyServer: read('watches') === 'all', showSystem: read('system') === 'true' };
    if (part === 'now') return `<${tag}${kept}>${escapeText(treePicture({ ...f, selectedZxid: null, generation: 0 }, choice).now)}</${tag}>`;
    return `<${tag}${kept} data-first-frame>${treeFirstFrame(f, caption, choice, css.tree)}</${tag}>`;
  });
}

const escapeText = (t: string): string => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A live tree's picture of `f` as the canvas's closed shadow root, drawn by the live tree's code; no tab stops. */
export function treeFirstFrame(f: FirstFrame, caption: string, choice: TreeChoice, css: string): string {
  const picture = treePicture({ ...f, selectedZxid: null, generation: 0 }, choice);
  const drawing = drawAtBuildTime((host) => {
    const svg = createTreeSvg(host, caption);
    drawTree(svg, picture.model, { selected: picture.selected, reducedMotion: true, onSelect: () => undefined });
    svg.setAttribute('aria-label', `${caption}: ${picture.server}'s tree`);
    for (const g of svg.querySelectorAll('[tabindex]')) g.removeAttribute('tabindex');
  });
  return `<template shadowrootmode="closed"><style>${css}</style><slot>${drawing}</slot></template>`;
}
