/**
 * A <Predict>'s behaviour (Predict.astro renders the question, the choices as a radio group,
 * a disabled Reveal button and the hidden answer). Loaded with reading-aids.ts (by
 * book-parts.ts) on the reader's first choice, or to restore an earlier answer. Choosing remembers the choice; Reveal (only
 * possible after a choice) says whether it was right, shows why each choice is right or
 * tempting, opens the answer, remembers that it was revealed, and — when the prediction names
 * a lab and a moment — moves that lab to the moment that shows the answer. Restoring shows an
 * earlier visit's state without moving any lab.
 *
 * Browser-only; imports the progress store and the lab lookup.
 */
import { labById } from './reading-aids.ts';
import { readPredict, writePredict } from './reader-progress.ts';
import { messagesFor } from '../i18n/locale.ts';
import en from '../i18n/en/reading.ts';

const m = await messagesFor(en, () => import('../i18n/zh-cn/reading.ts'));

function parts(p: HTMLElement) {
  const q = <T extends HTMLElement>(sel: string): T => p.querySelector<T>(sel)!;
  return {
    id: p.dataset.predict ?? '',
    fieldset: q<HTMLFieldSetElement>('fieldset'),
    radios: [...p.querySelectorAll<HTMLInputElement>('input[type="radio"]')],
    choices: [...p.querySelectorAll<HTMLElement>('[data-choice]')],
    reveal: q<HTMLButtonElement>('[data-role="reveal"]'),
    hint: q<HTMLElement>('[data-role="hint"]'),
    verdict: q<HTMLElement>('[data-role="verdict"]'),
    answer: q<HTMLElement>('[data-role="answer"]'),
  };
}

const chosen = (p: HTMLElement): number => {
  const r = parts(p).radios.find((x) => x.checked);
  return r === undefined ? -1 : Number(r.value);
};

export function choose(p: HTMLElement, index: number): void {
  const { id, reveal, hint } = parts(p);
  if (p.dataset.state === 'revealed') return;
  reveal.disabled = false;
  hint.textContent = m.revealWhenSure;
  writePredict(id, { choice: index, revealed: false });
}

/** Show the verdict and every choice's reason (no lab moves). */
function showRevealed(p: HTMLElement, choice: number): void {
  const { fieldset, choices, reveal, hint, verdict, answer } = parts(p);
  const right = choices.findIndex((c) => c.dataset.correct === 'true');
  const text = (i: number): string => choices[i]?.querySelector('[data-role="text"]')?.textContent?.trim() ?? '';
  p.dataset.state = 'revealed';
  for (const [i, c] of choices.entries()) {
    c.dataset.verdict = i === right ? 'right' : 'wrong';
    if (i === choice) c.dataset.chosen = 'true';
    c.querySelector<HTMLElement>('[data-role="why"]')!.hidden = false;
  }
  fieldset.disabled = true;
  reveal.hidden = true;
  hint.hidden = true;
  // The reasons now show under each choice, above the verdict; the verdict only says which.
  verdict.textContent = choice === right ? m.right : m.notQuite(text(right));
  verdict.dataset.verdict = choice === right ? 'right' : 'wrong';
  answer.hidden = false;
}

export async function reveal(p: HTMLElement): Promise<void> {
  const choice = chosen(p);
  if (choice < 0 || p.dataset.state === 'revealed') return;
  showRevealed(p, choice);
  const { id, verdict } = parts(p);
  writePredict(id, { choice, revealed: true });
  verdict.focus();
  const { lab: labId, moment } = p.dataset;
  if (labId && moment) await (await labById(labId))?.showMoment(moment);
}

export function restore(p: HTMLElement): void {
  const saved = readPredict(p.dataset.predict ?? '');
  const { radios, reveal } = parts(p);
  const radio = saved ? radios[saved.choice] : undefined;
  if (!saved || !radio) return;
  radio.checked = true;
  reveal.disabled = false;
  if (saved.revealed) showRevealed(p, saved.choice);
}
