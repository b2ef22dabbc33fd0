/**
 * The conformance CLI (Node only): `node playground/conformance/cli.ts --scenarios <dir>
 * --out <dir>` runs every `*.json` scenario of the directory on a fresh simulation and
 * writes one normalized record per scenario (same file name) into the out directory.
 * Exits 0 once all records are written, whatever they contain. This file is the only
 * conformance file that touches Node (fs, process); `*.node.ts` keeps it out of the
 * playground type check (the root tsconfig checks it with Node types).
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { runScenario } from './runner.ts';
import type { Scenario } from './scenario.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const scenariosDir = arg('--scenarios');
const outDir = arg('--out');
if (scenariosDir === undefined || outDir === undefined) {
  process.stderr.write('usage: node playground/conformance/cli.ts --scenarios <dir> --out <dir>\n');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const files = readdirSync(scenariosDir).filter((f) => f.endsWith('.json')).sort();
for (const f of files) {
  const scenario = JSON.parse(readFileSync(join(scenariosDir, f), 'utf8')) as Scenario;
  const record = await runScenario(scenario);
  writeFileSync(join(outDir, f), JSON.stringify(record, null, 2) + '\n');
}
process.exit(0);
