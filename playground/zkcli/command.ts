/**
 * zkCli-style commands, parsed.
 *
 * The book's tree figures are scripted the way a ZooKeeper user types into `zkCli.sh`:
 * `create -e -s /app/workers/w- "host-1"`, `set -v 1 /app/config "v2"`, `delete /a`.
 * This module only parses; `run-commands.ts` executes them against the simulated server.
 * Flags follow zkCli.sh (ZooKeeper 3.8, `org.apache.zookeeper.cli.CreateCommand` etc.):
 * create `-e` ephemeral, `-s` sequential, `-c` container, `-t <ms>` TTL; set/delete `-v`.
 * Words are split, and printed back, as every command line of the book is (the kernel's
 * `command-line.ts`). Pure: no DOM, no Node; imports the kernel's word helpers only.
 */

import { CommandError, tokenize as tokenizeWords } from '../sim/command-line.ts';
import { createModeOf } from '../zk/stat.ts';
import type { CreateMode } from '../zk/stat.ts';


export type Command =
  | { op: 'create'; path: string; data: string | null; mode: CreateMode; ttl?: number; text: string }
  | { op: 'set'; path: string; data: string; version: number; text: string }
  | { op: 'delete'; path: string; version: number; text: string }
  | { op: 'get'; path: string; text: string }
  | { op: 'sleep'; ms: number; text: string };

export class CommandSyntaxError extends Error {
  override name = 'CommandSyntaxError';
}

/** Split a command line into words; "double quoted" words may contain spaces and \" escapes (the kernel's tokenizer). */
export function tokenize(line: string): string[] {
  try {
    return tokenizeWords(line).map((w) => w.text);
  } catch (err) {
    if (err instanceof CommandError) throw new CommandSyntaxError(`${err.message}: ${line}`);
    throw err;
  }
}

function modeFor(ephemeral: boolean, sequential: boolean, container: boolean, ttl: number | undefined, text: string): CreateMode {
  if (container && (ephemeral || sequential || ttl !== undefined)) throw new CommandSyntaxError(`-c cannot be combined with -e, -s or -t: ${text}`);
  if (ttl !== undefined && ephemeral) throw new CommandSyntaxError(`-t cannot be combined with -e: ${text}`);
  return createModeOf({ ephemeral, sequential, container, ttl: ttl !== undefined })!;
}

function intArg(flag: string, value: string | undefined, text: string): number {
  if (value === undefined || !/^-?\d+$/.test(value)) throw new CommandSyntaxError(`${flag} needs a number: ${text}`);
  return Number(value);
}

/** Parse one command line. Throws CommandSyntaxError with the offending line. */
export function parseCommand(text: string): Command {
  const words = tokenize(text.trim());
  const verb = words.shift();
  const flags = new Set<string>();
  const positional: string[] = [];
  let version = -1;
  let ttl: number | undefined;
  while (words.length > 0) {
    const w = words.shift()!;
    if (w === '-v') version = intArg('-v', words.shift(), text);
    else if (w === '-t') ttl = intArg('-t', words.shift(), text);
    else if (/^-[esc]$/.test(w)) flags.add(w);
    else positional.push(w);
  }
  const path = positional[0];
  switch (verb) {
    case 'create': {
      if (path === undefined || positional.length > 2) throw new CommandSyntaxError(`usage: create [-e] [-s] [-c] [-t ttl] path [data]: ${text}`);
      const mode = modeFor(flags.has('-e'), flags.has('-s'), flags.has('-c'), ttl, text);
      const data = positional[1] ?? null;
      return ttl === undefined ? { op: 'create', path, data, mode, text } : { op: 'create', path, data, mode, ttl, text };
    }
    case 'set':
      if (path === undefined || positional.length !== 2 || flags.size > 0) throw new CommandSyntaxError(`usage: set [-v version] path data: ${text}`);
      return { op: 'set', path, data: positional[1]!, version, text };
    case 'delete':
      if (path === undefined || positional.length !== 1 || flags.size > 0) throw new CommandSyntaxError(`usage: delete [-v version] path: ${text}`);
      return { op: 'delete', path, version, text };
    case 'get':
      if (path === undefined || positional.length !== 1) throw new CommandSyntaxError(`usage: get path: ${text}`);
      return { op: 'get', path, text };
    case 'sleep':
      return { op: 'sleep', ms: intArg('sleep', path, text), text };
    default:
      throw new CommandSyntaxError(`unknown command "${verb ?? ''}" (create, set, delete, get, sleep): ${text}`);
  }
}
