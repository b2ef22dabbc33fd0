/**
 * Every message catalogue of src/i18n has a Chinese twin with every English key, each
 * message of the same shape, every parameter used and nothing left in English; and the rule
 * rejects planted faults: a key removed, a key the English lacks, a string where English
 * has a function, a parameter dropped, a sentence not translated.
 */
import { describe, expect, it } from 'vitest';
import { catalogueProblems } from './text-rules.ts';
import { CATALOGUES } from './catalogue-list.ts';

describe.each(CATALOGUES)('the $name catalogue', ({ en, zh, samples }) => {
  it('has every English key in Chinese, of the same shape, parameters kept, translated', () => {
    expect(catalogueProblems(en, zh, samples)).toEqual([]);
  });

  it('is refused with a key removed, added, reshaped, a parameter dropped or left in English', () => {
    const keys = Object.keys(en);
    const fn = keys.find((k) => typeof en[k] === 'function' && (en[k] as (...a: unknown[]) => unknown).length > 0)!;
    const str = keys.find((k) => typeof en[k] === 'string' && /[a-z]{2,} [a-z]{2,}/i.test(en[k] as string))!;
    const { [str]: _gone, ...missing } = zh;
    expect(catalogueProblems(en, missing, samples)).toEqual([`${str}: missing`]);
    expect(catalogueProblems(en, { ...zh, planted: 'x' }, samples)).toEqual(['planted: not a key of the English catalogue']);
    expect(catalogueProblems(en, { ...zh, [fn]: '固定的句子' }, samples)).toEqual([`${fn}: a string where English has a function`]);
    expect(catalogueProblems(en, { ...zh, [fn]: () => '丢了参数的句子' }, samples)[0]).toMatch(new RegExp(`^${fn}: drops a parameter`));
    expect(catalogueProblems(en, { ...zh, [str]: en[str] }, samples)).toEqual([`${str}: still English ("${en[str] as string}")`]);
  });
});

describe('the list of catalogues', () => {
  it('names every English catalogue, and each has a Chinese file', async () => {
    const { readdirSync } = await import('node:fs');
    const en = readdirSync('src/i18n/en').map((f) => f.replace(/\.ts$/, '')).sort();
    expect(CATALOGUES.map((c) => c.name).sort()).toEqual(en);
    expect(readdirSync('src/i18n/zh-cn').map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(en);
  });
});

describe('the narration catalogue\'s samples', () => {
  it('tell every fault in Chinese, and catch a fault sentence left in English or dropping a node', async () => {
    const { default: en } = await import('../../../src/i18n/en/narration.ts');
    const { default: zh } = await import('../../../src/i18n/zh-cn/narration.ts');
    const samples = CATALOGUES.find((c) => c.name === 'narration')!.samples!;
    expect(catalogueProblems(en, { ...zh, fault: en.fault }, samples).length).toBe(samples.fault!.length);
    const dropsNode: typeof zh.fault = (f) => (f.kind === 'crash' ? '一台服务器崩溃了。' : zh.fault(f));
    expect(catalogueProblems(en, { ...zh, fault: dropsNode }, samples)).toEqual(['fault: drops a parameter (ARG0x missing from "一台服务器崩溃了。")']);
  });
});
