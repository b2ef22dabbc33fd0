/**
 * Exercise checks: the format (`exercise.ts`), seeded fault schedules (`faults.ts`, with
 * `connection-breaks.ts` for breaks that land on requests in flight), facts read from a
 * trace (`trace-facts.ts`), harness text several checks share (`harness-text.ts`), hints
 * (`hints.ts`), the runner (`run-check.ts`) and the judge of a schedule's record
 * (`judge-record.ts`). Re-exports only.
 */
export { CHECK_DEFAULTS, defineCheck } from './exercise.ts';
export { createParentText } from './harness-text.ts';
export type { ExerciseCheck, ExerciseRun, Judgement, MarkedLine } from './exercise.ts';
export { drawFaults, describeSchedule } from './faults.ts';
export type { FaultEpisode, FaultMenu } from './faults.ts';
export { withConnectionBreaks } from './connection-breaks.ts';
export type { BreakMenu } from './connection-breaks.ts';
export { appliedTxns, callOutcomes, calls, checkConnectsFirst, clientSessions, sessionOwners, CommittedTree, committedTxns, notifications, sessionText, treeChanges } from './trace-facts.ts';
export type { AppliedTxn, Call, CallOutcome, ClientSession, CommittedTxn, CommittedZnode, Notification } from './trace-facts.ts';
export { falseHeadClaim, herd, sequenceOf, standsTwice } from './sequential-line.ts';
export type { FalseClaim, HeadClaim } from './sequential-line.ts';
export { say, word } from './said.ts';
export type { Catalogue, Said, SaidArg, SaidId, Worded } from './said.ts';
export { parseHints } from './hints.ts';
export type { Hint } from './hints.ts';
export { compileExercise, composeProgram, judgeRun, readerStatus, runCheck, runSchedule } from './run-check.ts';
export type { CheckOptions, CheckReport, ComposedProgram, RunHooks, ScheduleRun } from './run-check.ts';
export { judgeRecord } from './judge-record.ts';
export type { JudgeOptions, ScheduleRecord } from './judge-record.ts';
