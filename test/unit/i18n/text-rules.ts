/**
 * Rules a translation is held to, as pure functions the tests run on the real files and on
 * planted bad ones: how much of a page's prose is Chinese (`cjkShare`), which links inside
 * the book a translated page holds (`bookLinks`), and what is wrong with a message catalogue
 * against the English one (`catalogueProblems`: a key missing or unknown, a message of
 * another shape, a parameter the translation drops, a sentence left in English).
 */

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/gu;
const LATIN = /[A-Za-z]/g;

/** An MDX page's prose: without imports, code, tags' markup, link targets, comments and footnote definitions (citations keep their sources' language). */
export function proseOf(mdx: string): string {
  return mdx
    .replace(/^\[\^[^\]]+\]:.*$/gm, '')
    .replace(/^---\n[\s\S]*?\n---\n/, (front) => front.split('\n').filter((l) => /^\s*(title|description|tagline|- text|text):/.test(l)).join('\n'))
    .replace(/^import .*$/gm, '')
    .replace(/```[\s\S]*?```/g, '')
    .replace(/`[^`\n]*`/g, '')
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/\]\([^)]*\)/g, ']');
}

/** Han characters over Han characters plus Latin letters in a page's prose (0 for an English page). */
export function cjkShare(mdx: string): number {
  const prose = proseOf(mdx);
  const han = prose.match(HAN)?.length ?? 0;
  const latin = prose.match(LATIN)?.length ?? 0;
  return han + latin === 0 ? 0 : han / (han + latin);
}

export const hasHan = (s: string): boolean => new RegExp(HAN.source, 'u').test(s);

/** Links to pages of the book in an MDX page: Markdown `](/x/)`, `href="/x/"` and frontmatter `link: /x/`. */
export function bookLinks(mdx: string): string[] {
  const out: string[] = [];
  for (const m of mdx.matchAll(/\]\((\/[^)\s#]*)[^)]*\)|href="(\/[^"#]*)[^"]*"|^\s*link:\s*(\/\S*)/gm)) out.push(m[1] ?? m[2] ?? m[3]!);
  return out;
}

type Catalogue = Readonly<Record<string, unknown>>;

/** Arguments to call a message with: numbers first (plural logic), else strings, else lists of strings. */
function sample(f: (...a: unknown[]) => unknown): { args: unknown[]; out: string } | null {
  for (const make of [(i: number) => 7301 + i, (i: number) => `ARG${i}x`, (i: number) => [`ARG${i}a`, `ARG${i}b`, `ARG${i}c`]]) {
    const args = Array.from({ length: f.length }, (_, i) => make(i));
    try {
      const out = f(...args);
      if (typeof out === 'string') return { args, out };
    } catch {
      // try the next kind of argument
    }
  }
  return null;
}

/** The marks a message's output carries for its arguments: numbers, `ARG0x` strings, `ARG0a` list items. */
function marksOf(args: readonly unknown[]): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'number') out.push(String(v));
    else if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  args.forEach(walk);
  return out.filter((x) => /^(ARG\d+[a-z]|7\d{3})$/.test(x));
}

/** What is wrong with `other` as a translation of the English catalogue `en`; empty when nothing. */
export function catalogueProblems(en: Catalogue, other: Catalogue, samples: Readonly<Record<string, readonly (readonly unknown[])[]>> = {}): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(other)) if (!(key in en)) problems.push(`${key}: not a key of the English catalogue`);
  for (const [key, e] of Object.entries(en)) {
    if (!(key in other)) {
      problems.push(`${key}: missing`);
      continue;
    }
    const o = other[key];
    if (typeof e !== typeof o) {
      problems.push(`${key}: a ${typeof o} where English has a ${typeof e}`);
      continue;
    }
    if (typeof e === 'string') {
      if (/[a-z]{2,}\W+[a-z]{2,}/i.test(e) && !hasHan(o as string)) problems.push(`${key}: still English ("${o as string}")`);
      continue;
    }
    if (typeof e === 'function') {
      const f = e as (...a: unknown[]) => unknown;
      const g = o as (...a: unknown[]) => unknown;
      const given = samples[key]?.map((args) => ({ args: [...args], out: String(f(...args)) }));
      const s = sample(f);
      const runs = given ?? (s === null ? [] : [s]);
      if (runs.length === 0) {
        problems.push(`${key}: the English message cannot be called with numbers, strings or lists of strings (give it samples)`);
        continue;
      }
      for (const run of runs) {
        let out: unknown;
        try {
          out = g(...run.args);
        } catch (err) {
          problems.push(`${key}: throws (${String(err)})`);
          continue;
        }
        if (typeof out !== 'string') {
          problems.push(`${key}: returns ${typeof out}, not a string`);
          continue;
        }
        for (const mark of marksOf(run.args)) if (run.out.includes(mark) && !out.includes(mark)) problems.push(`${key}: drops a parameter (${mark} missing from "${out}")`);
        if (/[a-z]{2,}\W+[a-z]{2,}/i.test(run.out.replace(/ARG\d+[a-z]/g, '')) && !hasHan(out)) problems.push(`${key}: still English ("${out}")`);
      }
      continue;
    }
    if (typeof e === 'object' && e !== null) problems.push(...catalogueProblems(e as Catalogue, o as Catalogue, samples).map((p) => `${key}.${p}`));
  }
  return problems;
}

const CJK_END = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]$/u;
const CJK_START = /^[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/u;
/** A line that starts a block of its own (a tag, heading, list item, table row, footnote, aside, import). */
const BLOCK_START = /^(<|#|[-*+] |\d+\. |\||\[\^|:::|import |export |\{\/\*)/;

/**
 * Lines of a page where a paragraph of Chinese is hard-wrapped: the browser turns the line
 * break into a space between two Chinese characters (Chromium does not drop it), so a
 * Chinese paragraph is one line. 1-based line numbers.
 */
export function hardWrappedCjk(mdx: string): number[] {
  const lines = mdx.split('\n');
  const out: number[] = [];
  let fence = false;
  let template = false;
  let front = lines[0] === '---';
  for (let i = 0; i + 1 < lines.length; i++) {
    const a = lines[i]!.trim();
    const b = lines[i + 1]!.trim();
    if (i > 0 && front && a === '---') {
      front = false;
      continue;
    }
    if (a.startsWith('```')) fence = !fence;
    // Code in a module constant (`export const code = \`…\`;`), whose comments are Chinese too.
    if ((a.split('`').length - 1) % 2 === 1) template = !template;
    if (template || front || fence || a === '' || b === '' || BLOCK_START.test(b) || a.endsWith('>') || b.startsWith('```')) continue;
    if (CJK_END.test(a) || CJK_START.test(b)) out.push(i + 1);
  }
  return out;
}
