/**
 * The <lab-stage> custom element (behaviour of LabStage.astro): keeps its lab's picture in
 * view beside the passage that drives the lab, where the window has room for it.
 *
 * - Docked (the dock shown, `data-docked` on the stage) while the window is wide and tall
 *   enough (DOCK_MEDIA, the table of contents' column beside the text), the passage is on
 *   screen, and the lab's figure is not: the figure and the dock share that column, so they
 *   are never shown together. Undocked, the dock is `hidden`: out of the tab order, and its
 *   drawing costs nothing (drawWhenVisible).
 * - While docked (and once on docking), the dock mirrors the lab's sentence, its moment badge
 *   and whether it can step back or forward; undocked, the lab's every frame costs it
 *   nothing. Its buttons press the lab's own, or take the reader to the figure.
 * - reading-aids.ts reads `data-docked` (and `data-lab`): a moment link need not scroll then.
 *
 * Showing or hiding the dock moves nothing in the page (it takes no room in the flow).
 * Browser-only; imports nothing of the simulation.
 */

/** The window the dock fits: the contents column exists (72rem) and the drawing fits its height. */
export const DOCK_MEDIA = '(min-width: 72rem) and (min-height: 40rem)';

const wide = matchMedia(DOCK_MEDIA);

class LabStageElement extends HTMLElement {
  private dock!: HTMLElement;
  private lab: HTMLElement | null = null;
  private figure: HTMLElement | null = null;
  private queued = false;
  /** Mirrors the lab into the dock; observes only while docked. */
  private watch: MutationObserver | null = null;
  /** The dock's height when last shown (a guess before: it is as tall as the window allows). */
  private dockHeight = 0;

  connectedCallback(): void {
    if (this.dock) return;
    this.dock = this.querySelector<HTMLElement>('.lab-stage-dock')!;
    this.lab = document.getElementById(this.dataset.lab ?? '');
    if (this.lab?.localName !== 'ensemble-lab') return;
    this.figure = this.lab.closest('figure') ?? this.lab;
    const update = (): void => {
      if (this.queued) return;
      this.queued = true;
      requestAnimationFrame(() => {
        this.queued = false;
        this.place();
      });
    };
    addEventListener('scroll', update, { passive: true });
    addEventListener('resize', update);
    wide.addEventListener('change', update);
    this.watch = new MutationObserver(() => this.mirror());
    this.dock.addEventListener('click', (ev) => {
      const b = (ev.target as Element).closest<HTMLButtonElement>('[data-stage-action]');
      if (b) this.act(b.dataset.stageAction ?? '');
    });
    this.place();
  }

  /** Dock or undock for where the page stands. */
  private place(): void {
    const nav = document.querySelector('header.header')?.getBoundingClientRect().bottom ?? 0;
    const own = this.getBoundingClientRect();
    const fig = this.figure!.getBoundingClientRect();
    if (!this.dock.hidden) this.dockHeight = this.dock.getBoundingClientRect().height;
    // The passage is on screen below the header, down to where the dock ends (so the dock is
    // never beside anything but its passage), and no part of the figure is on screen (it
    // would share the column with the dock).
    const passageInView = own.top < innerHeight && own.bottom > nav + this.dockHeight;
    const figureOut = fig.bottom <= nav || fig.top >= innerHeight;
    const docked = wide.matches && passageInView && figureOut;
    if (docked === this.hasAttribute('data-docked')) return;
    // Focus inside a dock that goes would be lost under the page: give it to the lab.
    if (!docked && this.dock.contains(document.activeElement)) this.labButton('forward')?.focus({ preventScroll: true });
    if (docked) {
      this.mirror();
      this.watch!.observe(this.lab!, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['disabled', 'hidden'] });
    } else this.watch!.disconnect();
    this.toggleAttribute('data-docked', docked);
    this.dock.hidden = !docked;
  }

  /** The dock says what the lab says. */
  private mirror(): void {
    const lab = this.lab!;
    const now = lab.querySelector('.lab-bar [data-role="now"]');
    const moment = lab.querySelector<HTMLElement>('.lab-bar [data-role="moment"]');
    const own = (role: string): HTMLElement => this.dock.querySelector<HTMLElement>(`[data-role="${role}"]`)!;
    const text = now?.textContent ?? '';
    if (own('stage-now').textContent !== text) own('stage-now').textContent = text;
    const badge = moment && !moment.hidden ? (moment.textContent ?? '') : '';
    if (own('stage-moment').textContent !== badge) own('stage-moment').textContent = badge;
    own('stage-moment').hidden = badge === '';
    for (const action of ['back', 'forward']) {
      const mine = this.dock.querySelector<HTMLButtonElement>(`[data-stage-action="${action}"]`)!;
      const theirs = this.labButton(action);
      if (theirs && mine.disabled !== theirs.disabled) mine.disabled = theirs.disabled;
    }
  }

  private labButton(action: string): HTMLButtonElement | null {
    return this.lab?.querySelector<HTMLButtonElement>(`.lab-bar [data-action="${action}"]`) ?? null;
  }

  private act(action: string): void {
    if (action === 'figure') {
      const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
      this.figure?.scrollIntoView({ block: 'start', behavior: reduce ? 'auto' : 'smooth' });
      this.labButton('forward')?.focus({ preventScroll: true });
      return;
    }
    this.labButton(action)?.click();
  }
}

if (!customElements.get('lab-stage')) customElements.define('lab-stage', LabStageElement);
