/**
 * The plausible wrong solutions each exercise's check must reject, and the words its problem
 * must use: the reader has to learn from the message what went wrong. Each file under
 * `test/unit/exercises/<exercise>/wrong-*.ts` opens with a comment saying what its mistake is
 * and declares only what it gets wrong; the rest of its program is the solution's
 * (wrong-program.ts splices them).
 */
export interface WrongVariant {
  /** File name in `test/unit/exercises/<exercise>/`. */
  readonly file: string;
  /** The judge's problem must match this. */
  readonly message: RegExp;
}

export const WRONG_VARIANTS: Readonly<Record<string, readonly WrongVariant[]>> = {
  'config-watcher': [
    { file: 'wrong-made-up-value.ts', message: /watchConfig reported v\d+, but no read of \/config had returned it/ },
    { file: 'wrong-no-retry.ts', message: /missed the last update|CONNECTIONLOSS/ },
    { file: 'wrong-watch-in-other-call.ts', message: /watchConfig missed the last update/ },
    { file: 'wrong-polls.ts', message: /the watcher read \/config \d+ times with nothing new to read .*: it polls/ },
  ],
  'herd-free-lock': [
    { file: 'wrong-create-retry.ts', message: /an orphan: session 0x[0-9a-f]+ stood in line twice/ },
  ],
  'versioned-counter': [
    { file: 'wrong-retry-doubles.ts', message: /counted twice: .* failed with CONNECTIONLOSS, but the ensemble had applied it/ },
    { file: 'wrong-loss-is-success.ts', message: /increment was lost: .*CONNECTIONLOSS.* returned without its write applied/ },
    { file: 'wrong-any-version.ts', message: /version -1 overwrites whatever is there/ },
    { file: 'wrong-version-read-later.ts', message: /increment was lost: .* set \/counter to \d+ when it already held \d+/ },
    { file: 'wrong-last-writer-only.ts', message: /counted twice: .* failed with CONNECTIONLOSS, but the ensemble had applied it/ },
    { file: 'wrong-connects-first.ts', message: /your code opened a session of its own before the check's code ran/ },
    { file: 'wrong-own-session.ts', message: /only the workers' own handles \(the zk passed to increment\) may/ },
    { file: 'wrong-compare-value.ts', message: /(counted twice|increment was lost): .*CONNECTIONLOSS/ },
  ],
  'safe-create': [
    { file: 'wrong-no-retry.ts', message: /call \d threw CONNECTIONLOSS: the connection broke while the create was in flight/ },
    { file: 'wrong-session-guid.ts', message: /call \d returned \/tasks\/\S+, which w\d's call \d had already returned: .*the id of this call, not of the session/ },
    { file: 'wrong-persistent.ts', message: /called create\('\/tasks\/\S+', …, PERSISTENT_SEQUENTIAL\): createOnce must create EPHEMERAL_SEQUENTIAL/ },
    { file: 'wrong-lookup-once.ts', message: /an orphan: .* created \/tasks\/\S+, but no call returned it/ },
  ],
  'no-stale-read': [
    { file: 'wrong-two-reads-agree.ts', message: /a stale read: readFresh returned v\d+ after v\d+ was acknowledged\. c2's getData was answered by s2, from its own copy.*Call sync\(path\) first/ },
    { file: 'wrong-sync-once.ts', message: /a stale read: readFresh returned v\d+ after v\d+ was acknowledged\. c2's getData was answered by s2/ },
    { file: 'wrong-sync-no-retry.ts', message: /readFresh threw CONNECTIONLOSS: a server that loses its leader stops serving/ },
    { file: 'wrong-wait-it-out.ts', message: /a stale read: readFresh returned v\d+ after v\d+ was acknowledged\. c2's getData was answered by s2|readFresh took \d+ ms to answer v\d+ while nothing was wrong: waiting does not make a read fresh/ },
    { file: 'wrong-watched-cache.ts', message: /a stale read: .*no getData since the acknowledgement had returned v\d+: it was kept from an earlier read \(a cache, or a watch\)/ },
  ],
  'group-membership': [
    { file: 'wrong-persistent.ts', message: /called create\('\/members\/m\d', …, PERSISTENT\): a member's znode must be EPHEMERAL/ },
    { file: 'wrong-nodeexists-is-mine.ts', message: /m3 joined in session 0x[0-9a-f]+, but \/members\/m3 belonged to session 0x[0-9a-f]+, the one m3 had before it crashed/ },
    { file: 'wrong-watch-once.ts', message: /the monitor missed a change: .*A watch fires once/ },
    { file: 'wrong-watch-each-member.ts', message: /the monitor missed a change: .*A watch fires once/ },
    { file: 'wrong-polls.ts', message: /the monitor listed \/members \d+ times for \d+ changes of the group: it polls/ },
    { file: 'wrong-expired-returns.ts', message: /m\d's join returned, but \/members\/m\d did not exist: .*let SESSIONEXPIRED reach the caller/ },
    { file: 'wrong-wait-past-expiry.ts', message: /m\d's session expired while its join was running, and join had neither returned nor thrown 2 s later.*join must throw SESSIONEXPIRED/ },
  ],
  'leader-election': [
    { file: 'wrong-watch-children.ts', message: /the herd effect: .*watch the znode just below yours/ },
    { file: 'wrong-woken-means-leader.ts', message: /two leaders: w\d took over with \/election\/\S+ while \/election\/\S+ .* still stood before it/ },
    { file: 'wrong-list-before-create.ts', message: /two leaders: w\d took over with/ },
    { file: 'wrong-persistent.ts', message: /called create\('\/election\/\S+', …, PERSISTENT_SEQUENTIAL\): a candidate's znode must be EPHEMERAL_SEQUENTIAL/ },
    { file: 'wrong-create-retry.ts', message: /an orphan: session 0x[0-9a-f]+ stood in line twice/ },
    { file: 'wrong-sort-by-name.ts', message: /two leaders: w\d took over with/ },
    { file: 'wrong-polls.ts', message: /the candidates read \/election \d+ times for \d+ changes to the line: they poll/ },
  ],
  'safe-queue': [
    { file: 'wrong-nonode-is-mine.ts', message: /job \d+ was processed by w\d, but w\d's session .* took it: .*failed with CONNECTIONLOSS, and w\d then took the item for its own/ },
    { file: 'wrong-ignores-delete-result.ts', message: /job \d+ was processed by w\d, but w\d's session .* took it: .*reading it is not taking it/ },
    { file: 'wrong-multi-blind-retry.ts', message: /job \d+ was lost: w\d's session .* deleted \/queue\/item-\d+, but no consumer processed it\. w\d's multi failed with CONNECTIONLOSS, though the ensemble had applied it/ },
    { file: 'wrong-claim-nodeexists-is-mine.ts', message: /job \d+ was processed by w\d, but w\d's session .* took it/ },
  ],
  'fenced-counter': [
    { file: 'wrong-version-token.ts', message: /an increment was lost: .*late write carried a token \(0\) the resource did not refuse: the token must grow with every grant of the lock/ },
    { file: 'wrong-no-token-on-read.ts', message: /an increment was lost: .*the resource let its write in because it had not yet seen w\d's token: w\d read the counter without presenting it/ },
    { file: 'wrong-check-then-write.ts', message: /an increment was lost: .*late write carried no token, so the resource could not refuse it/ },
    { file: 'wrong-own-counter.ts', message: /the resource refused w\d three grants of the lock in a row|an increment was lost: .*the token must grow with every grant of the lock/ },
    { file: 'wrong-session-token.ts', message: /the resource refused w\d three grants of the lock in a row.*A token must grow with every grant of the lock/ },
    { file: 'wrong-value-as-token.ts', message: /an increment was lost: .*late write carried a token \(\d+\) the resource did not refuse: the token must grow with every grant of the lock/ },
    { file: 'wrong-zxid-counter-only.ts', message: /the resource refused w\d three grants of the lock in a row.*A token must grow with every grant of the lock/ },
    { file: 'wrong-ctime-token.ts', message: /the resource refused w\d three grants of the lock in a row.*: its token \d+ was the lock znode's ctime .*the time on the leader's wall clock .*after a leader change the new leader's clock can be behind the old one's.*czxid/ },
    { file: 'wrong-mtime-token.ts', message: /the resource refused w\d three grants of the lock in a row.*: its token \d+ was the lock znode's ctime \(and its mtime.*the time on the leader's wall clock .*after a leader change the new leader's clock can be behind/ },
    { file: 'wrong-retry-refused.ts', message: /w\d's increment kept sending requests after the resource had refused its token: .*your lock is gone/ },
  ],
};
