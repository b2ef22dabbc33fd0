/**
 * The <space-time> custom element (behaviour of SpaceTime.astro): subscribes to its lab,
 * builds the space-time view-model (pure) each frame for the canvas's width, and draws it.
 *
 * The time window follows now, as wide as the recent messages need (space-time-window.ts),
 * until the reader zooms or pans: Ctrl/⌘ + wheel or a pinch zooms at the pointer, Shift +
 * wheel, a sideways wheel or a drag pans; on the focused diagram + and − zoom, ← and → pan,
 * Home goes to the start, End (or Now) follows now again with the fitted width. Click or
 * Enter on an arrow inspects the message. A plain wheel still scrolls the page. Never
 * touches the simulation: the window is a view setting, like a scroll position.
 */
import type { TraceEvent } from '../../playground/sim/trace.ts';
import { messageInfo } from '../views/message-info.ts';
import { BandIndex } from '../views/space-time-bands.ts';
import { buildSpaceTimeModel, type SpaceTimeModel } from '../views/space-time-model.ts';
import { createSpaceTimeSvg, drawSpaceTime } from '../views/space-time-view.ts';
import { fitSpan, followWindow, panWindow, reachesNow, timeAt, zoomWindow, type TimeWindow, type WindowLimits } from '../views/space-time-window.ts';
import { drawWhenVisible, whenLab, type LabFrame, type LabHost } from './lab-registry.ts';

/** How many recent messages the following window makes room for. */
const RECENT = 24;
/** Zoom steps of the buttons and keys. */
const STEP = 2;

class SpaceTimeElement extends HTMLElement {
  private svg: SVGSVGElement | null = null;
  private canvas: HTMLElement | null = null;
  private lab: LabHost | null = null;
  private last: LabFrame | null = null;
  private model: SpaceTimeModel | null = null;
  private bands: BandIndex | null = null;
  private bandsFor: readonly TraceEvent[] | null = null;
  private width = 0;
  /** Following now (with the reader's span, or the fitted one when null), or a window the reader fixed. */
  private follow = true;
  private span: number | null = null;
  private fixed: TimeWindow | null = null;
  private windowText = '';

  async connectedCallback(): Promise<void> {
    if (this.svg) return;
    const canvas = this.querySelector<HTMLElement>('[data-role="canvas"]')!;
    this.canvas = canvas;
    this.svg = createSpaceTimeSvg(canvas, this.dataset.caption ?? 'space-time diagram');
    this.width = canvas.clientWidth;
    new ResizeObserver(() => {
      const width = canvas.clientWidth;
      if (Math.abs(width - this.width) < 4) return;
      this.width = width;
      this.redraw();
    }).observe(canvas);
    this.wire(canvas);
    this.lab = await whenLab(this.dataset.lab ?? '');
    drawWhenVisible(this, this.lab, (f) => this.draw(f));
  }

  private get maxAuto(): number {
    return Number(this.dataset.window ?? '800');
  }

  private limits(now: number): WindowLimits {
    return { minSpan: 10, maxSpan: Math.max(this.maxAuto, Math.min(600_000, Math.ceil(now / 1000) * 1000)) };
  }

  /** The send times of the latest messages shown (pings only when shown), for the fitted width. */
  private recentSends(f: LabFrame): number[] {
    const trace = f.timeline.trace;
    const out: number[] = [];
    for (let i = Math.min(f.position, trace.length) - 1, seen = 0; i >= 0 && out.length < RECENT && seen < 4000; i--, seen++) {
      const e = trace[i]!;
      if (e.kind === 'send' && !(f.hidePings && messageInfo(e.msg).family === 'ping')) out.push(e.sentAt);
    }
    return out;
  }

  private windowOf(f: LabFrame): TimeWindow {
    if (!this.follow && this.fixed) return panWindow(this.fixed, 0, f.now);
    const span = this.span ?? fitSpan(this.recentSends(f), f.now, RECENT, { minSpan: 20, maxSpan: this.maxAuto });
    return followWindow(f.now, span);
  }

  private draw(f: LabFrame): void {
    this.last = f;
    if (this.bandsFor !== f.timeline.trace) {
      this.bands = new BandIndex(f.timeline.trace, f.servers, f.clients);
      this.bandsFor = f.timeline.trace;
    }
    this.width ||= this.canvas?.clientWidth ?? 0;
    const model = buildSpaceTimeModel(f.timeline.trace, f.position, f.state, f.now, f.servers, f.clients, (i) => f.digest.endOf(i), {
      window: this.windowOf(f),
      hidePings: f.hidePings,
      selectedZxid: f.selectedZxid,
      maxArrows: 200,
      width: this.width || 640,
      bands: this.bands!,
    });
    this.model = model;
    drawSpaceTime(this.svg!, model, { inspected: f.inspected, onArrow: (a) => this.lab?.inspect(a.id) });
    const text = `${this.follow ? 'Following now' : 'Fixed'}: ${model.windowText}`;
    if (text !== this.windowText) {
      this.windowText = text;
      const shown = this.querySelector('[data-role="window"]');
      if (shown) shown.textContent = text;
      this.querySelector<HTMLButtonElement>('[data-zoom="now"]')?.setAttribute('aria-pressed', String(this.follow && this.span === null));
    }
    // The text alternative changes with every frame while playing: written when paused.
    if (!f.playing) {
      const summary = this.querySelector('[data-role="summary"]');
      if (summary && summary.textContent !== model.summary) summary.textContent = model.summary;
    }
  }

  private redraw(): void {
    if (this.last) this.draw(this.last);
  }

  // ---- zoom and pan -------------------------------------------------------------------------

  private current(): TimeWindow | null {
    return this.model ? { t0: this.model.t0, t1: this.model.t1 } : null;
  }

  /** Zoom by `factor` (< 1: in) around virtual time `anchor` (default: now while following, else the middle). */
  private zoom(factor: number, anchor?: number): void {
    const w = this.current();
    const f = this.last;
    if (!w || !f) return;
    const span = w.t1 - w.t0;
    const at = anchor ?? (this.follow ? f.now : (w.t0 + w.t1) / 2);
    if (this.follow && at >= w.t1 - span * 0.25) {
      // Following: the right edge stays at now.
      const next = zoomWindow(w, factor, w.t1, f.now, this.limits(f.now));
      this.span = next.t1 - next.t0;
    } else this.setWindow(zoomWindow(w, factor, at, f.now, this.limits(f.now)));
    this.redraw();
  }

  private pan(dtMs: number): void {
    const w = this.current();
    const f = this.last;
    if (!w || !f) return;
    this.setWindow(panWindow(w, dtMs, f.now));
    this.redraw();
  }

  /** A window the reader chose: following again when it reaches now. */
  private setWindow(w: TimeWindow): void {
    const now = this.last?.now ?? 0;
    if (reachesNow(w, now)) {
      this.follow = true;
      this.span = w.t1 - w.t0;
      this.fixed = null;
    } else {
      this.follow = false;
      this.fixed = w;
    }
  }

  private followNow(): void {
    this.follow = true;
    this.span = null;
    this.fixed = null;
    this.redraw();
  }

  /** The virtual time under a client x coordinate. */
  private timeAtClient(clientX: number): number | undefined {
    const m = this.model;
    if (!m || !this.svg) return undefined;
    const r = this.svg.getBoundingClientRect();
    const x = ((clientX - r.left) / Math.max(1, r.width)) * m.width;
    return timeAt(x, { t0: m.t0, t1: m.t1 }, m.plotX, m.plotW);
  }

  /** Pixels on screen to virtual ms. */
  private msPerPx(): number {
    const m = this.model;
    if (!m || !this.svg) return 1;
    const r = this.svg.getBoundingClientRect();
    return (m.t1 - m.t0) / Math.max(1, (m.plotW * r.width) / m.width);
  }

  private wire(canvas: HTMLElement): void {
    this.querySelector('[data-role="zoom"]')?.addEventListener('click', (ev) => {
      const b = (ev.target as HTMLElement).closest<HTMLButtonElement>('button[data-zoom]');
      if (!b) return;
      if (b.dataset.zoom === 'in') this.zoom(1 / STEP);
      else if (b.dataset.zoom === 'out') this.zoom(STEP);
      else this.followNow();
    });
    canvas.addEventListener(
      'wheel',
      (e) => {
        const scale = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
        if (e.ctrlKey || e.metaKey) {
          // A pinch on a touchpad arrives as a wheel with ctrlKey.
          e.preventDefault();
          this.zoom(Math.exp(e.deltaY * scale * 0.004), this.timeAtClient(e.clientX));
        } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
          e.preventDefault();
          this.pan((e.shiftKey && e.deltaX === 0 ? e.deltaY : e.deltaX) * scale * this.msPerPx());
        }
      },
      { passive: false },
    );
    canvas.addEventListener('keydown', (e) => {
      if (e.target !== canvas || e.altKey || e.ctrlKey || e.metaKey) return;
      const span = this.model ? this.model.t1 - this.model.t0 : 0;
      const keys: Record<string, () => void> = {
        '+': () => this.zoom(1 / STEP),
        '=': () => this.zoom(1 / STEP),
        '-': () => this.zoom(STEP),
        _: () => this.zoom(STEP),
        ArrowLeft: () => this.pan(-span / 4),
        ArrowRight: () => this.pan(span / 4),
        Home: () => this.pan(-Number.MAX_SAFE_INTEGER / 4),
        End: () => this.followNow(),
        '0': () => this.followNow(),
      };
      const act = keys[e.key];
      if (!act) return;
      // The lab steps on ← and →; on the focused diagram they pan instead.
      e.preventDefault();
      e.stopPropagation();
      act();
    });
    // Drag to pan, pinch to zoom (pointer events; vertical swipes still scroll the page).
    const pointers = new Map<number, { x: number; y: number }>();
    let dragged = 0;
    let pinch = 0;
    canvas.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      if (pointers.size === 1) dragged = 0;
      if (pointers.size === 2) {
        const [a, b] = [...pointers.values()];
        pinch = Math.hypot(a!.x - b!.x, a!.y - b!.y);
      }
    });
    canvas.addEventListener('pointermove', (e) => {
      const p = pointers.get(e.pointerId);
      if (!p) return;
      const dx = e.clientX - p.x;
      if (pointers.size === 1) {
        dragged += Math.abs(dx);
        if (dragged > 4) {
          if (!canvas.hasPointerCapture(e.pointerId)) canvas.setPointerCapture(e.pointerId);
          this.pan(-dx * this.msPerPx());
        }
        pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
        return;
      }
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      const [a, b] = [...pointers.values()];
      const d = Math.hypot(a!.x - b!.x, a!.y - b!.y);
      if (pinch > 0 && d > 0) this.zoom(pinch / d, this.timeAtClient((a!.x + b!.x) / 2));
      pinch = d;
      dragged = 100;
    });
    const up = (e: PointerEvent): void => {
      pointers.delete(e.pointerId);
      if (pointers.size < 2) pinch = 0;
    };
    canvas.addEventListener('pointerup', up);
    canvas.addEventListener('pointercancel', up);
    // A drag is not a click on the arrow it started on.
    canvas.addEventListener(
      'click',
      (e) => {
        if (dragged > 4) {
          e.stopPropagation();
          e.preventDefault();
        }
        dragged = 0;
      },
      true,
    );
  }
}

if (!customElements.get('space-time')) customElements.define('space-time', SpaceTimeElement);
