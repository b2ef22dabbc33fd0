/**
 * The exercise folders (`content/exercises/<name>/`), read at build time for the
 * `<Playground>` component: the prompt (a Markdown component), the starting code, the
 * solution, the hints (`hints.md`, one per `## ` section, as HTML), and from `check.ts` the
 * check's own code and summary. Server side (Astro
 * frontmatter) only; imports the folders through Vite's glob import.
 */
import type { ExerciseCheck } from '../../playground/exercises/exercise.ts';
import { splitHints, type HintHtml } from '../../playground/exercises/hints.ts';

type MarkdownModule = { default: unknown; frontmatter?: { title?: string }; compiledContent(): Promise<string> };

const prompts = import.meta.glob<MarkdownModule>('../../content/exercises/*/prompt.md', { eager: true });
const starts = import.meta.glob<string>('../../content/exercises/*/start.ts', { query: '?raw', import: 'default', eager: true });
const solutions = import.meta.glob<string>('../../content/exercises/*/solution.ts', { query: '?raw', import: 'default', eager: true });
const hintFiles = import.meta.glob<MarkdownModule>('../../content/exercises/*/hints.md', { eager: true });
const checks = import.meta.glob<{ default: ExerciseCheck }>('../../content/exercises/*/check.ts', { eager: true });

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

export function exerciseFiles(name: string): ExerciseFiles | undefined {
  const at = (kind: string): string => `../../content/exercises/${name}/${kind}`;
  const prompt = prompts[at('prompt.md')];
  const start = starts[at('start.ts')];
  const solution = solutions[at('solution.ts')];
  const check = checks[at('check.ts')]?.default;
  if (prompt === undefined || start === undefined || solution === undefined || check === undefined) return undefined;
  return {
    title: prompt.frontmatter?.title ?? name,
    Prompt: prompt.default,
    start,
    solution,
    harness: check.harness.trim(),
    summary: check.summary,
    hints: async () => {
      const file = hintFiles[at('hints.md')];
      return file === undefined ? [] : splitHints(await file.compiledContent());
    },
    servers: check.servers,
  };
}
