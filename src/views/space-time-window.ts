/**
 * The space-time diagram's time window: which stretch of virtual time [t0, t1] the plot
 * shows, and how a reader's zoom and pan move it. Pure arithmetic on milliseconds (tested in
 * Node); the element keeps the reader's choice, the model draws the window it is given.
 *
 * Following (the default), the window ends just after `now` and is as wide as the recent
 * messages need (`fitSpan`: the latest `count` sends fill most of the plot), rounded up to a
 * step of a 1–2–5 ladder so that it changes rarely as the run goes on; a reader's zoom while
 * following sets the width and keeps the right edge at now. Zooming anchors at a time (the
 * pointer's, the pinch's centre, or the middle), so that moment stays under the finger;
 * panning moves the window and never before 0 or past now.
 *
 * Imports nothing.
 */

export interface TimeWindow {
  readonly t0: number;
  readonly t1: number;
}

export interface WindowLimits {
  /** The narrowest window, in virtual ms. */
  readonly minSpan: number;
  /** The widest. */
  readonly maxSpan: number;
}

/** Room left after `now` at the right edge, as a fraction of the span. */
export const RIGHT_PAD = 0.06;

/** The smallest 1–2–5 step (…, 20, 50, 100, 200, …) at or above `ms`. */
export function ladderStep(ms: number): number {
  if (!(ms > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(ms));
  for (const k of [1, 2, 5, 10]) if (k * p >= ms - 1e-9) return k * p;
  return 10 * p;
}

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/**
 * How wide a following window must be for the recent messages: from the `count`-th latest
 * send time (`sends`, any order) to now, with a margin, on the 1–2–5 ladder, within the limits.
 * With no sends, the narrowest window.
 */
export function fitSpan(sends: readonly number[], now: number, count: number, limits: WindowLimits): number {
  if (sends.length === 0) return limits.minSpan;
  const recent = [...sends].sort((a, b) => b - a);
  const oldest = recent[Math.min(count, recent.length) - 1]!;
  const need = Math.max(0, now - oldest) / (1 - RIGHT_PAD - 0.1);
  return clamp(ladderStep(need), limits.minSpan, limits.maxSpan);
}

/** The window that follows `now` with width `span`: it starts at 0 until now has gone far enough. */
export function followWindow(now: number, span: number): TimeWindow {
  const t1 = Math.max(span, now + span * RIGHT_PAD);
  return { t0: t1 - span, t1 };
}

/** The window moved by `dt` ms, kept within [0, now + pad]. */
export function panWindow(w: TimeWindow, dt: number, now: number): TimeWindow {
  const span = w.t1 - w.t0;
  const last = Math.max(span, now + span * RIGHT_PAD);
  const t1 = clamp(w.t1 + dt, span, last);
  return { t0: t1 - span, t1 };
}

/**
 * The window scaled by `factor` (< 1 zooms in) around time `anchor`, which keeps its place
 * on the plot; the span stays within the limits and the window within [0, now + pad].
 */
export function zoomWindow(w: TimeWindow, factor: number, anchor: number, now: number, limits: WindowLimits): TimeWindow {
  const span = w.t1 - w.t0;
  const next = clamp(span * factor, limits.minSpan, limits.maxSpan);
  const at = span > 0 ? clamp((anchor - w.t0) / span, 0, 1) : 1;
  const t0 = anchor - at * next;
  return panWindow({ t0, t1: t0 + next }, 0, now);
}

/** True when the window's right edge is at now (then the reader is back to following). */
export function reachesNow(w: TimeWindow, now: number): boolean {
  const span = w.t1 - w.t0;
  return w.t1 >= Math.max(span, now + span * RIGHT_PAD) - span * 0.01;
}

/** The virtual time under plot coordinate `x` (the plot runs from `plotX`, `plotW` wide). */
export function timeAt(x: number, w: TimeWindow, plotX: number, plotW: number): number {
  return w.t0 + ((x - plotX) / Math.max(1, plotW)) * (w.t1 - w.t0);
}

/** Tick times for a window: a 1–2–5 step giving about `target` ticks. */
export function ticksFor(w: TimeWindow, target = 5): number[] {
  const step = ladderStep((w.t1 - w.t0) / Math.max(1, target));
  const out: number[] = [];
  for (let t = Math.ceil(w.t0 / step) * step; t <= w.t1 + 1e-9; t += step) out.push(Math.round(t * 1000) / 1000);
  return out;
}

/** A tick's text: milliseconds below 10 s, else seconds. */
export function tickText(t: number, step: number): string {
  if (step >= 1000 || t >= 10_000) return `${(t / 1000).toFixed(step >= 1000 ? 0 : 1)} s`;
  return `${Math.round(t)} ms`;
}
