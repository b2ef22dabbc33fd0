/**
 * The checks' English catalogue: every problem a check or the runner reports, by group
 * (`run`, the runner's and every check's; one group per exercise) and key, as it reads in
 * English. Checks word a problem with `say('<group>.<key>', ...args)` (said.ts), never with
 * a string of their own, so a page in another language can word it from its own catalogue
 * (src/i18n/zh-cn/checks.ts, which has every key; src/i18n/en/checks.ts names this one as
 * the English). A message with parameters is a function. Pure data.
 */
const checks = {
  run: {
    stuck: (why: string): string => `the program never finished: ${why}`,
    stuckBecause: (problem: string, why: string): string => `${problem} (So the program never finished: ${why}.)`,
    harnessStopped: (message: string): string => `the check's code stopped the run: ${message}`,
    threw: (what: string): string => `the program threw: ${what}`,
    threwAt: (line: number, what: string): string => `the program threw at line ${line}: ${what}`,
    connectsFirst: (client: string, first: string): string =>
      `your code opened a session of its own before the check's code ran (the check's first client is ${client}, not ${first}), so the check's clients are not the ones its faults are aimed at. Define the functions the exercise asks for; connect only inside them, if at all.`,
    anotherClient: 'another',
  },
  'first-program': {
    neverPrintedEnd: 'the program never printed the NodeDataChanged event for /config',
    neverCreatedAlive: 'the program never created /alive',
    aliveMode: (mode: string): string =>
      `/alive was created ${mode}: it outlives the session. "Ephemeral" is a create mode (CreateMode.EPHEMERAL), not an ACL and not something set later.`,
    unknownMode: 'with an unknown mode',
    neverSet: 'the program never changed /config with setData',
    noWatch: 'no watch was set on /config before it changed. A watch is set by a read (getData or exists with a watcher) and fired by the server, once, on the next change.',
    blindSet: (version: number): string =>
      `setData('/config', …, ${version}) overwrites any version. Pass the version your read returned (stat.version): setData takes the version you expect, and fails with BADVERSION if someone changed the znode since.`,
    neverPrinted: 'the program never printed the NodeDataChanged event for /config (print e.type and e.path in the watcher, or after awaiting it).',
    madeUpEvent:
      'the program printed a NodeDataChanged event before the server had sent one. A watcher is called by the client library when the server fires the watch, never by your own code: calling it yourself proves nothing.',
  },
};

export default checks;
