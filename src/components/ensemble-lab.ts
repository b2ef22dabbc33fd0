/**
 * The <ensemble-lab> custom element (behaviour of EnsembleLab.astro): owns one timeline
 * (playground/timeline) and everything a reader does to it.
 *
 * - Loads paused at the scenario's first event, or at the moment the chapter opens it at
 *   (`data-opening`, a named moment: the leader elected and serving), or at the state a link
 *   in the page hash names (`#lab=<id>&v=1&…`, see playground/timeline/link.ts); a malformed
 *   link shows a plain-words message and the default view.
 * - Step forward / back move one kernel event; Play advances virtual time at the chosen
 *   speed on requestAnimationFrame, and Pause snaps to the last event shown (so a position
 *   always draws the same picture); the scrubber reaches any computed event; jumps find the
 *   next election, commit or fault.
 * - Faults and workloads become timeline inputs at the current position (forking if the
 *   run was computed beyond it); Undo / Redo walk the reader's action log.
 * - After every change it derives a frame (trace digest, server trees) and hands it to the
 *   subscribed views; it keeps the tables, the narration (a polite live region) and the
 *   hash in step. Animation never feeds back into the simulation: frames only read it.
 *
 * Imports the timeline, the view-models and the lab registry.
 */
import type { NodeId } from '../../playground/sim/types.ts';
import type { TraceEvent } from '../../playground/sim/trace.ts';
import { isFaultEvent } from '../../playground/sim/faults.ts';
import { printAction, type ReaderAction } from '../../playground/timeline/actions.ts';
import { formatLink, parseLink, type LinkState } from '../../playground/timeline/link.ts';
import type { Scenario } from '../../playground/timeline/scenario.ts';
import { SCENARIOS } from '../../playground/timeline/scenarios/index.ts';
import { Timeline } from '../../playground/timeline/timeline.ts';
import type { RunSpec } from '../../playground/explore/spec.ts';
import { messageInfo, payloadText } from '../views/message-info.ts';
import { joinSentences, narrate, narrationHere, speakNarration, stepStartOf } from '../views/narration.ts';
import { contentLocale, messagesFor } from '../i18n/locale.ts';
import narrationEn from '../i18n/en/narration.ts';
import { ServerTrees } from '../views/server-trees.ts';
import { shortZxid } from '../views/txn-log-model.ts';
import { TraceDigest } from '../views/trace-digest.ts';
import { traced } from '../views/traced.ts';
import { barState, keepRoomAhead, OPEN_AHEAD_MS, STATEFUL_ACTIONS, type BarState } from './lab-bar-state.ts';
import { registerLab, type LabFrame, type LabHost } from './lab-registry.ts';

const isElection = (e: TraceEvent): boolean => {
  const ev = e.kind === 'protocol' ? traced(e.event) : null;
  return ev?.type === 'zab.state' && ev.state === 'LEADING';
};
const isCommit = (e: TraceEvent): boolean => e.kind === 'protocol' && e.event.type === 'zab.commit';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}


class EnsembleLabElement extends HTMLElement implements LabHost {
  private timeline!: Timeline;
  private scenario!: Scenario;
  private spec: RunSpec | undefined;
  private digest!: TraceDigest;
  private trees!: ServerTrees;
  private generation = 0;
  private now = 0;
  private previous = 0;
  private playing = false;
  private speed = 100;
  private selectedZxid: string | null = null;
  private inspected: number | null = null;
  private hidePings = true;
  private readonly listeners: ((f: LabFrame) => void)[] = [];
  private raf = 0;
  private lastWall = 0;
  private lastSlow = 0;
  private narrated = 0;
  private started = false;
  /** Where the lab opened without a link (its first event, or its opening moment): no hash is written there. */
  private openedAt = -1;
  private lastFrame: LabFrame | null = null;
  /** The moment shown (its badge stays until the reader moves or the run changes). */
  private moment: { title: string; position: number; generation: number } | null = null;
  /** The tables' code, once the reader has opened them. */
  private tables: typeof import('./lab-tables.ts') | null = null;

  connectedCallback(): void {
    if (this.started) return;
    this.started = true;
    const link = this.linkFromHash();
    const fail = (err: unknown): void => this.showMessage(`This figure could not start: ${(err as Error).message}`);
    // A link to an explorer's run waits for the explorer's code; every other start is at once.
    if (link?.spec) {
      const release = this.holdClicks();
      this.loadExplorerRun(link, link.spec).then(() => this.begin(), fail).finally(release);
      return;
    }
    // The chapter's opening moment, found on a fresh run of the scenario as any moment is.
    if (!link && this.dataset.opening) {
      const release = this.holdClicks();
      this.loadOpening(this.dataset.opening).then(() => this.begin(), fail).finally(release);
      return;
    }
    try {
      this.load(link);
    } catch (err) {
      return fail(err);
    }
    this.begin();
  }

  /**
   * While the lab starts asynchronously, a press on its page-drawn bar is held (the last one)
   * and given again once the controls are wired: the press that loaded the lab's code
   * (load-near.ts gives it again as soon as the code is in) is not lost. Returns the release.
   */
  private holdClicks(): () => void {
    let held: HTMLElement | null = null;
    const hold = (e: Event): void => {
      e.preventDefault();
      e.stopPropagation();
      held = e.target as HTMLElement;
    };
    this.addEventListener('click', hold, true);
    return () => {
      this.removeEventListener('click', hold, true);
      held?.click();
    };
  }

  private begin(): void {
    // Its room was kept from the first paint (invisible until there is something to show).
    this.region('tables').removeAttribute('data-pending');
    this.wire();
    registerLab(this.id, this);
    window.addEventListener('hashchange', () => {
      const next = this.linkFromHash();
      if (!next) return;
      this.pause(false);
      if (next.spec) {
        void this.loadExplorerRun(next, next.spec).then(() => this.publish(true));
        return;
      }
      this.load(next);
      this.publish(true);
    });
    this.publish(true);
  }

  // ---- LabHost ------------------------------------------------------------------------------

  subscribe(listener: (frame: LabFrame) => void): () => void {
    this.listeners.push(listener);
    if (this.lastFrame) listener(this.lastFrame);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  selectZxid(zxid: string | null): void {
    this.selectedZxid = this.selectedZxid === zxid ? null : zxid;
    this.publish(false);
    if (this.selectedZxid) this.say(`Selected transaction ${shortZxid(this.selectedZxid)}${this.digest.labels.get(this.selectedZxid) ? `: ${this.digest.labels.get(this.selectedZxid)}` : ''}.`);
  }

  inspect(sendIndex: number | null): void {
    this.inspected = sendIndex;
    const pre = this.region('payload');
    const e = sendIndex === null ? undefined : this.timeline.trace[sendIndex];
    if (e?.kind !== 'send') {
      pre.hidden = true;
      this.publish(false);
      return;
    }
    const info = messageInfo(e.msg);
    pre.hidden = false;
    pre.textContent = `${info.type}: ${e.from} → ${e.to}, sent at ${e.sentAt} ms, due at ${e.deliverAt} ms (trace #${e.index})\n${payloadText(e.msg)}`;
    if (info.zxid) this.selectedZxid = info.zxid;
    this.publish(false);
    this.say(`Message ${info.summary}, from ${e.from} to ${e.to}. Its payload is shown below the figure.`);
  }

  // ---- loading ------------------------------------------------------------------------------

  private linkFromHash(): LinkState | null {
    const hash = location.hash.slice(1);
    if (!hash.startsWith('lab=')) return null;
    const parsed = parseLink(hash);
    if (!parsed.ok) {
      const named = /^lab=([^&]*)/.exec(hash)?.[1];
      const first = document.querySelector('ensemble-lab');
      if (decodeURIComponent(named ?? '') === this.id || (first === this && !document.getElementById(decodeURIComponent(named ?? '')))) {
        this.showMessage(`This link could not be opened (${parsed.error}); showing the figure from its start instead.`);
      }
      return null;
    }
    return parsed.state.lab === this.id ? parsed.state : null;
  }

  /** Load the book's scenario, or the one a link names (not an explorer's run: loadExplorerRun). */
  private load(link: LinkState | null): void {
    const scenarioId = link?.scenario ?? this.dataset.scenario ?? 'basic';
    const scenario = SCENARIOS.get(scenarioId);
    if (!scenario) throw new Error(`unknown scenario "${scenarioId}"`);
    this.start(scenario, link);
  }

  /** A link to a failing run of the explorer: its scenario is built by code loaded now. */
  private async loadExplorerRun(link: LinkState, spec: RunSpec): Promise<void> {
    const { scenarioFromRunSpec } = await import('../../playground/timeline/explorer-scenario.ts');
    this.start(scenarioFromRunSpec(spec), link);
  }

  private start(scenario: Scenario, link: LinkState | null): void {
    const seed = link?.seed ?? Number(this.dataset.seed ?? '1');
    const timeline = new Timeline(scenario, seed, link?.inputs ?? []);
    if (link) timeline.seek(Math.max(link.position, timeline.start));
    else this.openedAt = timeline.start;
    this.adopt(timeline, link?.spec);
  }

  /** Open at the book's run at moment `id` (EnsembleLab's `opening`), as a reader who has not moved yet. */
  private async loadOpening(id: string): Promise<void> {
    const { findScenarioMoment } = await import('../../playground/timeline/scenario-moments.ts');
    const found = findScenarioMoment(this.dataset.scenario ?? 'basic', Number(this.dataset.seed ?? '1'), id);
    if (!found.ok) throw new Error(found.error);
    this.openedAt = found.timeline.position;
    this.adopt(found.timeline);
  }

  /** Show `timeline` where it stands (a link's state, or a moment's). */
  private adopt(timeline: Timeline, spec?: RunSpec): void {
    this.spec = spec;
    this.scenario = timeline.scenario;
    this.timeline = timeline;
    // Compute a little ahead, so that the scrubber has somewhere to go.
    this.timeline.computeToTime(this.timeline.time + OPEN_AHEAD_MS);
    this.now = this.timeline.time;
    this.previous = this.timeline.position;
    this.narrated = this.timeline.position;
    this.selectedZxid = null;
    this.inspected = null;
    this.moment = null;
    this.fillSelects();
  }

  /**
   * Move to the book's run of this lab (its scenario and seed) at moment `id`: the faults the
   * moment names applied, standing just after what it names (playground/timeline/moments.ts).
   * The moments are loaded on first use. Returns false, saying why, if it is not found.
   */
  async showMoment(id: string): Promise<boolean> {
    const { findScenarioMoment } = await import('../../playground/timeline/scenario-moments.ts');
    this.pause(false);
    const found = findScenarioMoment(this.dataset.scenario ?? 'basic', Number(this.dataset.seed ?? '1'), id);
    if (!found.ok) {
      this.showMessage(`This moment could not be shown (${found.error}).`);
      return false;
    }
    this.adopt(found.timeline);
    this.moment = { title: found.moment.title, position: found.timeline.position, generation: this.generation + 1 };
    this.publish(true);
    const told = this.region('narration');
    told.textContent = `Moment: ${found.moment.title}. ${told.textContent ?? ''}`;
    return true;
  }

  private fillSelects(): void {
    const servers = this.timeline.servers;
    const everyone = [...servers, ...this.timeline.clients];
    // The page rendered the run's nodes and workloads (LabControl.astro); a reader may be on
    // one of them already (focused, ticked): they are kept when the run's are the same.
    const same = (now: Iterable<string>, ids: readonly string[]): boolean => [...now].join(' ') === ids.join(' ');
    const fill = (sel: HTMLSelectElement, ids: readonly NodeId[]): void => {
      if (same([...sel.options].map((o) => o.value), ids)) return;
      const keep = sel.value;
      sel.replaceChildren(...ids.map((id) => new Option(id, id)));
      if (ids.includes(keep)) sel.value = keep;
    };
    fill(this.select('server'), servers);
    fill(this.select('freeze-node'), everyone);
    fill(this.select('skew-node'), servers);
    fill(this.select('break-a'), everyone);
    fill(this.select('break-b'), everyone);
    if (this.select('break-b').value === this.select('break-a').value && everyone.length > 1) this.select('break-b').value = everyone[1]!;
    const sides = this.region('sides');
    if (!same([...sides.querySelectorAll('input')].map((b) => b.value), everyone)) sides.replaceChildren(
      ...everyone.map((id) => {
        const label = el('label');
        const box = el('input');
        box.type = 'checkbox';
        box.value = id;
        label.append(box, ` ${id}`);
        return label;
      }),
    );
    const workloads = this.region('workloads');
    if (same([...workloads.querySelectorAll('button')].map((b) => b.dataset.workload ?? ''), this.timeline.workloads)) return;
    workloads.replaceChildren();
    for (const name of this.timeline.workloads) {
      const b = el('button', `Start ${name}`);
      b.type = 'button';
      b.dataset.workload = name;
      workloads.append(b);
    }
  }

  // ---- controls -----------------------------------------------------------------------------

  private region(name: string): HTMLElement {
    // The lab's own parts, never its views' (a live tree has a server menu of its own).
    const found = [...this.querySelectorAll<HTMLElement>(`[data-role="${name}"]`)].find((e) => !e.closest('.lab-views, .lab-other-views'));
    if (!found) throw new Error(`ensemble-lab: missing [data-role=${name}]`);
    return found;
  }

  private select(name: string): HTMLSelectElement {
    return this.region(name) as HTMLSelectElement;
  }

  private button(action: string): HTMLButtonElement {
    return this.querySelector<HTMLButtonElement>(`:is(.lab-bar, .lab-tools) [data-action="${action}"]`)!;
  }

  private wire(): void {
    const onClick = (ev: Event): void => {
      const b = (ev.target as HTMLElement).closest('button');
      if (!b || b.disabled) return;
      if (b.dataset.workload) return this.act({ kind: 'workload', name: b.dataset.workload });
      this.onAction(b.dataset.action ?? '');
    };
    this.region('bar').addEventListener('click', onClick);
    this.region('tools').addEventListener('click', onClick);
    // The chapter's speed (EnsembleLab's `speed`), as the menu was rendered.
    this.speed = Number(this.select('speed').value);
    this.select('speed').addEventListener('change', () => {
      this.speed = Number(this.select('speed').value);
    });
    const scrub = this.region('scrub') as HTMLInputElement;
    scrub.addEventListener('input', () => {
      this.pause(false);
      const b = this.timeline.boundaries[Number(scrub.value)];
      if (b === undefined) return;
      this.previous = this.timeline.position;
      this.timeline.seek(b);
      this.now = this.timeline.time;
      this.publish(true);
    });
    const pings = this.region('hide-pings') as HTMLInputElement;
    pings.addEventListener('change', () => {
      this.hidePings = pings.checked;
      this.publish(false);
    });
    this.select('server').addEventListener('change', () => this.updateButtons());
    this.select('freeze-node').addEventListener('change', () => this.updateButtons());
    this.region('tables').addEventListener('toggle', () => this.updateTables());
    this.addEventListener('keydown', (ev) => {
      const t = ev.target as HTMLElement;
      if (t.closest('input, select, textarea')) return;
      if (ev.key === 'ArrowRight' && !t.closest('[role="button"]')) {
        ev.preventDefault();
        this.onAction('forward');
      } else if (ev.key === 'ArrowLeft' && !t.closest('[role="button"]')) {
        ev.preventDefault();
        this.onAction('back');
      }
    });
  }

  private onAction(action: string): void {
    const tl = this.timeline;
    const state = this.digest.at(tl.position);
    const leader = [...state.servers.values()].find((s) => s.up && s.role === 'LEADING')?.id;
    switch (action) {
      case 'play':
        return this.playing ? this.pause(true) : this.play();
      case 'forward':
        this.pause(false);
        return this.move(() => tl.stepForward());
      case 'back':
        this.pause(false);
        return this.move(() => tl.stepBack());
      case 'next-election':
        this.pause(false);
        return this.jump(isElection, 'election');
      case 'next-commit':
        this.pause(false);
        return this.jump(isCommit, 'commit');
      case 'next-fault':
        this.pause(false);
        return this.jump(isFaultEvent, 'fault');
      case 'undo':
      case 'redo': {
        this.pause(false);
        const before = tl.position;
        if (action === 'undo' ? tl.undo() : tl.redo()) {
          this.previous = Math.min(before, tl.position);
          this.now = tl.time;
          this.publish(true);
          this.say(action === 'undo' ? 'Undone: the run is back as it was before that action.' : 'Redone.');
        }
        return;
      }
      case 'copy-link':
        void this.copyLink();
        return;
      case 'more':
        return this.showMore(this.button('more').getAttribute('aria-expanded') !== 'true');
      case 'crash':
      case 'restart':
        return this.act({ kind: action, node: this.select('server').value });
      case 'crash-leader':
        if (leader === undefined) return this.say('There is no leader right now.');
        return this.act({ kind: 'crash', node: leader });
      case 'freeze':
      case 'freeze-leader': {
        const node = action === 'freeze' ? this.select('freeze-node').value : leader;
        if (node === undefined) return this.say('There is no leader right now.');
        return this.act({ kind: 'freeze', node, forMs: Number(this.select('freeze-for').value) });
      }
      case 'skew':
        return this.act({ kind: 'skew', node: this.select('skew-node').value, byMs: Number(this.select('skew-by').value) });
      case 'partition': {
        const sideA = [...this.region('sides').querySelectorAll<HTMLInputElement>('input:checked')].map((b) => b.value);
        const everyone = [...tl.servers, ...tl.clients];
        if (sideA.length === 0 || sideA.length === everyone.length) return this.say('Tick some, but not all, nodes for side A first.');
        return this.act({ kind: 'partition', groups: [sideA] });
      }
      case 'isolate-leader': {
        if (leader === undefined) return this.say('There is no leader right now.');
        const clients = [...state.clients.values()].filter((c) => c.server === leader).map((c) => c.id);
        return this.act({ kind: 'partition', groups: [[leader, ...clients]] });
      }
      case 'heal':
        return this.act({ kind: 'heal' });
      case 'latency': {
        const [min, max] = this.select('latency').value.split('-').map(Number);
        return this.act({ kind: 'latency', minMs: min!, maxMs: max! });
      }
      case 'break':
      case 'link-latency': {
        const a = this.select('break-a').value;
        const b = this.select('break-b').value;
        if (a === b) return this.say('Choose two different nodes.');
        if (action === 'break') return this.act({ kind: 'break', a, b });
        const [min, max] = this.select('latency').value.split('-').map(Number);
        return this.act({ kind: 'latency', minMs: min!, maxMs: max!, between: [a, b] });
      }
      default:
        return;
    }
  }

  /** Open (or close) "More controls and faults…". */
  showMore(open: boolean): void {
    this.region('more').hidden = !open;
    this.button('more').setAttribute('aria-expanded', String(open));
  }

  private move(fn: () => boolean): void {
    const before = this.timeline.position;
    if (!fn()) return;
    this.previous = before;
    this.now = this.timeline.time;
    this.publish(true);
  }

  private jump(pred: (e: TraceEvent) => boolean, what: string): void {
    const before = this.timeline.position;
    if (!this.timeline.seekNext(pred)) return this.say(`No ${what} in the next 50 000 events.`);
    // Tell what happened on the way (the latest few sentences end with the target).
    this.previous = before;
    this.now = this.timeline.time;
    this.publish(true);
  }

  private act(action: ReaderAction): void {
    this.pause(false);
    const before = this.timeline.position;
    this.timeline.act(action);
    this.previous = before;
    this.now = this.timeline.time;
    const skipped = this.timeline.skippedInputs.has(this.timeline.readerInputs.length - 1);
    this.publish(true);
    if (skipped) this.say(`Nothing to do: ${printAction(action)} does not apply now.`);
  }

  private play(): void {
    this.playing = true;
    const b = this.button('play');
    // A drawn pause sign: Debian's fonts lack the ⏸ glyph.
    const icon = document.createElement('span');
    icon.className = 'lab-pause-icon';
    icon.setAttribute('aria-hidden', 'true');
    b.replaceChildren(icon, 'Pause');
    b.setAttribute('aria-label', 'Pause');
    this.lastWall = performance.now();
    this.lastSlow = 0;
    const tick = (wall: number): void => {
      if (!this.playing) return;
      const dt = Math.min(100, Math.max(0, wall - this.lastWall));
      this.lastWall = wall;
      this.now += (dt * this.speed) / 1000;
      const before = this.timeline.position;
      this.timeline.seekTime(Math.floor(this.now));
      if (this.timeline.position !== before) this.previous = before;
      this.publish(false);
      this.raf = requestAnimationFrame(tick);
    };
    this.raf = requestAnimationFrame(tick);
  }

  /** Stop playing; snap to the last event shown, so a position always draws the same. */
  private pause(announce: boolean): void {
    if (!this.playing) return;
    this.playing = false;
    cancelAnimationFrame(this.raf);
    const b = this.button('play');
    b.textContent = '▶ Play';
    b.setAttribute('aria-label', 'Play');
    this.now = this.timeline.time;
    this.previous = this.narrated;
    this.publish(announce);
  }

  private async copyLink(): Promise<void> {
    this.writeHash();
    try {
      await navigator.clipboard.writeText(location.href);
      this.say('Link copied: it opens this figure at this very moment.');
    } catch {
      this.say(`Copy this link: ${location.href}`);
    }
  }

  // ---- publishing ---------------------------------------------------------------------------

  private publish(announce: boolean): void {
    const tl = this.timeline;
    if (!this.digest || this.digest.trace !== tl.trace) {
      this.digest = new TraceDigest(tl.trace, tl.servers, tl.clients);
      this.trees = new ServerTrees(tl.trace);
      this.generation++;
    }
    const state = this.digest.at(tl.position);
    this.showMomentBadge();
    const frame: LabFrame = {
      timeline: tl,
      digest: this.digest,
      trees: this.trees,
      servers: tl.servers,
      clients: tl.clients,
      position: tl.position,
      previous: this.previous,
      stepStart: this.stepStart(),
      now: this.now,
      state,
      selectedZxid: this.selectedZxid,
      inspected: this.inspected,
      playing: this.playing,
      reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
      hidePings: this.hidePings,
      generation: this.generation,
    };
    this.lastFrame = frame;
    for (const l of [...this.listeners]) l(frame);
    const wall = performance.now();
    if (!this.playing || wall - this.lastSlow > 400) {
      this.lastSlow = wall;
      this.updateButtons();
      this.updateClock();
      this.updateTables();
    }
    if (announce || (this.playing && wall - this.lastSlow < 1 && tl.position - this.narrated > 0)) this.narrateNow();
    if (!this.playing) this.writeHash();
  }

  /** The moment's title above the narration while the lab stands at it. */
  private showMomentBadge(): void {
    const badge = this.region('moment');
    const m = this.moment;
    const here = m !== null && m.position === this.timeline.position && m.generation === this.generation;
    if (!here) this.moment = null;
    badge.hidden = !here;
    const text = here ? `Moment: ${m.title}.` : '';
    if (badge.textContent !== text) badge.textContent = text;
  }

  private stepStart(): number {
    return stepStartOf(this.timeline.boundaries, this.timeline.position);
  }

  /**
   * Paused, the narration is the position's (`narrationAt`: the same words however the
   * reader got here); while playing, what mattered since the last frame told.
   */
  private narrateNow(): void {
    const tl = this.timeline;
    const lines = this.playing ? narrate(tl.trace, this.narrated, tl.position, 2) : narrationHere(tl.trace, tl.boundaries, tl.position, tl.start);
    this.narrated = tl.position;
    if (lines.length === 0) return;
    this.region('now').textContent = joinSentences(lines);
    this.region('narration').textContent = joinSentences(lines);
  }

  private say(text: string): void {
    this.region('now').textContent = text;
    this.region('narration').textContent = text;
  }

  private showMessage(text: string): void {
    const m = this.region('message');
    m.hidden = false;
    m.textContent = text;
  }

  private updateClock(): void {
    const tl = this.timeline;
    // Keep room ahead: compute a little further when the reader nears the end.
    if (!this.playing) keepRoomAhead(tl);
    const bar = this.barState();
    // "t = … ms · event …", in two parts a phone stacks (EnsembleLab.astro).
    const [time, event] = [...this.region('clock').querySelectorAll('[data-part]')];
    time!.textContent = bar.time;
    event!.textContent = bar.event;
    const scrub = this.region('scrub') as HTMLInputElement;
    scrub.max = String(bar.scrubMax);
    scrub.value = String(bar.scrubValue);
    scrub.setAttribute('aria-valuetext', bar.scrubText);
  }

  private updateButtons(): void {
    const { disabled } = this.barState();
    for (const action of STATEFUL_ACTIONS) this.button(action).disabled = disabled.has(action);
  }

  private barState(): BarState {
    const tl = this.timeline;
    return barState(tl, this.digest.at(tl.position), this.now, { server: this.select('server').value, freezeNode: this.select('freeze-node').value });
  }

  private updateTables(): void {
    // A closed table costs nothing: it is filled (and its code loaded) when the reader opens it.
    if (!(this.region('tables') as HTMLDetailsElement).open) return;
    if (!this.tables) {
      void import('./lab-tables.ts').then((m) => {
        this.tables = m;
        this.updateTables();
      });
      return;
    }
    const tl = this.timeline;
    this.tables.fillTables((name) => this.region(name), tl.servers, tl.clients, this.digest.at(tl.position), this.hidePings);
  }

  private writeHash(): void {
    const tl = this.timeline;
    const link = formatLink({
      lab: this.id,
      scenario: this.spec ? 'explore' : this.scenario.id,
      seed: tl.seed,
      position: tl.position,
      inputs: tl.readerInputs,
      ...(this.spec ? { spec: this.spec } : {}),
    });
    if (location.hash.slice(1) === link) return;
    // Only once the reader has moved: a page opened at a heading keeps its anchor, and a page
    // opened at another lab's link keeps that link (the labs above it start first).
    const linked = /^#lab=([^&]*)/.exec(location.hash)?.[1];
    if (linked !== encodeURIComponent(this.id) && tl.position === this.openedAt && tl.readerInputs.length === 0 && !this.spec) return;
    history.replaceState(null, '', `#${link}`);
  }
}

// The narration speaks the language of the text around it; on a Chinese page its catalogue loads before the lab draws.
speakNarration(await messagesFor(narrationEn, () => import('../i18n/zh-cn/narration.ts'), contentLocale()));
if (!customElements.get('ensemble-lab')) customElements.define('ensemble-lab', EnsembleLabElement);
