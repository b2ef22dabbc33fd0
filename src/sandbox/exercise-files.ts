/**
 * The exercise folders (`content/exercises/<name>/`), read at build time for the
 * `<Playground>` component: the prompt (a Markdown component), the starting code, the
 * solution, the hints (`hints.md`, one per `## ` section, as HTML), and from `check.ts` the
 * check's own code and summary. Server side (Astro frontmatter) only; imports the folders
 * through Vite's glob import.
 *
 * In each language: a translation of an exercise is `content/<locale>/exercises/<name>/`
 * with its own `prompt.md` (frontmatter `title` and `summary`, the check's summary in that
 * language), `hints.md` and `start.ts` (the same code, its comments translated;
 * test/unit/i18n/exercises.test.ts holds the code to the English token for token). The
 * solution and the check are the English folder's, in every language. A page of a locale
 * whose translation of an exercise is missing shows the English one.
 */
import type { ExerciseCheck } from '../../playground/exercises/exercise.ts';
import { splitHints, type HintHtml } from '../../playground/exercises/hints.ts';
import type { Locale } from '../i18n/locale.ts';

type MarkdownModule = { default: unknown; frontmatter?: { title?: string; summary?: string }; compiledContent(): Promise<string> };

const prompts = import.meta.glob<MarkdownModule>(['../../content/exercises/*/prompt.md', '../../content/zh-cn/exercises/*/prompt.md'], { eager: true });
const starts = import.meta.glob<string>(['../../content/exercises/*/start.ts', '../../content/zh-cn/exercises/*/start.ts'], { query: '?raw', import: 'default', eager: true });
const solutions = import.meta.glob<string>('../../content/exercises/*/solution.ts', { query: '?raw', import: 'default', eager: true });
const hintFiles = import.meta.glob<MarkdownModule>(['../../content/exercises/*/hints.md', '../../content/zh-cn/exercises/*/hints.md'], { eager: true });
const checks = import.meta.glob<{ default: ExerciseCheck }>('../../content/exercises/*/check.ts', { eager: true });

/** Where a locale's exercise folders are. */
const FOLDER: Readonly<Record<Locale, string>> = { en: '../../content/exercises', 'zh-CN': '../../content/zh-cn/exercises' };

export interface ExerciseFiles {
  readonly title: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly Prompt: any;
  readonly start: string;
  readonly solution: string;
  readonly harness: string;
  readonly summary: string;
  /** The hints in order, each a `## ` section of `hints.md`: its title and its body, as HTML. */
  hints(): Promise<HintHtml[]>;
  /** The check's ensemble size: a fault schedule may name s1 … s<servers> only. */
  readonly servers: number;
}

export function exerciseFiles(name: string, locale: Locale = 'en'): ExerciseFiles | undefined {
  const at = (kind: string): string => `${FOLDER.en}/${name}/${kind}`;
  // The locale's own file, else the English one.
  const own = <T>(files: Record<string, T>, kind: string): T | undefined => files[`${FOLDER[locale]}/${name}/${kind}`] ?? files[at(kind)];
  const prompt = own(prompts, 'prompt.md');
  const start = own(starts, 'start.ts');
  const solution = solutions[at('solution.ts')];
  const check = checks[at('check.ts')]?.default;
  if (prompt === undefined || start === undefined || solution === undefined || check === undefined) return undefined;
  return {
    title: prompt.frontmatter?.title ?? name,
    Prompt: prompt.default,
    start,
    solution,
    harness: check.harness.trim(),
    summary: prompt.frontmatter?.summary ?? check.summary,
    hints: async () => {
      const file = own(hintFiles, 'hints.md');
      return file === undefined ? [] : splitHints(await file.compiledContent());
    },
    servers: check.servers,
  };
}
