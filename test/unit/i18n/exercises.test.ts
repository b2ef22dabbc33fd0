/**
 * The exercises in Chinese (content/zh-cn/exercises/<name>/, read by
 * src/sandbox/exercise-files.ts): every English exercise has a Chinese prompt, hints and
 * starting code, and no Chinese folder lacks its English one; the prompt's frontmatter gives
 * a Chinese title and check summary; the hints have the English hints' sections; prose is
 * Chinese, one line per paragraph; and the Chinese starting code is the English code with
 * only its comments changed (TypeScript's scanner, comments skipped, token for token). Each
 * rule is shown rejecting a planted fault.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parseHints } from '../../../playground/exercises/hints.ts';
import { cjkShare, hardWrappedCjk, hasHan } from './text-rules.ts';

const EN = 'content/exercises';
const ZH = 'content/zh-cn/exercises';
const names = readdirSync(EN).sort();
const read = (dir: string, name: string, file: string): string => readFileSync(`${dir}/${name}/${file}`, 'utf8');

/** The code's tokens, comments and whitespace left out; each token's text. */
export function codeTokens(source: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source);
  const out: string[] = [];
  // Open braces inside each template substitution we are in: a `}` at zero ends the substitution.
  const braces: number[] = [];
  for (let t = scanner.scan(); t !== ts.SyntaxKind.EndOfFileToken; t = scanner.scan()) {
    if (t === ts.SyntaxKind.OpenBraceToken && braces.length > 0) braces[braces.length - 1]! += 1;
    if (t === ts.SyntaxKind.CloseBraceToken && braces.length > 0) {
      if (braces.at(-1) === 0) t = scanner.reScanTemplateToken(false);
      else braces[braces.length - 1]! -= 1;
    }
    if (t === ts.SyntaxKind.TemplateHead) braces.push(0);
    if (t === ts.SyntaxKind.TemplateTail) braces.pop();
    out.push(scanner.getTokenText());
  }
  return out;
}

/** Where two programs differ in code (not comments): the first differing token, or null. */
export function codeDifference(en: string, zh: string): string | null {
  const a = codeTokens(en);
  const b = codeTokens(zh);
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return `token ${i}: ${JSON.stringify(a[i])} in English, ${JSON.stringify(b[i])} in Chinese`;
  return null;
}

/** The frontmatter's `key: value` lines. */
function frontmatter(md: string): Record<string, string> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(md);
  return Object.fromEntries((m?.[1] ?? '').split('\n').map((l) => /^(\w+):\s*(.*)$/.exec(l)).filter((x) => x !== null).map((x) => [x[1]!, x[2]!]));
}

/** What is wrong with a Chinese prompt.md. */
function promptProblems(md: string): string[] {
  const f = frontmatter(md);
  const out: string[] = [];
  for (const key of ['title', 'summary']) if (!hasHan(f[key] ?? '')) out.push(`${key}: missing or not Chinese`);
  if (cjkShare(md) < 0.5) out.push(`mostly not Chinese (${cjkShare(md).toFixed(2)})`);
  const wrapped = hardWrappedCjk(md);
  if (wrapped.length > 0) out.push(`hard-wrapped at lines ${wrapped.join(', ')}`);
  return out;
}

/** What is wrong with Chinese hints against the English ones. */
function hintsProblems(en: string, zh: string): string[] {
  const a = parseHints(en);
  const b = parseHints(zh);
  const out: string[] = [];
  if (a.length !== b.length) out.push(`${b.length} hints, English has ${a.length}`);
  for (const h of b) if (!hasHan(h.title) || !hasHan(h.body)) out.push(`"${h.title}" is not Chinese`);
  const wrapped = hardWrappedCjk(zh);
  if (wrapped.length > 0) out.push(`hard-wrapped at lines ${wrapped.join(', ')}`);
  return out;
}

describe('the exercises in Chinese', () => {
  it('has a folder for every English exercise, and none other', () => {
    expect(readdirSync(ZH).sort()).toEqual(names);
  });

  describe.each(names)('%s', (name) => {
    it('has a Chinese prompt (title, check summary), hints and starting code', () => {
      for (const f of ['prompt.md', 'hints.md', 'start.ts']) expect(existsSync(`${ZH}/${name}/${f}`), f).toBe(true);
      expect(promptProblems(read(ZH, name, 'prompt.md'))).toEqual([]);
      expect(hintsProblems(read(EN, name, 'hints.md'), read(ZH, name, 'hints.md'))).toEqual([]);
    });

    it('starts from the English code, with only its comments translated, and they are Chinese', () => {
      const zh = read(ZH, name, 'start.ts');
      expect(codeDifference(read(EN, name, 'start.ts'), zh)).toBeNull();
      expect(hasHan(zh)).toBe(true);
      // No English sentence left in a comment.
      const comments = zh.split('\n').map((l) => /\/\/(.*)$|\/\*\*(.*)\*\//.exec(l)).filter((m) => m !== null).map((m) => (m[1] ?? m[2])!);
      expect(comments.filter((c) => /[a-z]{3,} [a-z]{3,} [a-z]{3,}/i.test(c.replace(/`[^`]*`/g, '')) && !hasHan(c))).toEqual([]);
    });
  });
});

describe('the rules reject planted faults', () => {
  const en = read(EN, 'safe-create', 'start.ts');
  const zh = read(ZH, 'safe-create', 'start.ts');

  it('code that differs outside comments: a renamed identifier, a changed string, a dropped line, a changed template', () => {
    expect(codeDifference(en, en.replace(/\/\/[^\n]*/g, '// 注释'))).toBeNull();
    expect(codeDifference(en, zh.replace('function createOnce(', 'function createOnly('))).toMatch(/createOnce.*createOnly/);
    expect(codeDifference(en, zh.replace("'CONNECTIONLOSS'", "'连接丢失'"))).not.toBeNull();
    expect(codeDifference(en, zh.replace('      throw err;\n', ''))).not.toBeNull();
    expect(codeDifference(en, zh.replace('`${dir}/task-`', '`${dir}/任务-`'))).not.toBeNull();
  });

  it('a prompt without a Chinese summary, left in English, or hard-wrapped', () => {
    const good = read(ZH, 'safe-create', 'prompt.md');
    expect(promptProblems(good.replace(/^summary:.*\n/m, ''))).toEqual(['summary: missing or not Chinese']);
    expect(promptProblems(read(EN, 'safe-create', 'prompt.md').replace('---\n\n', '---\n\n').replace(/^title:.*$/m, 'title: 一次\nsummary: 检查'))).toContain('mostly not Chinese (0.00)');
    expect(promptProblems(good.replace('内容是 `data`，', '内容是 `data`，\n'))[0]).toMatch(/^hard-wrapped/);
  });

  it('hints with a section missing or left in English', () => {
    const hen = read(EN, 'safe-create', 'hints.md');
    const hzh = read(ZH, 'safe-create', 'hints.md');
    expect(hintsProblems(hen, hzh.slice(0, hzh.lastIndexOf('## ')))).toEqual(['2 hints, English has 3']);
    expect(hintsProblems(hen, hzh.replace('## 提示一', '## A nudge'))).toEqual(['"A nudge" is not Chinese']);
  });
});
