/**
 * The way back after a moment link (or a prediction's "See it in the figure") scrolled the
 * page up to its lab: a "Back to the text" button, fixed under the page's header so that it
 * moves nothing, placed in the document just before the lab's figure so that Tab goes on
 * into the figure. It takes the focus (a screen reader hears where the reader is and how to
 * return), and it, or Escape, scrolls back to the link and focuses it. It goes away by
 * itself when the reader scrolls the link back into view, or follows another link.
 * Loaded with reading-aids.ts.
 *
 * Its words are the page's language's (src/i18n/{en,zh-cn}/figure.ts).
 * Browser-only; imports the figure catalogue.
 */
import { messagesFor } from '../i18n/locale.ts';
import en from '../i18n/en/figure.ts';

interface WayBack {
  button: HTMLButtonElement;
  link: HTMLElement;
  watch: IntersectionObserver;
}

let current: WayBack | null = null;

const reducedMotion = (): boolean => matchMedia('(prefers-reduced-motion: reduce)').matches;

function dismiss(): void {
  if (!current) return;
  current.watch.disconnect();
  current.button.remove();
  current = null;
}

/** Scroll back to the link the reader used, and give it the focus. */
export function goBack(): void {
  if (!current) return;
  const { link } = current;
  dismiss();
  link.scrollIntoView({ block: 'center', behavior: reducedMotion() ? 'auto' : 'smooth' });
  link.focus({ preventScroll: true });
}

document.addEventListener('keydown', (ev) => {
  if (ev.key !== 'Escape' || ev.defaultPrevented || !current) return;
  // Escape inside a menu or a field is that control's; the tour's panel takes its own.
  if ((ev.target as Element | null)?.closest?.('select, input, textarea, [data-tour]')) return;
  ev.preventDefault();
  goBack();
});

/**
 * Offer the way back from `figure` (just scrolled into view) to `link`. `what` names where
 * the figure now stands, for the button's description.
 */
export async function offerWayBack(link: HTMLElement, figure: HTMLElement, what: string): Promise<void> {
  const m = await messagesFor(en, () => import('../i18n/zh-cn/figure.ts'));
  dismiss();
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'moment-back';
  button.textContent = m.backToText;
  const description = document.createElement('span');
  description.className = 'ens-visually-hidden';
  description.textContent = m.backToTextWhere(what);
  button.append(description);
  button.addEventListener('click', goBack);
  figure.before(button);
  // Once the reader scrolls back to the link, the button has done its job.
  let seenAway = false;
  const watch = new IntersectionObserver((entries) => {
    const visible = entries.some((e) => e.isIntersecting);
    if (!visible) seenAway = true;
    else if (seenAway && document.activeElement !== button) dismiss();
  });
  watch.observe(link);
  current = { button, link, watch };
  button.focus({ preventScroll: true });
}
