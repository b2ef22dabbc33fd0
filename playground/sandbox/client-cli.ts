/**
 * Entry point of `npm run client` (`node playground/sandbox/client-cli.ts`): runs a reader
 * program file on the simulation or a real ZooKeeper. The Node code lives in
 * `client-cli.node.ts` (fs, argv, TCP), which the playground type check excludes; the import
 * goes through a variable so that check does not follow it into Node types.
 */
const entry = './client-cli.node.ts';
await import(entry);

export {};
