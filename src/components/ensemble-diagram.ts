/**
 * The <ensemble-diagram> custom element (behaviour of Ensemble.astro): subscribes to its
 * lab's frames, builds the ensemble view-model (pure) for the canvas's width (a phone gets
 * the compact layout) and draws it with D3, again when that width changes; messages fly
 * along their links unless the reader prefers reduced motion. A click on a
 * message inspects it (and selects its zxid); a click on a server chooses it in the lab's
 * server menu (opening "More controls…" if the menu is there). Its key shows an entry the
 * lab's page hid once the trace shown brings it on screen (a reader's fault: ensemble-legend.ts).
 * Never touches the simulation.
 * The page may show the lab's first frame, drawn at build time (first-frame.ts): the live
 * drawing takes its place when it first draws.
 */
import { legendKeysOfTrace, type LegendKey } from '../views/ensemble-legend.ts';
import { buildEnsembleModel, type ServerMark } from '../views/ensemble-model.ts';
import { createEnsembleSvg, drawEnsemble } from '../views/ensemble-view.ts';
import { drawWhenVisible, whenLab, type LabFrame, type LabHost } from './lab-registry.ts';

/** Under reduced motion, marks do not fly: each sits halfway along its link. */
const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)');

class EnsembleDiagramElement extends HTMLElement {
  private svg: SVGSVGElement | null = null;
  private lab: LabHost | null = null;
  private canvas: HTMLElement | null = null;
  private last: LabFrame | null = null;
  private width = 0;
  /** The key's entries seen in the trace shown: events [0, `seenTo`) of run `seenGeneration`. */
  private seen = new Set<LegendKey>();
  private seenTo = 0;
  private seenGeneration = -1;

  async connectedCallback(): Promise<void> {
    if (this.svg) return;
    const canvas = this.querySelector<HTMLElement>('[data-role="canvas"]')!;
    this.canvas = canvas;
    // Over a first frame the page drew (first-frame.ts), the live drawing waits off the page until it draws.
    const drawn = canvas.hasAttribute('data-first-frame');
    this.svg = createEnsembleSvg(drawn ? document.createElement('div') : canvas, this.dataset.caption ?? 'ensemble');
    this.width = canvas.clientWidth;
    new ResizeObserver(() => {
      const width = canvas.clientWidth;
      if (Math.abs(width - this.width) < 8) return;
      this.width = width;
      if (this.last) this.draw(this.last);
    }).observe(canvas);
    this.lab = await whenLab(this.dataset.lab ?? '');
    drawWhenVisible(this, this.lab, (f) => this.draw(f));
  }

  private markSeen(f: LabFrame): void {
    const before = this.seen.size;
    let reset = false;
    if (f.generation !== this.seenGeneration || f.position < this.seenTo) {
      this.seen = new Set();
      this.seenTo = 0;
      this.seenGeneration = f.generation;
      reset = true;
    }
    legendKeysOfTrace(f.timeline.trace, this.seenTo, f.position, this.seen);
    this.seenTo = f.position;
    // The key changes only when the set does: no DOM work on the frames in between.
    if (!reset && this.seen.size === before) return;
    for (const entry of this.querySelectorAll<HTMLElement>('[data-legend]')) entry.toggleAttribute('data-seen', this.seen.has(entry.dataset.legend as LegendKey));
  }

  private draw(f: LabFrame): void {
    this.last = f;
    this.markSeen(f);
    this.width ||= this.canvas?.clientWidth ?? 0;
    const model = buildEnsembleModel(f.state, f.now, f.servers, f.clients, { selectedZxid: f.selectedZxid, hidePings: f.hidePings, width: this.width, still: reduceMotion.matches });
    drawEnsemble(this.svg!, model, {
      inspected: f.inspected,
      onMessage: (m) => this.lab?.inspect(m.id),
      onServer: (s: ServerMark) => {
        const labEl = document.getElementById(this.dataset.lab ?? '');
        const sel = labEl?.querySelector<HTMLSelectElement>('.lab-tools [data-role="server"]');
        if (sel) {
          sel.value = s.id;
          sel.dispatchEvent(new Event('change'));
          // The server menu may sit behind "More controls…": open it, so the focus lands.
          if (sel.closest<HTMLElement>('[data-role="more"]')?.hidden) (labEl as HTMLElement & { showMore(open: boolean): void }).showMore(true);
          sel.focus();
        }
      },
    });
    // In the canvas, it takes the place of the first frame (the fallback of the canvas's slot).
    if (this.svg!.parentElement !== this.canvas) this.canvas!.append(this.svg!);
  }
}

if (!customElements.get('ensemble-diagram')) customElements.define('ensemble-diagram', EnsembleDiagramElement);
