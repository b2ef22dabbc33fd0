/**
 * Runs every Zab interaction script in `scripts/` (see `script-runner.ts` for the format).
 * A failing block prints its expected and actual lines; `UPDATE_SCRIPTS=1 npx vitest run
 * --project unit test/unit/zab/scripts.test.ts` rewrites the expectations.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScript, runScriptFile } from './script-runner.ts';

const DIR = new URL('./scripts/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();

describe('Zab interaction scripts', () => {
  it('has scripts', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const f of files) {
    it(f, async () => {
      const mismatch = await runScriptFile(new URL(f, DIR).pathname);
      expect(mismatch, mismatch === null ? '' : `${f} ${mismatch}\n(if the change is meant: UPDATE_SCRIPTS=1 npx vitest run --project unit test/unit/zab/scripts.test.ts, then read the diff)`).toBeNull();
    });
  }

  it('reports a block whose expectation is wrong, naming the command', async () => {
    const text = readFileSync(new URL(files[0]!, DIR), 'utf8');
    // Change the last expected line of the first block that has one.
    const lines = text.split('\n');
    const at = lines.findIndex((l, i) => i > 0 && lines[i - 1] !== '----' && l.startsWith('t=') && (lines[i + 1] ?? '') === '');
    expect(at).toBeGreaterThan(0);
    lines[at] = lines[at]!.replace(/t=\d+/, 't=999999');
    const result = await runScript(lines.join('\n'));
    expect(result.mismatch).toMatch(/^after "[^"]+":\n--- expected\n/);
    expect(result.mismatch).toContain('t=999999');
  });
});
