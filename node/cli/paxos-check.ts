/**
 * `npm run --silent paxos-check -- [--acceptors 3] [--proposers 2] [--rounds 2]
 *   [--learners 0] [--duplicates 0] [--crashes 0] [--mutant <name>] [--full] [--explicit-drops]`
 *
 * Explores every delivery order of a bounded single-decree Paxos configuration
 * (`playground/explore/paxos.ts`), prints the distinct states explored, the safety violations found and, with
 * any violation, the shortest one as a loadable run in the stepper's JSON step format. Ends
 * with `K passed, F failed` over the terminal states checked; exits 1 if F > 0, 2 on bad
 * arguments. With a mutant it stops at the first (shortest) violation unless `--full`.
 *
 * Node entry point: may use process and console; all logic lives in
 * `playground/explore/paxos.ts`.
 */

import { explore, type ExploreOptions } from '../../playground/explore/paxos.ts';
import { checkMutants, MUTANT_NAMES, type MutantName } from '../../playground/paxos/mutants.ts';

const USAGE = `usage: paxos-check [--acceptors N] [--proposers N] [--rounds N] [--learners N] [--duplicates N] [--crashes N] [--mutant NAME]... [--full] [--explicit-drops]
mutants: ${MUTANT_NAMES.join(', ')}`;

function parseArgs(argv: readonly string[]): ExploreOptions & { mutants: MutantName[] } {
  const numbers: Record<string, number> = { acceptors: 3, proposers: 2, rounds: 2, learners: 0, duplicates: 0, crashes: 0 };
  const mutants: string[] = [];
  let explicitDrops = false;
  let full = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const name = flag.replace(/^--/, '');
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (flag === '--explicit-drops') explicitDrops = true;
    else if (flag === '--full') full = true;
    else if (flag === '--mutant') mutants.push(value());
    else if (name in numbers && flag.startsWith('--')) {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0 || v > 9) throw new Error(`${flag} must be an integer from 0 to 9`);
      numbers[name] = v;
    } else throw new Error(`unknown argument ${arg}`);
  }
  if (numbers.acceptors! < 1 || numbers.proposers! < 1) throw new Error('need at least one acceptor and one proposer');
  return {
    acceptors: numbers.acceptors!,
    proposers: numbers.proposers!,
    rounds: numbers.rounds!,
    learners: numbers.learners!,
    duplicates: numbers.duplicates!,
    crashes: numbers.crashes!,
    explicitDrops,
    mutants: checkMutants(mutants),
    // A mutant is there to be caught: stop at its shortest violation unless asked for everything.
    stopAtFirstViolation: mutants.length > 0 && !full,
  };
}

function main(): number {
  let options: ReturnType<typeof parseArgs>;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`paxos-check: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { acceptors, proposers, rounds, mutants } = options;
  const learners = options.learners ?? 0;
  const duplicates = options.duplicates ?? 0;
  const crashes = options.crashes ?? 0;
  console.log(
    `paxos-check: ${acceptors} acceptors, ${proposers} proposers, ${rounds} round(s) each, ${learners} learner(s), ` +
      `${duplicates} duplicate(s), ${crashes} crash(es), drops ${options.explicitDrops ? 'explicit' : 'implicit'}` +
      `${mutants.length ? `, mutant ${mutants.join(' + ')}` : ''}`,
  );
  const started = process.hrtime.bigint();
  const result = explore(options);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(`distinct states explored: ${result.states} (${result.transitions} transitions) in ${seconds.toFixed(2)} s${result.complete ? '' : ' — INCOMPLETE: state limit reached'}`);
  if (result.stoppedEarly) console.log('stopped at the first violation (breadth-first, so it is a shortest one); --full explores everything');
  console.log(`states violating safety: ${result.violatingStates}`);
  console.log(`agreement violations in terminal states: ${result.failed}`);
  if (result.shortest) {
    console.log(`shortest violation (${result.shortest.steps.length} steps, breadth-first):`);
    for (const v of result.shortest.violations) console.log(`  ${v}`);
    const run = {
      name: 'counterexample',
      title: `Counterexample${mutants.length ? ` (${mutants.join(' + ')})` : ''}`,
      config: { acceptors, proposers, learners: Math.max(learners, 1), mutants },
      steps: result.shortest.steps,
    };
    console.log(JSON.stringify(run, null, 2));
  }
  console.log(`${result.passed} passed, ${result.failed} failed`);
  return result.failed > 0 || !result.complete ? 1 : 0;
}

process.exitCode = main();
