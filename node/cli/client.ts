/**
 * The client CLI (Node only): `npm run client -- [--target sim|real] [--connect host:port,...]
 * [--seed n] [--servers 1|3|5] [--faults file] [--timeout ms] <file.ts>` compiles a reader
 * program and runs it on a fresh simulation (default) or on a real ZooKeeper (default
 * connect string 127.0.0.1:2181). On the simulation, `--faults` runs it under a fault
 * schedule (JSON, or lines of the fault language such as `at 800ms crash s1`), its times
 * counted from the program's start, its clients named c1, c2, ... in connect order; the
 * schedule is checked against the ensemble's nodes before anything runs.
 *
 * The program's `console.log` / `info` lines go to stdout, `warn` / `error` lines and how the
 * run failed go to stderr. Exit code: 0 the program finished; 1 it threw or got stuck;
 * 2 a compile error, an unreadable file or bad arguments (with the usage). When the reader of
 * the output goes away (`npm run client -- f.ts | head`), the run ends quietly with 0: the
 * rest of the output has nowhere to go, and a stack trace about EPIPE says nothing useful.
 *
 * Node code (fs, process, and TCP through `node/targets/program-target.ts`); the engine it
 * drives is `playground/programs`.
 */
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { compileProgram } from '../../playground/programs/compile.ts';
import { describeStatus, runProgram } from '../../playground/programs/run-program.ts';
import type { OutputLine, ProgramTarget } from '../../playground/programs/program.ts';
import { readSchedule, toJsonSchedule, type FaultSchedule } from '../../playground/sim/fault-schedule.ts';
import { simTarget, type EnsembleSize } from '../../playground/programs/sim-target.ts';
import { realTarget } from '../targets/program-target.ts';

const USAGE = `usage: npm run client -- [--target sim|real] [--connect host:port,...] [--seed n] [--servers 1|3|5] [--faults file] [--timeout ms] <file.ts>

  --target sim     run on a fresh simulated ensemble, on virtual time (default)
  --target real    run on a real ZooKeeper
  --connect list   the real ensemble's connect string (default 127.0.0.1:2181; real only)
  --seed n         the simulation's seed, a non-negative integer (default 1; sim only)
  --servers n      the simulated ensemble: 1 (a standalone server s1), 3 or 5 (s1..s5)
                   (default 1, or 3 with --faults; sim only)
  --faults file    a fault schedule (sim only): JSON { "version": 1, "events": [...] }, or
                   one fault a line, e.g. "at 800ms latency c1 s1 3900ms", "at 2s freeze s1 8s";
                   times from the program's start; its first connect() is c1, the next c2, ...
  --timeout ms     how long the program may wait before it is reported stuck
                   (virtual ms on the simulation, default 600000; wall-clock ms on a real
                   ensemble, default 60000)

Exit code: 0 finished, 1 the program threw or got stuck, 2 compile error or bad arguments.`;

interface Args {
  readonly target: 'sim' | 'real';
  readonly connect: string | undefined;
  readonly seed: number | undefined;
  readonly servers: EnsembleSize | undefined;
  readonly faults: string | undefined;
  readonly timeoutMs: number | undefined;
  readonly file: string;
}

function parseArgs(argv: readonly string[]): Args | { help: true } | { error: string } {
  const values = new Map<string, string>();
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-h' || a === '--help') return { help: true };
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      if (!['target', 'connect', 'seed', 'servers', 'faults', 'timeout'].includes(name)) return { error: `unknown option --${name}` };
      const value = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') return { error: `--${name} needs a value` };
      values.set(name, value);
    } else if (a.startsWith('-') && a !== '-') {
      return { error: `unknown option ${a}` };
    } else {
      files.push(a);
    }
  }
  const target = values.get('target') ?? 'sim';
  if (target !== 'sim' && target !== 'real') return { error: `--target must be sim or real, not '${target}'` };
  if (files.length !== 1) return { error: files.length === 0 ? 'no program file given' : `one program file only (got ${files.join(', ')})` };
  const connect = values.get('connect');
  if (connect !== undefined && target !== 'real') return { error: '--connect is for --target real' };
  if (connect !== undefined && !/^[^\s,:]+:\d+(,[^\s,:]+:\d+)*$/.test(connect)) return { error: `--connect must look like host:port,host:port (got '${connect}')` };
  const seedText = values.get('seed');
  if (seedText !== undefined && target !== 'sim') return { error: '--seed is for --target sim' };
  if (seedText !== undefined && !/^\d+$/.test(seedText)) return { error: `--seed must be a non-negative integer (got '${seedText}')` };
  const serversText = values.get('servers');
  if (serversText !== undefined && target !== 'sim') return { error: '--servers is for --target sim' };
  if (serversText !== undefined && !['1', '3', '5'].includes(serversText)) return { error: `--servers must be 1, 3 or 5 (got '${serversText}')` };
  const faults = values.get('faults');
  if (faults !== undefined && target !== 'sim') return { error: '--faults is for --target sim' };
  const timeoutText = values.get('timeout');
  if (timeoutText !== undefined && !/^[1-9]\d*$/.test(timeoutText)) return { error: `--timeout must be a positive number of ms (got '${timeoutText}')` };
  return {
    target,
    connect,
    seed: seedText === undefined ? undefined : Number(seedText),
    servers: serversText === undefined ? undefined : (Number(serversText) as EnsembleSize),
    faults,
    timeoutMs: timeoutText === undefined ? undefined : Number(timeoutText),
    file: files[0]!,
  };
}

function exit(code: number): never {
  // Pipes and files are written synchronously on Linux; a real client's timers must not keep us alive.
  process.exit(code);
}

/** The pipe's reader is gone (EPIPE): stop, quietly. Any other write error is a real one. */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') exit(0);
    throw err;
  });
}

const parsed = parseArgs(process.argv.slice(2));
if ('help' in parsed) {
  process.stdout.write(USAGE + '\n');
  exit(0);
}
if ('error' in parsed) {
  process.stderr.write(`error: ${parsed.error}\n\n${USAGE}\n`);
  exit(2);
}

let source: string;
try {
  source = readFileSync(parsed.file, 'utf8');
} catch (err) {
  process.stderr.write(`error: cannot read ${parsed.file}: ${(err as Error).message}\n`);
  exit(2);
}

/** The fault schedule of `--faults`, checked against the ensemble's nodes (exit 2 if it is not valid). */
function readFaults(file: string, servers: EnsembleSize): FaultSchedule {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    process.stderr.write(`error: cannot read ${file}: ${(err as Error).message}\n`);
    exit(2);
  }
  try {
    const known = { servers: Array.from({ length: servers }, (_, i) => `s${i + 1}`), clients: 'numbered' as const };
    return toJsonSchedule(readSchedule(text, known));
  } catch (err) {
    process.stderr.write(`error: ${file}: ${(err as Error).message}\n`);
    exit(2);
  }
}

const servers: EnsembleSize = parsed.servers ?? (parsed.faults !== undefined ? 3 : 1);
const faults = parsed.faults === undefined ? undefined : readFaults(parsed.faults, servers);

const compiled = compileProgram(source);
if (!compiled.ok) {
  const { message, line, column } = compiled.error;
  const where = line !== undefined ? `:${line}${column !== undefined ? `:${column}` : ''}` : '';
  let text = `${parsed.file}${where}: error: ${message}\n`;
  const shown = line !== undefined ? source.split(/\r\n|\r|\n/)[line - 1] : undefined;
  if (shown !== undefined) {
    text += `  ${String(line).padStart(4)} | ${shown}\n`;
    if (column !== undefined) text += `       | ${' '.repeat(Math.max(0, column - 1))}^\n`;
  }
  process.stderr.write(text);
  exit(2);
}

const target: ProgramTarget =
  parsed.target === 'sim'
    ? simTarget({
        servers,
        ...(faults !== undefined ? { faults } : {}),
        ...(parsed.seed !== undefined ? { seed: parsed.seed } : {}),
        ...(parsed.timeoutMs !== undefined ? { maxTimeMs: parsed.timeoutMs } : {}),
      })
    : realTarget({ connectString: parsed.connect ?? '127.0.0.1:2181', ...(parsed.timeoutMs !== undefined ? { timeoutMs: parsed.timeoutMs } : {}) });

const print = (line: OutputLine): void => {
  const stream = line.stream === 'log' || line.stream === 'info' ? process.stdout : process.stderr;
  stream.write(line.text + '\n');
};
const result = await runProgram(compiled.js, target, { onOutput: print });
if (result.status.kind === 'finished') exit(0);
process.stderr.write(`${parsed.file}: ${describeStatus(result.status)}\n`);
exit(1);
