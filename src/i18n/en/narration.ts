/**
 * The narration's English words (src/views/narration.ts): every sentence a lab says about
 * its run, and the phrases they are built from. The type of every other language's
 * narration catalogue. Parameters are node ids, zxids already written as epoch:counter,
 * ZooKeeper's own names (states, packet names, operations, error codes) and numbers; a
 * message decides where they go and may hold its language's logic (plurals, capitals, a
 * verb per state). A fault is told by the kernel's own sentence (`tellFault`).
 */
import { tellFault, type Fault } from '../../../playground/sim/faults.ts';

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const pathOf = (path: string): string => (path ? ` ${path}` : '');

const narration = {
  /** Sentences told together are joined by this. */
  sentenceJoin: ' ',
  /** "s1, s2 and s3". */
  listAnd: (items: readonly string[]): string => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`),
  /** "s1, s2, s3". */
  listComma: (items: readonly string[]): string => items.join(', '),

  // Messages, as phrases inside a sentence.
  observerEmptyVote: "an observer's empty vote",
  voteFor: (leader: string, round: string): string => `a vote for ${leader} (round ${round})`,
  packet: {
    FOLLOWERINFO: 'FOLLOWERINFO (it asks to follow, with its epoch)',
    OBSERVERINFO: 'OBSERVERINFO (it asks to observe, with its epoch)',
    LEADERINFO: 'LEADERINFO (the new epoch)',
    ACKEPOCH: 'ACKEPOCH (it accepts the new epoch, with its last zxid)',
    NEWLEADER: 'NEWLEADER (the history it must hold)',
    UPTODATE: 'UPTODATE (it may start serving)',
    DIFF: 'DIFF (the transactions it lacks follow)',
    TRUNC: 'TRUNC (it must cut its log back)',
    SNAP: 'SNAP (a whole snapshot follows)',
    PING: 'a PING',
    REQUEST: 'a REQUEST (a write forwarded to the leader)',
    REVALIDATE: 'REVALIDATE (is this session still alive?)',
    SYNC: 'SYNC (a sync, forwarded to the leader)',
    REFUSED: 'REFUSED (it will not lead it)',
  } as Readonly<Record<string, string>>,
  sessionRequest: 'a session request (ConnectRequest)',
  sessionAnswer: 'the answer to a session request (ConnectResponse)',
  sessionPing: 'a session ping',
  request: (op: string, path: string): string => `a ${op}${pathOf(path)} request`,
  pingReply: 'a ping reply',
  reply: (outcome: string): string => `a reply${outcome !== 'OK' ? ` (${outcome})` : ''}`,
  watchEvent: (event: string, path: string): string => `a watch event (${event}${pathOf(path)})`,
  aMessage: 'a message',

  // Why a message was lost, a connection failed or closed.
  dropReason: {
    'no-connection': 'there was no connection to carry it',
    'not-connected': 'the connection was still opening',
    closed: 'the connection closed first',
    broken: 'the connection broke',
    partition: 'the partition broke the connection',
    crash: 'one end crashed',
    'node-down': 'it was down',
  } as Readonly<Record<string, string>>,
  dropUnknown: 'it never arrives',
  connectFail: {
    refused: 'nobody is listening there',
    timeout: 'it timed out',
    crash: 'one end crashed',
    broken: 'the connection broke',
    closed: 'it was closed before it opened',
  } as Readonly<Record<string, string>>,
  connectFailUnknown: 'it failed',
  disconnect: {
    'closed-by-peer': 'the other end closed it',
    broken: 'it broke',
    partition: 'the partition broke it',
    crash: 'the other end crashed',
  } as Readonly<Record<string, string>>,
  disconnectUnknown: 'it closed',

  // Timers, by ZooKeeper's name for them.
  timer: {
    'fle.timeout': (node: string): string => `${node} has heard no new votes for a while and sends its vote again.`,
    'fle.finalize': (node: string): string => `${node} has waited long enough for a better vote: it settles its election.`,
    'leader.ping': (node: string): string => `${node}, the leader, pings its followers (and checks that a quorum still answers).`,
    'learner.timeout': (node: string): string => `${node} checks that it has heard from its leader lately.`,
    'learner.retry': (node: string): string => `${node} tries again to reach the leader.`,
    ping: (node: string): string => `${node} pings its server to keep its session alive.`,
    reconnect: (node: string): string => `${node} tries to connect again.`,
    connectTimeout: (node: string): string => `${node} gives up waiting for its connection to open.`,
    readTimeout: (node: string): string => `${node} checks that it has heard from its server lately.`,
  } as Readonly<Record<string, (node: string) => string>>,
  timerOther: (node: string): string => `A timer of ${node}'s fires.`,

  // A server's Zab state.
  looking: (node: string): string => `${node} is LOOKING: it votes for a leader.`,
  discoveryLeader: (node: string): string => `${node} will lead: it gathers its followers and picks a new epoch.`,
  discoveryFollower: (node: string): string => `${node} starts discovery: it tells the leader the last epoch it accepted.`,
  syncLeader: (node: string): string => `${node} brings its followers up to date.`,
  syncFollower: (node: string): string => `${node} is being brought up to date by its leader.`,
  broadcast: (node: string, state: string, epoch: string): string => `${node} ${state === 'LEADING' ? 'leads' : state === 'OBSERVING' ? 'observes' : 'follows'} in epoch ${epoch} and serves clients.`,
  stateOther: (node: string, state: string): string => `${node} is ${state}.`,

  // A client's state.
  clientConnected: (node: string, session: string): string => `${node} is CONNECTED (session ${session}).`,
  clientConnecting: (node: string): string => `${node} is CONNECTING to a server.`,
  clientClosed: (node: string): string => `${node}'s session is closed.`,
  clientExpired: (node: string): string => `${node} learns that its session expired.`,
  clientStateOther: (node: string, state: string): string => `${node} is now ${state.toLowerCase().replace(/_/g, ' ')}.`,

  // Protocol facts.
  vote: (node: string, leader: string, zxid: string, round: string): string => `${node} now votes for ${leader} (zxid ${zxid}, round ${round}).`,
  won: (node: string): string => `${node} won the election.`,
  willFollow: (node: string, leader: string): string => `${node} will follow ${leader}.`,
  epochAccepted: (node: string, accepted: string, current?: string): string =>
    `${node} records on disk that it accepted epoch ${accepted}${current !== undefined ? ` (its current epoch is ${current})` : ''}.`,
  sync: (node: string, follower: string, mode: string): string => `${node} brings ${follower} up to date with ${mode}.`,
  syncFromDisk: (node: string, follower: string, mode: string): string => `${node} brings ${follower} up to date with ${mode}, reading the missing transactions from its log on disk.`,
  established: (epoch: string, quorum: string, node: string, zxid: string): string =>
    `Epoch ${epoch} is established: a quorum (${quorum}) accepted ${node} as leader, and everything up to ${zxid} is committed.`,
  // A transaction, as the reader met it: whose request (the client holding its session), what it does.
  txnNewSession: 'a new session',
  txnSessionEnd: (client: string): string => `the end of ${client}'s session`,
  txnSessionEndOf: (session: string): string => `the end of session ${session}`,
  txnMulti: (count: number): string => `a multi of ${count} operations`,
  txnFailed: 'a failed request',
  txnOfClient: (client: string, what: string): string => `${client}'s ${what}`,
  txnOfServer: (what: string): string => `${what} (the server's own)`,
  txnOfSession: (what: string, session: string): string => `${what} (session ${session})`,
  propose: (node: string, zxid: string, txn: string): string => `${node} proposes ${zxid}: ${txn}.`,
  log: (node: string, zxid: string): string => `${node} writes ${zxid} to its log on disk.`,
  commit: (node: string, zxid: string): string => `${node} commits ${zxid}: a quorum acknowledged it.`,
  deliver: (node: string, zxid: string, txn: string): string => `${node} applies ${zxid} (${txn}) to its tree.`,
  truncate: (node: string, zxid: string): string => `${node} cuts its log back to ${zxid}: what came after was never committed.`,
  snapshotTaken: (node: string, zxid: string): string => `${node} replaces its tree with the leader's snapshot as of ${zxid}.`,
  shutdown: (node: string, reason: string): string => `${node} gives up its role (${reason}).`,
  learnerClosed: (node: string, follower: string, reason: string): string => `${node} drops follower ${follower} (${reason}).`,
  zabError: (node: string, reason: string): string => `${node} cannot start: ${reason}.`,
  serverExit: (node: string, code: string, reason: string): string => `${node}'s process exits (code ${code}): ${reason}.`,
  serverStart: (node: string, replayed: string, zxid: string): string => `${node} loads its data from disk: ${replayed} logged transactions replayed, last zxid ${zxid}.`,
  snapshotSaved: (node: string, zxid: string): string => `${node} saves a snapshot of its tree as of ${zxid}.`,
  notServing: (node: string, peer: string, state: string): string => `${node} turns ${peer} away: it is ${state}, not serving clients.`,
  sessionCreate: (node: string, session: string, timeout: string): string => `${node} opens session ${session} (timeout ${timeout} ms).`,
  sessionEstablished: (node: string, peer: string, session: string): string => `${node} accepts ${peer}'s session ${session}.`,
  sessionInvalid: (node: string, peer: string, session: string): string => `${node} tells ${peer} its session ${session} is no longer valid.`,
  sessionMissing: (node: string, peer: string, session: string, dropped?: string): string =>
    `${node} drops ${peer}'s ${dropped ?? 'request'} unanswered: session ${session} is gone or closing.`,
  sessionClose: (node: string, session: string, deleted: string): string => `${node} closes session ${session}${deleted ? `; its ephemerals go: ${deleted}` : ''}.`,
  sessionExpire: (node: string, session: string): string => `${node} expires session ${session}: it heard nothing from it within its timeout.`,
  sessionRefused: (node: string, peer: string, clientZxid: string, serverZxid: string): string =>
    `${node} turns ${peer} away: the client has seen ${clientZxid}, newer than anything ${node} has applied (${serverZxid}), so it must try another server.`,
  sessionMoved: (node: string, op: string, peer?: string): string =>
    `${node} refuses a ${op} that arrived after its session moved to another server (SESSIONMOVED)${peer !== undefined ? ` and closes ${peer}'s connection` : ''}.`,
  watchFire: (node: string, event: string, path: string, peer: string): string => `${node} fires a watch: ${event} ${path} to ${peer}.`,
  watchWithheld: (node: string, event: string, path: string): string => `${node} withholds a watch event (${event} ${path}): the session may not read that znode.`,
  authFailed: (node: string, peer: string, scheme: string): string => `${node} rejects ${peer}'s credentials (${scheme}).`,
  connectionLost: (node: string, server: string, reason: string): string => `${node} lost its connection to ${server} (${reason}).`,
  readTimeout: (node: string, server: string, ms: string): string => `${node} has heard nothing from ${server} for ${ms} ms: it gives up on that connection.`,
  sessionExpiredLearnt: (node: string, session: string): string => `${node} learns that its session ${session} expired.`,
  unknownProtocol: (node: string): string => `${node} takes a step of its protocol.`,
  failedTxn: 'a failed transaction',
  treeChanges: (node: string, txn: string, outcome: string): string => `${node}'s tree changes: ${txn}${outcome !== 'OK' ? ` (${outcome})` : ''}.`,

  // An application's calls and what it hears.
  aCall: 'a call',
  appConnects: (node: string, timeout: string): string => `${node}'s application opens a ZooKeeper session (timeout ${timeout} ms).`,
  appCalls: (node: string, call: string): string => `${node}'s application calls ${call}.`,
  appCloses: (node: string): string => `${node}'s application closes its session.`,
  appAddsAuth: (node: string): string => `${node}'s application adds credentials.`,
  connectionDropped: (node: string): string => `${node}'s connection is dropped.`,
  appAsks: (node: string): string => `${node} is asked to act by its application.`,
  callFails: (node: string, call: string, outcome: string): string => `${node}'s ${call} fails with ${outcome}.`,
  callOk: (node: string, call: string): string => `${node}'s ${call} returns OK.`,
  hearsState: (node: string, state: string): string => `${node}'s application hears that it is ${state}.`,
  watcherTold: (node: string, what: string): string => `${node}'s watcher is told: ${what}.`,
  seesState: (node: string, state: string): string => `${node}'s application sees state ${state}.`,
  reports: (node: string): string => `${node} reports to its application.`,

  // The kernel's events.
  fault: (f: Fault): string => tellFault(f),
  starts: (node: string): string => `${node} starts.`,
  broke: (a: string, b: string): string => `The connection between ${a} and ${b} broke: the partition outlasted its keepalive.`,
  thaw: (node: string): string => `${node}'s host runs again: it takes in what arrived while it was frozen, then its overdue timers fire.`,
  sends: (from: string, phrase: string, to: string): string => `${from} sends ${phrase} to ${to}.`,
  receives: (to: string, phrase: string, from: string): string => `${to} receives ${phrase} from ${from}.`,
  lost: (phrase: string, to: string, reason: string): string => `${capital(phrase)} to ${to} is lost: ${reason}.`,
  waits: (phrase: string, from: string, to: string): string => `${capital(phrase)} from ${from} waits: ${to} cannot be reached right now.`,
  released: (from: string, to: string, at: string): string => `A message from ${from} to ${to} that was held can go on; it arrives at ${at} ms.`,
  connectNote: (from: string, to: string, note: string): string => `${from} tries to connect to ${to}, but ${note}.`,
  opensConnection: (from: string, to: string): string => `${from} opens a connection to ${to}.`,
  connected: (node: string, peer: string): string => `${node} and ${peer} are connected.`,
  cannotConnect: (node: string, peer: string, reason: string): string => `${node} cannot connect to ${peer}: ${reason}.`,
  closes: (node: string, peer: string): string => `${node} closes its connection to ${peer}.`,
  gone: (node: string, peer: string, reason: string): string => `${node}'s connection to ${peer} is gone: ${reason}.`,
  somethingHappens: 'Something happens.',
  wakes: (node: string, what: string): string => `${node}'s application wakes up (${what}).`,
  scheduled: (label: string): string => `Scheduled: ${label}.`,
  notStarted: 'The run has not started: nothing has happened yet.',
  /** At a lab's first event, before anything but the servers' start has happened. */
  serversStarting: 'The servers are starting: none of them leads yet. Press Play, or Step to go one event at a time.',
};

export type NarrationMessages = typeof narration;
export default narration;
