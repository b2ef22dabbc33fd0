/**
 * The lab's narration in Chinese: with the Chinese catalogue, 200 steps of every lab of the
 * book are told in Chinese sentences, with no English phrase left (three English words in
 * a row; ZooKeeper's names such as `setData /config`, CONNECTED or SESSIONMOVED are not
 * phrases); and the English narration comes back unchanged when the English catalogue does.
 * The check itself rejects an English sentence and a Chinese one with an English phrase.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SCENARIOS, Timeline } from '../../../playground/timeline/index.ts';
import { narrationAt, speakNarration, stepStartOf } from '../../../src/views/narration.ts';
import en from '../../../src/i18n/en/narration.ts';
import zh from '../../../src/i18n/zh-cn/narration.ts';
import { bookLabs } from '../../harness/plain-words.ts';
import { hasHan } from './text-rules.ts';

const at = (tl: Timeline): string[] => narrationAt(tl.trace, stepStartOf(tl.boundaries, tl.position), tl.position);

/** What is not Chinese in a sentence: no Chinese at all, or an English phrase of three words. */
function notChinese(line: string): string | null {
  if (!hasHan(line)) return 'no Chinese';
  const phrase = /\b[a-z]{2,}\b[ ,']+\b[a-z]{2,}\b[ ,']+\b[a-z]{2,}\b/i.exec(line.replace(/\b(?:get|set|create|delete|exists|sync|multi|close)\w*\b[^，。；：（）]*/g, ''));
  return phrase === null ? null : `English phrase "${phrase[0]}"`;
}

afterAll(() => speakNarration(en));

describe('the narration in Chinese', () => {
  it('the check rejects English and a Chinese sentence with an English phrase', () => {
    expect(notChinese('s1 is LOOKING: it votes for a leader.')).toBe('no Chinese');
    expect(notChinese('s1 放弃自己的角色（lost its quorum）。')).toBe('English phrase "lost its quorum"');
    expect(notChinese('c1 的 setData /config 返回 OK。')).toBeNull();
  });

  it.each(bookLabs().map((l) => [l.chapter, l] as const))('in %s: 200 steps, each told in Chinese', (_chapter, lab) => {
    speakNarration(zh);
    const tl = new Timeline(SCENARIOS.get(lab.scenario)!, lab.seed);
    const problems: string[] = [];
    for (let step = 0; step < 200 && tl.stepForward(); step++) {
      for (const line of at(tl)) {
        const p = notChinese(line);
        if (p !== null) problems.push(`step ${step + 1}: ${p}: ${line}`);
      }
    }
    expect([...new Set(problems)].slice(0, 10)).toEqual([]);
  });

  it('speaks English again with the English catalogue, word for word as before', () => {
    const lab = bookLabs()[0]!;
    const tl = new Timeline(SCENARIOS.get(lab.scenario)!, lab.seed);
    for (let i = 0; i < 20; i++) tl.stepForward();
    speakNarration(zh);
    const chinese = at(tl);
    speakNarration(en);
    const english = at(tl);
    expect(chinese.every(hasHan)).toBe(true);
    expect(english.some(hasHan)).toBe(false);
    expect(english.join(' ')).toMatch(/[a-z]+ [a-z]+/);
  });
});
