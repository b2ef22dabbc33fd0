/**
 * Lines of harness text (reader-program code that checks run after the reader's code) that
 * several checks share, written once. The text is what the reader sees in the check's code,
 * so it stays plain program text: each function returns it with the names it is given.
 */

/** Create `dir` PERSISTENT through handle `zk`; NODEEXISTS means another run made it; a lost connection is tried again. */
export function createParentText(zk: string, dir: string): string {
  return `for (;;) {
  try {
    await ${zk}.create(${dir}, '', OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
    break;
  } catch (err) {
    if (err instanceof KeeperException && err.code === 'NODEEXISTS') break;
    if (!(err instanceof KeeperException && err.code === 'CONNECTIONLOSS')) throw err;
    await sleep(100);
  }
}`;
}
