/**
 * The <book-challenge> custom element (behaviour of Challenge.astro): a challenge on a
 * stepper or a lab, judged by the position the figure reached (src/views/challenges.ts).
 * It follows its figure — a <paxos-stepper> by its `paxos-position` events, an
 * <ensemble-lab> by the frames it publishes — and ticks each stage live as the position
 * reaches it. A stage reached with the reader's own moves is kept (reader-progress.ts: the
 * stage, and the challenge once every stage is kept); one reached in a run a link opened
 * (the page's hash named the figure), a loaded classic run or broken rules shows ✓ but is
 * not kept, and the box says why.
 *
 * Browser-only; imports the goals, the progress store and the lab registry.
 */
import { CHALLENGES, stagesReached, type ChallengeId, type StagesReached } from '../views/challenges.ts';
import { whenLab } from './lab-registry.ts';
import { readExercise, writeExercisePassed } from './reader-progress.ts';
import { messagesFor } from '../i18n/locale.ts';
import en from '../i18n/en/reading.ts';
import type { PaxosEvent } from '../../playground/paxos/events.ts';

/** Whether a page hash is a link to figure `id` (a lab's `lab=` or a stepper's `paxos=`). */
const m = await messagesFor(en, () => import('../i18n/zh-cn/reading.ts'));

const linksTo = (hash: string, id: string): boolean => {
  const p = new URLSearchParams(hash.slice(1));
  return p.get('lab') === id || p.get('paxos') === id;
};

class ChallengeElement extends HTMLElement {
  private linked = false;

  connectedCallback(): void {
    if (this.dataset.ready) return;
    this.dataset.ready = '1';
    const goal = this.dataset.goal as ChallengeId;
    const figure = this.dataset.for!;
    this.linked = linksTo(location.hash, figure);
    addEventListener('hashchange', () => void (this.linked ||= linksTo(location.hash, figure)));
    this.show(CHALLENGES[goal].stages.map(() => null), true);
    if (goal === 'zab-sync') {
      let key = '';
      let reached: StagesReached = [];
      void whenLab(figure).then((lab) =>
        lab.subscribe((f) => {
          // First indexes over the whole computed trace; a stage is reached once the position passes it.
          const k = `${f.generation}:${f.timeline.trace.length}`;
          if (k !== key) [key, reached] = [k, stagesReached(goal, f.timeline.trace)];
          this.show(reached.map((i) => (i !== null && i < f.position ? i : null)), true);
        }),
      );
    } else {
      const stepper = document.getElementById(figure) as (HTMLElement & { forChallenge?: { history: readonly PaxosEvent[]; own: boolean } }) | null;
      const update = (): void => {
        const at = stepper?.forChallenge;
        if (at !== undefined) this.show(stagesReached(goal, at.history), at.own);
      };
      stepper?.addEventListener('paxos-position', update);
      void customElements.whenDefined('paxos-stepper').then(update);
    }
  }

  private show(reached: StagesReached, own: boolean): void {
    const keep = own && !this.linked;
    const stages = [...this.querySelectorAll<HTMLElement>('[data-stage]')];
    let news = '';
    reached.forEach((at, k) => {
      const li = stages[k]!;
      const stage = `${this.id}.${k + 1}`;
      if (at !== null && keep && readExercise(stage) === null) writeExercisePassed(stage);
      const done = at !== null || readExercise(stage) === 'passed';
      if (done && li.dataset.done !== 'true' && at !== null) news = m.reached(li.querySelector('[data-role="goal"]')!.textContent ?? '');
      li.dataset.done = String(done);
      li.querySelector('[data-role="state"]')!.textContent = at !== null ? m.reachedState : done ? m.doneBefore : m.notYet;
    });
    if (stages.every((_, k) => readExercise(`${this.id}.${k + 1}`) === 'passed') && readExercise(this.id) === null) writeExercisePassed(this.id);
    this.querySelector<HTMLElement>('[data-role="passed"]')!.hidden = readExercise(this.id) !== 'passed';
    this.querySelector<HTMLElement>('[data-role="borrowed"]')!.hidden = keep || !reached.some((at) => at !== null);
    if (news !== '') this.querySelector('[data-role="news"]')!.textContent = news;
  }
}

customElements.define('book-challenge', ChallengeElement);
