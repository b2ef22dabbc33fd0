/**
 * The <paxos-multi> custom element (behaviour of PaxosMulti.astro): Multi-Paxos with numbered
 * instances, stepped by hand. It owns one generic Stepper (playground/sim/stepper.ts) over the
 * hand-driven engine (playground/paxos/multi-system.ts), loaded with a preset (the Zab paper's
 * run) at its start. Step and Back replay the log; a scene button jumps; the reader may leave
 * the preset at any position by making a leader lead or propose, delivering or dropping a
 * message, crashing or recovering an acceptor (the log's tail is then replaced, as in any
 * stepper). After each change it redraws the frame from the view-model (the same HTML the
 * build wrote for the first frame), says the step in the live region, shows the order check's
 * verdict, and writes the position into the page hash (playground/paxos/multi-link.ts); a
 * page opened with such a hash opens the figure there.
 *
 * Loaded near the screen by the component's small script (load-near.ts), not with the page.
 */
import { findPreset, formatMultiLink, parseMultiLink, type MultiLink } from '../../playground/paxos/multi-link.ts';
import { describeMultiStep, multiPaxosSystem, parseMultiStep, type MultiPaxosState, type MultiStep } from '../../playground/paxos/multi-system.ts';
import type { MultiPreset } from '../../playground/paxos/primary-order-run.ts';
import { Stepper } from '../../playground/sim/stepper.ts';
import { buildMultiModel, tellMultiPosition } from '../views/multi-paxos-model.ts';
import { renderMultiFrame } from '../views/multi-paxos-view.ts';

class PaxosMultiElement extends HTMLElement {
  private stepper = new Stepper(multiPaxosSystem());
  private preset: MultiPreset | null = null;
  private started = false;
  /** The frame's HTML as last written; at first the build's (the initial state), so an unchanged frame is never replaced. */
  private drawn = renderMultiFrame(buildMultiModel(multiPaxosSystem().initial()));

  connectedCallback(): void {
    if (this.started) return;
    this.started = true;
    this.addEventListener('click', (e) => this.onClick(e));
    this.addEventListener('keydown', (e) => {
      if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
      e.preventDefault();
      this.move(e.key === 'ArrowLeft' ? this.stepper.position - 1 : this.stepper.position + 1);
    });
    this.loadPreset();
    if (!this.openLink()) this.render(false);
    window.addEventListener('hashchange', () => this.openLink());
  }

  private loadPreset(): void {
    this.preset = findPreset(this.dataset.run ?? '');
    this.stepper = new Stepper(multiPaxosSystem());
    if (this.preset) this.stepper.load(this.preset.lines.map(parseMultiStep), 0);
  }

  /** Opens the page hash's Multi-Paxos link if it names this figure; true if it did. */
  private openLink(): boolean {
    const parsed = parseMultiLink(location.hash.slice(1));
    if (parsed === null) return false;
    if ((parsed.ok ? parsed.link.figure : parsed.figure) !== this.id) return false;
    const fail = (why: string): boolean => {
      this.loadPreset();
      this.render(false);
      this.say(`This link could not be opened (${why}); showing the figure from its start instead.`);
      return true;
    };
    if (!parsed.ok) return fail(parsed.error);
    const { run, steps, at } = parsed.link;
    try {
      const preset = run === null ? null : findPreset(run);
      const stepper = new Stepper(multiPaxosSystem());
      stepper.load(preset ? preset.lines.map(parseMultiStep) : steps, at);
      this.stepper = stepper;
      this.preset = preset;
    } catch (err) {
      return fail((err as Error).message);
    }
    this.render(true);
    return true;
  }

  /** The log is still the preset's, step for step. */
  private onPreset(): boolean {
    const p = this.preset;
    const log = this.stepper.log;
    return p !== null && p.lines.length === log.length && log.every((s, i) => describeMultiStep(s) === p.lines[i]);
  }

  private link(): MultiLink {
    const preset = this.onPreset();
    return {
      figure: this.id,
      run: preset ? this.preset!.name : null,
      steps: preset ? [] : this.stepper.log,
      at: this.stepper.position,
    };
  }

  private writeHash(): void {
    const hash = formatMultiLink(this.link());
    if (location.hash.slice(1) !== hash) history.replaceState(null, '', `#${hash}`);
  }

  private onClick(e: Event): void {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
    if (!b || !this.contains(b) || b.disabled) return;
    const arg = b.dataset.arg ?? '';
    const model = buildMultiModel(this.stepper.state);
    switch (b.dataset.action) {
      case 'back':
        return this.move(this.stepper.position - 1);
      case 'step':
        return this.move(this.stepper.position + 1);
      case 'reset':
        return this.move(0);
      case 'scene':
        return this.move(Number(arg));
      case 'lead':
        return this.perform({ do: 'lead', leader: arg });
      case 'propose':
        return this.perform({
          do: 'propose',
          leader: arg,
          value: model.nextValue,
        });
      case 'deliver':
      case 'drop':
        return this.perform({ do: b.dataset.action, msg: arg });
      case 'crash':
      case 'recover':
        return this.perform({ do: b.dataset.action, acceptor: arg });
    }
  }

  private move(position: number): void {
    if (position < 0 || position > this.stepper.log.length) return;
    this.stepper.goTo(position);
    this.render(true);
    this.writeHash();
  }

  /** A reader's own move: replaces the log's tail from here. Focus goes to the first message, or stays near. */
  private perform(step: MultiStep): void {
    try {
      this.stepper.do(step);
    } catch (err) {
      this.say(`Cannot ${describeMultiStep(step)}: ${(err as Error).message}`);
      return;
    }
    this.render(true);
    this.writeHash();
    (this.querySelector<HTMLButtonElement>('.pm-msg button[data-action="deliver"]') ?? this.querySelector<HTMLButtonElement>('button[data-action="step"]'))?.focus();
  }

  private region(name: string): HTMLElement {
    const found = this.querySelector<HTMLElement>(`[data-role="${name}"]`);
    if (!found) throw new Error(`paxos-multi: missing [data-role=${name}]`);
    return found;
  }

  private say(text: string): void {
    this.region('narration').textContent = text;
  }

  private render(announce: boolean): void {
    const { position, log, state } = this.stepper;
    const model = buildMultiModel(state);
    const frame = this.region('frame');
    const focused = document.activeElement instanceof HTMLButtonElement && frame.contains(document.activeElement) ? document.activeElement : null;
    const html = renderMultiFrame(model);
    if (html !== this.drawn) {
      frame.innerHTML = html;
      this.drawn = html;
      if (focused) this.querySelector<HTMLButtonElement>('button[data-action="step"]')?.focus();
    }
    const verdict = this.region('verdict');
    verdict.textContent = model.verdict.text;
    verdict.dataset.kind = model.verdict.kind;
    this.region('position').textContent = log.length === 0 ? 'no steps yet' : `step ${position} of ${log.length}`;
    for (const [action, disabled] of [
      ['back', position === 0],
      ['reset', position === 0],
      ['step', position >= log.length],
    ] as const) {
      const b = this.querySelector<HTMLButtonElement>(`.pm-bar button[data-action="${action}"]`);
      if (b) b.disabled = disabled;
    }
    // A bar button that just became disabled (Step at the end) hands the focus to its neighbour.
    if (document.activeElement instanceof HTMLButtonElement && document.activeElement.disabled && this.contains(document.activeElement)) {
      this.querySelector<HTMLButtonElement>(`.pm-bar button[data-action="${position === 0 ? 'step' : 'back'}"]`)?.focus();
    }
    const preset = this.onPreset();
    for (const b of this.querySelectorAll<HTMLButtonElement>('button[data-action="scene"]')) {
      b.disabled = !preset;
      if (preset && Number(b.dataset.arg) === position) b.setAttribute('aria-current', 'step');
      else b.removeAttribute('aria-current');
    }
    if (announce) {
      const before: MultiPaxosState | null = position > 0 ? this.stepper.stateAt(position - 1) : null;
      const note = preset ? this.preset!.notes[position] : undefined;
      this.say(tellMultiPosition(before ? { step: log[position - 1]!, before, after: state } : null, log.length, note));
    }
  }
}

if (!customElements.get('paxos-multi')) customElements.define('paxos-multi', PaxosMultiElement);
