/**
 * Entry point of `npm run explore` (`node playground/explore/cli.ts`). The Node code lives in
 * `cli.node.ts` (argv, fs, timing), which the playground type check excludes; the import
 * goes through a variable so that check does not follow it into Node types.
 */
const entry = './cli.node.ts';
await import(entry);

export {};
