/**
 * Reader programs: runs a reader's program (TypeScript, top-level `await`, the client API in
 * scope) on the simulated ensemble, or, through `node/targets/program-target.ts` (Node
 * only), on a real ZooKeeper, unchanged. The page's sandbox (`src/sandbox`) and
 * `npm run client` both use it.
 * Re-exports only; nothing here touches the DOM or Node.
 */
export { compileProgram } from './compile.ts';
export type { CompileError, CompileResult } from './compile.ts';
export { runProgram, describeStatus } from './run-program.ts';
export type { RunOptions } from './run-program.ts';
export { simTarget, buildSimulatedEnsemble } from './sim-target.ts';
export type { SimTarget, SimTargetOptions, SimulatedEnsemble } from './sim-target.ts';
export { formatConsoleArgs } from './console-format.ts';
export { READER_GLOBALS, READER_API_VALUES, PROGRAM_SOURCE_URL } from './program.ts';
export type {
  DriveResult,
  OutputLine,
  ProgramStatus,
  ProgramTarget,
  ReaderConnectOptions,
  ReaderConsole,
  RunResult,
  TargetClient,
} from './program.ts';
