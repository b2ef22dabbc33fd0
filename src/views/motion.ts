/**
 * Cosmetic motion for the D3 views, on the Web Animations API (issue 18: d3-transition was
 * 10.5 KB gzipped on every page with a tree or a Paxos figure). Each function first sets the
 * element's final state (its attribute, its inline opacity) and only then animates from where
 * it was drawn, so the DOM always holds the position's picture: an animation is wall-clock
 * decoration that never feeds back, and with `ms` 0 (reduced motion, or a lab playing)
 * nothing animates. Where the Web Animations API is missing, elements just take their place.
 */

/** Elements fading out before their removal, with the animation that will remove them. */
const leaving = new WeakMap<Element, Animation>();
/** The running move of each element, so that a new move replaces it rather than racing it. */
const moving = new WeakMap<Element, Animation>();

const animates = (el: Element, ms: number): boolean => ms > 0 && typeof el.animate === 'function';

/** An SVG `translate(x,y)` as the CSS transform the Web Animations API takes. */
function cssTranslate(svg: string): string {
  const m = /translate\(\s*([-\d.e]+)[\s,]+([-\d.e]+)\s*\)/.exec(svg);
  return m ? `translate(${m[1]}px, ${m[2]}px)` : 'none';
}

/** Fade a newly drawn element in. */
export function fadeIn(el: Element, ms: number): void {
  (el as SVGElement).style.opacity = '1';
  if (animates(el, ms)) el.animate([{ opacity: 0 }, { opacity: 1 }], { duration: ms });
}

/**
 * Fade `el` out, then remove it (at once when `ms` is 0); with `to`, it moves to that
 * `translate(x,y)` as it fades. Drawn again under its key before the end (`stay`), it is kept.
 */
export function leave(el: Element, ms: number, to?: string): void {
  if (!animates(el, ms)) {
    el.remove();
    return;
  }
  if (leaving.has(el)) return;
  moving.get(el)?.cancel();
  const from = cssTranslate(el.getAttribute('transform') ?? '');
  const frames: Keyframe[] = to === undefined ? [{ opacity: 1 }, { opacity: 0 }] : [{ opacity: 1, transform: from }, { opacity: 0, transform: cssTranslate(to) }];
  const a = el.animate(frames, { duration: ms, fill: 'forwards' });
  leaving.set(el, a);
  a.onfinish = () => {
    if (leaving.get(el) === a) el.remove();
  };
}

/** `el` is part of the picture again (or is to be drawn still): end any motion it is in. */
export function stay(el: Element): void {
  leaving.get(el)?.cancel();
  leaving.delete(el);
}

/** Stop every move and fade of `el` at once (a still picture: reduced motion, or playing). */
export function still(el: Element): void {
  stay(el);
  moving.get(el)?.cancel();
  moving.delete(el);
}

/** Set `el`'s `transform` (a `translate(x,y)`) or path `d` to `value`, moving there from where it was over `ms`. */
export function moveTo(el: Element, name: 'transform' | 'd', value: string, ms: number): void {
  const old = el.getAttribute(name);
  el.setAttribute(name, value);
  if (!animates(el, ms) || old === null || old === value) return;
  moving.get(el)?.cancel();
  const frames: Keyframe[] = name === 'transform' ? [{ transform: cssTranslate(old) }, { transform: cssTranslate(value) }] : [{ d: `path("${old}")` }, { d: `path("${value}")` }];
  const a = el.animate(frames, { duration: ms, easing: 'ease-in-out' });
  moving.set(el, a);
}
