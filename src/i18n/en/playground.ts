/**
 * The English words of a <Playground> (Playground.astro at build time, playground.ts in the
 * browser): its heading, buttons, hint labels, status lines and the check's verdict around
 * the check's own message (src/i18n/en/checks.ts). The type of every other language's
 * catalogue (`src/i18n/locale.ts`).
 */
const playground = {
  // The frame, written at build time.
  exerciseHeading: (title: string): string => `Exercise: ${title}`,
  heading: 'Playground',
  checkedBadge: 'checked under faults',
  passedBadge: '✓ passed',
  yourCode: 'your code',
  edit: 'Edit',
  controls: 'Playground controls',
  run: '▶ Run',
  runTitle: 'Run (Ctrl/Cmd+Enter)',
  stop: '■ Stop',
  check: '✓ Check',
  reset: 'Reset',
  copyLink: 'Copy link',
  showSolution: 'Show solution',
  hints: 'Hints',
  hintsNote: 'Stuck? Open the hints one at a time, before you look at the solution.',
  hint: (i: number, n: number, title: string): string => `Hint ${i} of ${n}: ${title}`,
  settings: 'Run settings: seed and faults',
  seed: 'Seed',
  faultSchedule: 'Fault schedule (JSON, times in virtual ms from the start)',
  /** HTML: the ensemble a Run gets. */
  ensembleNote: (servers: string): string => `The ensemble: servers ${servers} (Zab); your first <code>connect()</code> is c1, on s1 first.`,
  serverJoin: ', ',
  history: 'Earlier versions of your code',
  historyNote: "A version is kept each time you come back to edit, reset, restore, or make a link's code or the solution your own: the last ten, in this browser.",
  console: 'Console',
  consoleOutput: 'Console output',
  traceLabel: 'What happened in the ensemble',
  harness: "The check's code (runs after yours)",

  // What the code shows and the banner over it.
  savedCode: 'Your saved code',
  startingCode: 'The starting code',
  solution: 'The solution',
  linkCode: 'Code from a link',
  linkCodeSubject: "The link's code",
  editorLabel: 'Your code for the exercise',
  editorLabelFree: 'Playground code',
  backToSaved: 'Back to my saved code',
  previewStart: 'This is the starting code. Your saved code is kept until you edit this.',
  previewSolution: 'This is the solution. Your saved code is kept until you edit this.',
  previewLink: 'This code came from a link. It has not run: read it, then press Run. Your saved code is kept until you edit this.',
  hiddenWarning: (n: number): string =>
    `It contains ${n} invisible or bidirectional control character${n === 1 ? '' : 's'}, shown as [U+…] marks: such characters can make code look different from what runs.`,

  // Status lines.
  adopted: (what: string): string => `${what}, as you edit it, is now your saved code; the code it replaced is under "Earlier versions".`,
  savedBack: 'Your saved code is back.',
  loadingEditor: 'Loading the editor…',
  editorReady: 'Editor ready. Ctrl/Cmd+Enter runs your code.',
  editorFailed: (why: string): string => `The editor could not load: ${why}`,
  startShown: 'The starting code is shown; your saved code is unchanged.',
  backToStartKept: 'Back to the starting code. Your previous code is under "Earlier versions".',
  backToStart: 'Back to the starting code.',
  solutionShown: 'The solution is in the editor.',
  noStorage: 'This browser does not let the page store anything: your code is kept only while the page is open.',
  noVersions: 'None yet.',
  versionGone: 'That version is no longer stored.',
  restored: (saved: string): string => `Restored the version saved ${saved}; the code it replaced is under "Earlier versions".`,
  noLinkFaults: (why: string): string => `The fault schedule is not valid, so no link was made: ${why}`,
  copied: 'Link copied: it carries your code, the seed and the fault schedule.',
  notCopied: 'The link is in the address bar (copying to the clipboard was not allowed).',
  badFaults: (why: string): string => `The fault schedule is not valid: ${why}`,
  cannotStart: (why: string): string => `The run could not start: ${why}`,
  running: (seed: number, faultEvents: number): string => `Running (seed ${seed}${faultEvents > 0 ? `, ${faultEvents} fault events` : ''})…`,
  sandboxCannotStart: (why: string): string => `The sandbox could not start: ${why}`,
  sandboxFailed: (why: string): string => `The sandbox failed: ${why}`,
  compileError: (where: string, why: string): string => `Compile error: ${where}${why}`,
  didNotCompile: (where: string, why: string): string => `Did not compile: ${where}${why}`,
  /** Where a compile error is: "line 3: ", "line 3:7: ". */
  at: (line: number, column?: number): string => `line ${line}${column !== undefined ? `:${column}` : ''}: `,
  finished: 'finished',
  neverSettled: (why: string): string => `never settled — ${why}`,
  threw: (line: number | undefined, what: string): string => `threw${line !== undefined ? ` at line ${line}` : ''}: ${what}`,
  runPasses: ' The exercise check passes on this run.',
  runCheckSays: (problem: string): string => ` On this run the check says: ${problem}`,
  firstEvents: (n: number): string => ` (the first ${n} events are shown)`,
  ran: (status: string, ms: number, events: number, truncated: string, verdict: string): string =>
    `Run ${status} after ${ms} ms of virtual time, ${events} events${truncated}.${verdict}`,
  whatWasWrong: (message: string, detail: string): string => `${message} What was wrong: ${detail}`,

  // The check.
  checking: 'Checking under faults…',
  checkingProgress: (done: number, total: number): string => `Checking under faults… ${done} of ${total} schedules`,
  checkFailedToRun: 'The check failed to run.',
  doesNotCompile: (where: string, why: string): string => `Your code does not compile: ${where}${why}`,
  checkDoesNotCompile: 'Check: does not compile.',
  passedAll: (schedules: number, seconds: string): string => `✓ Passed: your code was correct in all ${schedules} fault schedules (${seconds} s).`,
  checkPassed: (schedules: number): string => `Check passed on ${schedules} fault schedules.`,
  checkFailed: (seed: number, problem: string): string => `Check failed on fault schedule ${seed}: ${problem}`,
  failedOn: (seed: number, passedBefore: number, problem: string): string =>
    `✗ Failed on fault schedule ${seed}${passedBefore > 0 ? ` (the ${passedBefore} before it passed)` : ''}: ${problem}`,
  seedRow: 'Seed',
  faultsRow: 'Faults',
  noFaults: 'none',
  faultJoin: '; ',
  wentWrongAt: 'Went wrong at',
  eventAt: (index: number, time: number | undefined, event: string | undefined): string =>
    `event #${index}${time !== undefined ? `, t=${time} ms` : ''}${event !== undefined ? ` — ${event}` : ''}`,
  lastOutput: 'Its last output:',
  openFailure: 'Open the failing run',
};

export type PlaygroundMessages = typeof playground;
export default playground;
