/**
 * The exercise command for authors and graders (Node only):
 *
 *   npm run --silent exercise -- list
 *   npm run --silent exercise -- check <name> <file.ts> [--schedules n] [--seed s] [--verbose]
 *
 * `list` prints every exercise folder of `content/exercises/` with its check's one-sentence
 * summary. `check` runs that exercise's check (`run-check.ts`, the same runner as the page's
 * Check button) on a file of reader code: schedules with seeds s, s+1, ... (default: 1 and
 * the check's own number), stopping at the first failure; `cli-report.ts` words the result.
 * The check runs in a worker thread (`exercise-check-worker.ts`): a program that stops yielding
 * for 10 s of wall-clock time (an endless loop that never awaits) is ended and fails.
 *
 * Exit code: 0 passed; 1 failed (or the file does not compile); 2 bad arguments (unknown
 * exercise, unreadable file, bad numbers), with a message saying which.
 */
import { readdirSync, readFileSync } from 'node:fs';
import process from 'node:process';
import { Worker } from 'node:worker_threads';
import type { ExerciseCheck } from '../../playground/exercises/exercise.ts';
import { replayCommand } from '../../playground/exercises/cli-report.ts';
import type { CheckJob, WorkerMessage } from '../../playground/exercises/cli-report.ts';

const EXERCISES = new URL('../../content/exercises/', import.meta.url);
/** Wall-clock silence from the worker after which the program is called unresponsive (the tests shorten it). */
const SILENCE_MS = Number(process.env['EXERCISE_SILENCE_MS'] ?? 10_000);
const USAGE = `usage: npm run --silent exercise -- list
       npm run --silent exercise -- check <name> <file.ts> [--schedules n] [--seed s] [--verbose]

  list           the exercises, one per line: name, then what its check runs
  check          run the exercise's check on <file.ts> (reader code, as typed in the editor)
  --schedules n  how many fault schedules, a positive integer (default: the check's own, 100)
  --seed s       the first schedule's seed, a non-negative integer (default 1); schedule k
                 runs with seed s + k - 1, so --seed s --schedules 1 replays one schedule
  --verbose      on a failure, also print what the program printed

Exit code: 0 passed, 1 failed (or does not compile), 2 bad arguments.`;

function exit(code: number): never {
  process.exit(code);
}

/** Bad command-line syntax: the message and the usage. */
function usage(why: string): never {
  process.stderr.write(`error: ${why}\n\n${USAGE}\n`);
  exit(2);
}

/** A well-formed command naming something that is not there: the message alone. */
function refuse(why: string): never {
  process.stderr.write(`error: ${why}\n`);
  exit(2);
}

function exerciseNames(): string[] {
  return readdirSync(EXERCISES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

async function loadCheck(name: string): Promise<ExerciseCheck> {
  const mod = (await import(new URL(`${name}/check.ts`, EXERCISES).href)) as { default: ExerciseCheck };
  return mod.default;
}

interface CheckArgs {
  readonly name: string;
  readonly file: string;
  readonly schedules: number | undefined;
  readonly seed: number | undefined;
  readonly verbose: boolean;
}

function parseCheckArgs(argv: readonly string[]): CheckArgs {
  const positional: string[] = [];
  const values = new Map<string, string>();
  let verbose = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--verbose') {
      verbose = true;
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (name !== 'schedules' && name !== 'seed') usage(`unknown option --${name}`);
      const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') usage(`--${name} needs a value`);
      values.set(name, value);
    } else if (a.startsWith('-') && a !== '-') {
      usage(`unknown option ${a}`);
    } else positional.push(a);
  }
  if (positional.length < 2) usage(positional.length === 0 ? 'check needs an exercise name and a file' : `check needs a file of reader code after the name '${positional[0]}'`);
  if (positional.length > 2) usage(`check takes one exercise and one file (got ${positional.join(', ')})`);
  const schedulesText = values.get('schedules');
  if (schedulesText !== undefined && !/^[1-9]\d{0,5}$/.test(schedulesText)) usage(`--schedules must be a positive integer up to 999999 (got '${schedulesText}')`);
  const seedText = values.get('seed');
  if (seedText !== undefined && !/^\d{1,9}$/.test(seedText)) usage(`--seed must be a non-negative integer below 10^9 (got '${seedText}')`);
  return {
    name: positional[0]!,
    file: positional[1]!,
    schedules: schedulesText === undefined ? undefined : Number(schedulesText),
    seed: seedText === undefined ? undefined : Number(seedText),
    verbose,
  };
}

async function list(): Promise<never> {
  const names = exerciseNames();
  const width = Math.max(...names.map((n) => n.length));
  for (const name of names) process.stdout.write(`${name.padEnd(width)}  ${(await loadCheck(name)).summary}\n`);
  exit(0);
}

async function check(argv: readonly string[]): Promise<never> {
  const args = parseCheckArgs(argv);
  const names = exerciseNames();
  if (!names.includes(args.name)) refuse(`no exercise named '${args.name}' (known: ${names.join(', ')})`);
  let code: string;
  try {
    code = readFileSync(args.file, 'utf8');
  } catch (err) {
    refuse(`cannot read ${args.file}: ${(err as Error).message}`);
  }
  const job: CheckJob = { ...args, code, checkUrl: new URL(`${args.name}/check.ts`, EXERCISES).href };
  const worker = new Worker(new URL('./exercise-check-worker.ts', import.meta.url), { workerData: job });
  let current = { k: 1, seed: args.seed ?? 1 };
  const result = await new Promise<{ text: string; exitCode: 0 | 1 }>((resolve) => {
    let watchdog = setTimeout(unresponsive, SILENCE_MS);
    function unresponsive(): void {
      void worker.terminate();
      resolve({
        exitCode: 1,
        text: `failed on schedule ${current.k} (seed ${current.seed}): the program stopped responding: it ran for ${SILENCE_MS / 1000} s of wall-clock time without awaiting anything (an endless loop?)\nreplay: ${replayCommand(args, current.seed)}\n`,
      });
    }
    worker.on('message', (m: WorkerMessage) => {
      clearTimeout(watchdog);
      watchdog = setTimeout(unresponsive, SILENCE_MS);
      if (m.type === 'schedule') current = { k: m.k, seed: m.seed };
      if (m.type === 'done') {
        clearTimeout(watchdog);
        resolve({ text: m.text, exitCode: m.exitCode });
      }
    });
    worker.on('error', (err) => {
      clearTimeout(watchdog);
      resolve({ exitCode: 1, text: `failed on schedule ${current.k} (seed ${current.seed}): the check itself crashed: ${err.message}\n` });
    });
  });
  process.stdout.write(result.text);
  exit(result.exitCode);
}

const [command, ...rest] = process.argv.slice(2);
if (command === '-h' || command === '--help') {
  process.stdout.write(USAGE + '\n');
  exit(0);
}
if (command === 'list') {
  if (rest.length > 0) usage(`list takes no arguments (got ${rest.join(' ')})`);
  await list();
}
if (command === 'check') await check(rest);
usage(command === undefined ? 'no command given' : `unknown command '${command}'`);
