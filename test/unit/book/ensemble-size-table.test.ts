/**
 * The Running ZooKeeper chapter's ensemble-size table is the simulation's, not a hand-made
 * one: `scripts/ensemble-size-table.ts` (seeded, so its output never varies) is run here and
 * the chapter's rows must be exactly its rows. A planted chapter whose numbers differ by one
 * digit must be refused, and so must one that lost a row.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CHAPTER = 'content/chapters/running-zookeeper.mdx';
const HEADER = '| ensemble | ACKs awaited | writes/s | write → commit (ms) | read (ms) | messages per write |';

/** The table's rows (header, separator, data) as they appear in `text`, or [] if it has none. */
function tableRows(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trim());
  const start = lines.indexOf(HEADER);
  if (start < 0) return [];
  const rows: string[] = [];
  for (const l of lines.slice(start)) {
    if (!l.startsWith('|')) break;
    rows.push(l);
  }
  return rows;
}

/** What is wrong with a chapter's table next to the script's, or null. */
function tableProblem(chapter: string, script: string): string | null {
  const mine = tableRows(chapter);
  const theirs = tableRows(script);
  if (theirs.length < 3) return 'the script printed no table';
  if (mine.length === 0) return 'the chapter has no ensemble-size table';
  if (mine.join('\n') !== theirs.join('\n')) return `the chapter's table is not the script's:\n${mine.join('\n')}\n--- the script prints ---\n${theirs.join('\n')}`;
  return null;
}

describe('the ensemble-size table comes from the simulation', () => {
  const script = execFileSync(process.execPath, ['scripts/ensemble-size-table.ts'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  const chapter = readFileSync(`${ROOT}${CHAPTER}`, 'utf8');

  it('the chapter prints exactly the rows the script computes', () => {
    expect(tableProblem(chapter, script)).toBeNull();
  });

  it('refuses a chapter with one figure changed, a row missing, or no table', () => {
    const rows = tableRows(chapter);
    const changed = chapter.replace(rows[2]!, rows[2]!.replace(/(\d)(\s*\|\s*)$/, (_, d: string, rest: string) => `${(Number(d) + 1) % 10}${rest}`));
    expect(changed).not.toBe(chapter);
    expect(tableProblem(changed, script)).toMatch(/not the script's/);
    expect(tableProblem(chapter.replace(`${rows[3]!}\n`, ''), script)).toMatch(/not the script's/);
    expect(tableProblem(chapter.replace(HEADER, '| size | writes |'), script)).toBe('the chapter has no ensemble-size table');
  });
});
