/**
 * The <paxos-stepper> custom element (behaviour of PaxosStepper.astro).
 *
 * It owns one generic Stepper (playground/sim/stepper.ts) over single-decree Paxos
 * (playground/paxos) and turns the reader's actions into steps: start a round, deliver /
 * drop / duplicate a message, crash / recover an acceptor; Back and Forward are undo and
 * redo, the step log jumps anywhere (replay), "Load run" puts a classic run in the log at
 * its start. After every change it rebuilds the view-model (src/views/paxos-model.ts) and
 * redraws (src/views/paxos-view.ts), narrates the step in a polite live region, and moves
 * focus somewhere useful so the whole figure works from the keyboard alone.
 *
 * Its position travels in the page's link, as a lab's does (playground/paxos/link.ts):
 * once the reader moves, the hash names this figure, its rules, its log and its step; a
 * page opened with such a hash (or a hash change to one) opens the figure there, telling
 * the same words as stepping there did. A malformed link says why in plain words and shows
 * the figure as the chapter sets it.
 */
import { paxosStepper } from '../../playground/paxos/paxos-stepper.ts';
import { checkMutants } from '../../playground/paxos/mutants.ts';
import { formatPaxosLink, parsePaxosLink, type PaxosLink } from '../../playground/paxos/link.ts';
import { loadRun, type PaxosRun } from '../../playground/paxos/runs.ts';
import { describeStep, type PaxosStep } from '../../playground/paxos/steps.ts';
import { DEFAULT_CONFIG, type PaxosConfig, type PaxosState } from '../../playground/paxos/system.ts';
import type { Stepper } from '../../playground/sim/stepper.ts';
import { buildPaxosModel, tellPaxosStep, type PaxosViewModel } from '../views/paxos-model.ts';
import { createPaxosSvg, drawMessageList, drawPaxos, type MessageAction } from '../views/paxos-view.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

const DEFAULT_VALUES = ['X', 'Y', 'Z', 'W'];

class PaxosStepperElement extends HTMLElement {
  private stepper: Stepper<PaxosState, PaxosStep> = paxosStepper();
  private svg: SVGSVGElement | null = null;
  private selected: string | null = null;
  private exit: 'deliver' | 'fade' = 'deliver';
  private run: PaxosRun | null = null;

  connectedCallback(): void {
    if (this.svg) return;
    this.svg = createPaxosSvg(this.region('canvas'), 'Paxos nodes and messages in flight; the same facts are in the message list and the table.');
    this.wire();
    let lastWidth = 0;
    new ResizeObserver(() => {
      const width = this.region('canvas').clientWidth;
      if (Math.abs(width - lastWidth) < 8) return;
      lastWidth = width;
      this.render();
    }).observe(this.region('canvas'));
    this.start();
    if (!this.openLink()) this.render(true);
    window.addEventListener('hashchange', () => this.openLink());
  }

  /** As the chapter sets the figure: its classic run at the start, or an empty log. */
  private start(): void {
    const run = this.dataset.run;
    if (run) this.loadNamedRun(run, false);
    else this.reset(DEFAULT_CONFIG);
  }

  /** Opens the page hash's Paxos link if it names this figure; true if it did. */
  private openLink(): boolean {
    const parsed = parsePaxosLink(location.hash.slice(1));
    if (parsed === null) return false;
    const mine = parsed.ok ? parsed.link.figure === this.id : parsed.figure === this.id || (!document.getElementById(parsed.figure) && document.querySelector('paxos-stepper') === this);
    if (!mine) return false;
    const fail = (why: string): boolean => {
      this.start();
      this.render();
      this.say(`This link could not be opened (${why}); showing the figure from its start instead.`);
      return true;
    };
    if (!parsed.ok) return fail(parsed.error);
    const link = parsed.link;
    try {
      const run = link.run === null ? null : loadRun(link.run);
      this.stepper = paxosStepper(run ? run.config : { ...DEFAULT_CONFIG, mutants: checkMutants(link.rules ? [link.rules] : []) });
      const steps = run ? run.steps : link.steps;
      if (link.at > steps.length) return fail(`position ${link.at} is past its ${steps.length} steps`);
      this.stepper.load(steps, link.at);
      this.run = run;
    } catch (err) {
      return fail((err as Error).message);
    }
    this.selected = null;
    this.fillControls();
    if (this.run) this.region<HTMLSelectElement>('run').value = this.run.name;
    this.exit = 'fade';
    this.render(true);
    return true;
  }

  /** This figure as a link: its classic run (unchanged) or its log, its rules and its step. */
  private link(): PaxosLink {
    const { log, position } = this.stepper;
    const run = this.run;
    const unchanged = run !== null && run.steps.length === log.length && run.steps.every((s, i) => describeStep(s) === describeStep(log[i]!));
    const rules = this.stepper.state.config.mutants[0] ?? null;
    return { figure: this.id, rules: unchanged ? null : rules, run: unchanged ? run.name : null, steps: unchanged ? [] : log, at: position };
  }

  /** Once the reader has moved, the hash names this figure at its step (a heading's anchor stays until then). */
  private writeHash(): void {
    if (!this.id) return;
    const hash = formatPaxosLink(this.link());
    if (location.hash.slice(1) !== hash) history.replaceState(null, '', `#${hash}`);
  }

  private region<T extends HTMLElement = HTMLElement>(name: string): T {
    const found = this.querySelector<T>(`[data-role="${name}"]`);
    if (!found) throw new Error(`paxos-stepper: missing [data-role=${name}]`);
    return found;
  }

  private button(action: string): HTMLButtonElement {
    return this.querySelector<HTMLButtonElement>(`button[data-action="${action}"]`)!;
  }

  private wire(): void {
    this.button('back').addEventListener('click', () => this.move(() => this.stepper.undo()));
    this.button('forward').addEventListener('click', () => this.move(() => this.stepper.redo()));
    this.button('reset').addEventListener('click', () => this.move(() => this.stepper.goTo(0)));
    this.querySelector('button[data-action="to-start"]')?.addEventListener('click', () => {
      const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
      this.region('start').scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
      this.region('proposer').focus({ preventScroll: true });
    });
    this.addEventListener('keydown', (e) => {
      if (!e.altKey || (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight')) return;
      e.preventDefault();
      this.move(() => (e.key === 'ArrowLeft' ? this.stepper.undo() : this.stepper.redo()));
    });
    const start = this.region<HTMLFormElement>('start');
    const proposer = this.region<HTMLSelectElement>('proposer');
    const value = this.region<HTMLInputElement>('value');
    proposer.addEventListener('change', () => {
      if (DEFAULT_VALUES.includes(value.value) || value.value === '') value.value = DEFAULT_VALUES[proposer.selectedIndex % DEFAULT_VALUES.length]!;
    });
    start.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!value.checkValidity()) {
        this.say(`A value is 1 to 12 letters, digits, "_" or "-".`);
        value.focus();
        return;
      }
      this.perform({ do: 'start', proposer: proposer.value, value: value.value }, 'messages');
    });
    this.region<HTMLFormElement>('load').addEventListener('submit', (e) => {
      e.preventDefault();
      this.loadNamedRun(this.region<HTMLSelectElement>('run').value, true);
    });
    this.region<HTMLSelectElement>('mutant').addEventListener('change', (e) => {
      const name = (e.target as HTMLSelectElement).value;
      this.run = null;
      this.reset({ ...DEFAULT_CONFIG, mutants: checkMutants(name ? [name] : []) });
      this.writeHash();
      this.say(name ? `Rules changed to a broken Paxos: ${name}. The log is cleared.` : 'Rules changed back to correct Paxos. The log is cleared.');
    });
  }

  private reset(config: PaxosConfig): void {
    this.stepper = paxosStepper(config);
    this.selected = null;
    this.fillControls();
    this.render();
  }

  /** The proposer menu, the value and the rules, for the stepper's configuration. */
  private fillControls(): void {
    const proposer = this.region<HTMLSelectElement>('proposer');
    const ids = this.stepper.state.proposerIds;
    proposer.replaceChildren(...ids.map((id) => Object.assign(el('option', id), { value: id })));
    this.region<HTMLInputElement>('value').value = DEFAULT_VALUES[0]!;
    this.region<HTMLSelectElement>('mutant').value = this.stepper.state.config.mutants[0] ?? '';
  }

  private loadNamedRun(name: string, announce: boolean): void {
    let run: PaxosRun;
    try {
      run = loadRun(name);
    } catch (err) {
      this.say((err as Error).message);
      return;
    }
    this.reset(run.config);
    this.run = run;
    this.stepper.load(run.steps, 0);
    this.region<HTMLSelectElement>('run').value = run.name;
    this.render();
    if (announce) {
      this.say(`Loaded "${run.title}": ${run.steps.length} steps. Press Forward to take them one at a time, or make your own moves.`);
      this.button('forward').focus();
      this.writeHash();
    }
  }

  /** Applies one reader step; on success, re-renders and moves focus. */
  private perform(step: PaxosStep, focusAfter: 'messages' | 'keep'): void {
    try {
      this.stepper.do(step);
    } catch (err) {
      this.say(`Cannot ${describeStep(step)}: ${(err as Error).message}`);
      return;
    }
    this.exit = step.do === 'deliver' ? 'deliver' : 'fade';
    this.selected = null;
    this.render(true);
    this.writeHash();
    if (focusAfter === 'messages') this.focusFirstMessage();
  }

  private move(action: () => unknown): void {
    action();
    this.exit = 'fade';
    this.selected = null;
    this.render(true);
    this.writeHash();
  }

  private focusFirstMessage(): void {
    const first = this.querySelector<HTMLButtonElement>('.px-msg-button');
    (first ?? this.querySelector<HTMLButtonElement>('form[data-role="start"] button[type="submit"]'))?.focus();
  }

  private select(id: string): void {
    this.selected = this.selected === id ? null : id;
    this.render();
    const deliver = this.querySelector<HTMLButtonElement>('.px-actions button[data-action="deliver"]');
    deliver?.focus();
  }

  private act(id: string, action: MessageAction): void {
    const d = this.stepper.state.net.inFlight.find((x) => String(x.id) === id);
    if (!d) return;
    const msg = this.model().messages.find((m) => m.id === id)!.label;
    this.perform({ do: action, msg }, 'messages');
  }

  private model(): PaxosViewModel {
    return buildPaxosModel(this.stepper.state, { width: this.region('canvas').clientWidth || 600 });
  }

  private say(text: string): void {
    this.region('narration').textContent = text;
  }

  /**
   * What a challenge box reads (challenge.ts, on each `paxos-position` event): the history at
   * the position, and whether the run is the reader's own (no classic run loaded, correct rules).
   */
  get forChallenge(): { readonly history: PaxosState['history']; readonly own: boolean } {
    return { history: this.stepper.state.history, own: this.run === null && this.stepper.state.config.mutants.length === 0 };
  }

  private render(announce = false): void {
    const state = this.stepper.state;
    const model = this.model();
    if (this.selected && !model.messages.some((m) => m.id === this.selected)) this.selected = null;
    const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
    drawPaxos(this.svg!, model, { selected: this.selected, reducedMotion, exit: this.exit, onSelect: (id) => this.select(id) });
    drawMessageList(this.region<HTMLUListElement>('messages'), model, {
      selected: this.selected,
      onSelect: (id) => this.select(id),
      onAction: (id, action) => this.act(id, action),
    });
    this.region('msg-hint').textContent =
      model.messages.length === 0 ? 'Nothing is in flight. Start a round.' : 'Choose a message, then deliver, drop or duplicate it.';

    const banner = this.region('banner');
    banner.textContent = model.banner.text;
    banner.dataset.kind = model.banner.kind;

    const { position, log } = this.stepper;
    this.region('position').textContent = log.length === 0 ? 'no steps yet' : `step ${position} of ${log.length}`;
    // The way to the start form, while there is nothing to step through.
    const toStart = this.querySelector<HTMLButtonElement>('button[data-action="to-start"]');
    if (toStart) toStart.style.visibility = log.length === 0 ? '' : 'hidden';
    this.button('back').disabled = !this.stepper.canUndo;
    this.button('forward').disabled = !this.stepper.canRedo;
    this.button('reset').disabled = position === 0;
    this.renderFaults(state);
    this.renderLog();
    this.renderTable(model);
    this.region('run-summary').textContent = this.run ? `${this.run.title}: ${this.run.summary} (${this.run.source})` : '';
    // The position's words: the same whether the reader stepped here or opened a link.
    if (announce) this.say(tellPaxosStep(position, position > 0 ? log[position - 1]! : null, model, log.length));
    this.dispatchEvent(new Event('paxos-position'));
  }

  private renderFaults(state: PaxosState): void {
    const host = this.region('faults');
    const focused = document.activeElement instanceof HTMLButtonElement && host.contains(document.activeElement) ? document.activeElement.dataset.acceptor : null;
    host.replaceChildren(
      ...state.acceptorIds.map((id, i) => {
        const up = state.acceptors[i]!.up;
        const b = el('button', up ? `Crash ${id}` : `Recover ${id}`);
        b.type = 'button';
        b.dataset.acceptor = id;
        b.addEventListener('click', () => {
          this.perform({ do: up ? 'crash' : 'recover', acceptor: id }, 'keep');
          this.querySelector<HTMLButtonElement>(`.px-faults button[data-acceptor="${id}"]`)?.focus();
        });
        return b;
      }),
    );
    if (focused) this.querySelector<HTMLButtonElement>(`.px-faults button[data-acceptor="${focused}"]`)?.focus();
  }

  private renderLog(): void {
    const { position, log } = this.stepper;
    const items = [el('li')];
    items[0]!.append(this.logButton(0, 'the start'));
    log.forEach((step, i) => {
      const li = el('li');
      li.append(this.logButton(i + 1, describeStep(step)));
      if (i + 1 > position) li.classList.add('undone');
      items.push(li);
    });
    items[position]!.classList.add('current');
    const ol = this.region<HTMLOListElement>('log');
    ol.start = 0;
    ol.replaceChildren(...items);
  }

  private logButton(position: number, text: string): HTMLButtonElement {
    const b = el('button', text);
    b.type = 'button';
    if (position === this.stepper.position) b.setAttribute('aria-current', 'step');
    b.addEventListener('click', () => {
      this.move(() => this.stepper.goTo(position));
      this.querySelectorAll<HTMLButtonElement>('.px-log button')[position]?.focus();
    });
    return b;
  }

  private renderTable(model: PaxosViewModel): void {
    const table = el('table');
    table.createCaption().textContent = 'Nodes and their state';
    const head = table.createTHead().insertRow();
    for (const h of ['node', 'role', 'state']) {
      const th = el('th', h);
      th.scope = 'col';
      head.append(th);
    }
    const body = table.createTBody();
    for (const row of model.rows) {
      const tr = body.insertRow();
      row.forEach((cell, i) => {
        if (i === 0) {
          const th = el('th', cell);
          th.scope = 'row';
          tr.append(th);
        } else tr.insertCell().textContent = cell;
      });
    }
    const inflight = el('p', model.messages.length ? `In flight: ${model.messages.map((m) => m.text).join('; ')}.` : 'Nothing in flight.');
    this.region('table').replaceChildren(table, inflight);
  }
}

if (!customElements.get('paxos-stepper')) customElements.define('paxos-stepper', PaxosStepperElement);
