/**
 * The Chinese terminology (content/zh-cn/terms.md) is used: no Chinese page and no Chinese
 * message catalogue writes a term the way the table says not to ("不用"); and the check
 * finds a planted wrong term.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Term {
  readonly english: string;
  readonly chinese: string;
  readonly avoid: readonly string[];
}

/** The table's rows. */
export function readTerms(md: string): Term[] {
  return md
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| English') && !l.startsWith('| ---'))
    .map((l) => l.split('|').map((c) => c.trim()))
    .map(([, english, chinese, avoid]) => ({ english: english!, chinese: chinese!, avoid: avoid!.split('、').map((a) => a.trim()).filter((a) => a !== '') }));
}

/** Each avoided spelling a text holds, as "term: avoided". */
export function avoidedTerms(text: string, terms: readonly Term[]): string[] {
  return terms.flatMap((t) => t.avoid.filter((a) => text.includes(a)).map((a) => `${t.english}: "${a}" (write ${t.chinese})`));
}

const terms = readTerms(readFileSync('content/zh-cn/terms.md', 'utf8'));
const files = [
  'content/zh-cn/index.mdx',
  ...readdirSync('content/zh-cn/chapters').map((f) => `content/zh-cn/chapters/${f}`),
  ...readdirSync('src/i18n/zh-cn').map((f) => `src/i18n/zh-cn/${f}`),
  ...readdirSync('content/zh-cn/exercises').flatMap((d) => readdirSync(`content/zh-cn/exercises/${d}`).map((f) => `content/zh-cn/exercises/${d}/${f}`)),
];

describe('the Chinese terminology', () => {
  it('has rows, each with a Chinese term', () => {
    expect(terms.length).toBeGreaterThan(40);
    for (const t of terms) expect(t.chinese, t.english).not.toBe('');
    expect(terms.find((t) => t.english === 'quorum')?.chinese).toBe('法定人数');
  });

  it.each(files)('%s writes every term as the table fixes it', (file) => {
    expect(avoidedTerms(readFileSync(file, 'utf8'), terms)).toEqual([]);
  });

  it('finds a planted avoided term', () => {
    expect(avoidedTerms('写入在仲裁确认后提交。', terms)).toEqual(['quorum: "仲裁" (write 法定人数)']);
  });
});
