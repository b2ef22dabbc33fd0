/**
 * The explorer's command line (Node only):
 *
 *   npm run --silent explore -- --seed <n> --count <k> [--servers 3|5|7] [--mutant <name>]
 *                               [--out <dir>] [--no-shrink] [--verbose]
 *   npm run --silent explore -- --replay <file.json>
 *
 * Runs seeds n … n+k−1 (see explorer.ts), prints one line per failing seed with the command
 * that replays it, shrinks the first failure and saves it as `<out>/seed-<n>.json` (default
 * out: `explore-failures`), and ends with `K passed, F failed`. Exits 1 if any seed failed.
 * `--replay` runs a saved spec and prints its verdict.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { addEnsembleForExplorer, MUTANT_NAMES } from '../../playground/explore/ensemble.ts';
import { explore, replayCommand } from '../../playground/explore/explorer.ts';
import { firstProblem, runSpec } from '../../playground/explore/run.ts';
import { specSize } from '../../playground/explore/shrink.ts';
import { validateRunSpec } from '../../playground/explore/spec.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string): boolean => process.argv.includes(name);

function usage(why: string): never {
  process.stderr.write(`${why}\nusage: npm run --silent explore -- --seed <n> --count <k> [--servers 3|5|7] [--mutant ${MUTANT_NAMES.join('|')}] [--out <dir>] [--no-shrink] [--verbose]\n       npm run --silent explore -- --replay <file.json>\n`);
  process.exit(2);
}

const replay = arg('--replay');
if (replay !== undefined) {
  const spec = validateRunSpec(JSON.parse(readFileSync(replay, 'utf8')));
  const r = runSpec(spec, addEnsembleForExplorer);
  console.log(`${replay}: ${r.failed ? 'FAILED ' + firstProblem(r) : 'passed'} (${r.stats.events} events, ${r.stats.timeMs} ms virtual)`);
  process.exit(r.failed ? 1 : 0);
}

const seed = Number(arg('--seed') ?? usage('--seed is required'));
const count = Number(arg('--count') ?? '1');
const serversArg = arg('--servers');
const servers = serversArg === undefined ? undefined : Number(serversArg);
const mutant = arg('--mutant');
const out = arg('--out') ?? 'explore-failures';
if (!Number.isSafeInteger(seed) || seed < 0) usage(`--seed: need a non-negative integer, got ${arg('--seed')}`);
if (!Number.isSafeInteger(count) || count < 1) usage(`--count: need a positive integer, got ${arg('--count')}`);
if (servers !== undefined && ![1, 3, 5, 7].includes(servers)) usage(`--servers: need 3, 5 or 7, got ${serversArg}`);
if (mutant !== undefined && !MUTANT_NAMES.includes(mutant)) usage(`--mutant: unknown ${mutant}; known: ${MUTANT_NAMES.join(', ')}`);

const started = performance.now();
const verbose = flag('--verbose');
const summary = explore(
  {
    seed,
    count,
    ...(servers !== undefined ? { servers } : {}),
    ...(mutant !== undefined ? { mutant } : {}),
    shrink: !flag('--no-shrink'),
    onSeed: (s, r) => {
      const fixed = { ...(servers !== undefined ? { servers } : {}), ...(mutant !== undefined ? { mutant } : {}) };
      if (r.failed) console.log(`seed ${s} FAILED (replay: ${replayCommand(s, fixed)}): ${firstProblem(r)}`);
      else if (verbose) console.log(`seed ${s} ok: ${r.spec.servers} servers, ${r.stats.faults} faults, ${r.stats.epochs} epochs, ${r.stats.writes} commits, ${r.stats.events} events, ${r.stats.timeMs} ms virtual`);
    },
  },
  addEnsembleForExplorer,
);
if (summary.shrunk !== null && summary.shrunkSeed !== null) {
  mkdirSync(out, { recursive: true });
  const file = join(out, `seed-${summary.shrunkSeed}.json`);
  writeFileSync(file, JSON.stringify(summary.shrunk.spec, null, 2) + '\n');
  const size = specSize(summary.shrunk.spec);
  const n = (k: number, what: string): string => `${k} ${what}${k === 1 ? '' : 's'}`;
  console.log(`shrunk seed ${summary.shrunkSeed} in ${n(summary.shrunk.runs, 'replay')} to ${n(size.faults, 'fault event')}, ${n(size.clients, 'client')}, ${n(size.ops, 'operation')}: ${firstProblem(summary.shrunk.result)}`);
  console.log(`  saved ${file}; replay: npm run --silent explore -- --replay ${file}`);
}
const seconds = (performance.now() - started) / 1000;
if (verbose) console.log(`${count} seeds in ${seconds.toFixed(1)} s (${(count / seconds).toFixed(1)} seeds/s)`);
console.log(`${summary.passed} passed, ${summary.failed} failed`);
process.exit(summary.failed > 0 ? 1 : 0);
