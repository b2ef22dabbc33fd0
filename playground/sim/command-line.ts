/**
 * The words of the book's command lines: how a line such as `at 800ms partition s1 c1 | s2 s3`
 * or `create -e /a "two words"` splits into words, how times are written (`800ms`, `8s`,
 * `1.5s`), what a node id looks like, and how a word is printed back (quoted when it must be).
 * The fault language (`faults.ts`), fault schedules (`fault-schedule.ts`), the timeline's
 * links and the zkCli figures all read and write through here, so they agree on every word.
 *
 * Errors are `CommandError`s that say why and, where known, at which column of the line.
 * Imports the kernel contract's types only.
 */

import type { NodeId, TimeMs } from './types.ts';

/** A word of a line; `column` is where it starts (1-based). */
export interface Word {
  readonly text: string;
  /** Written in double quotes (so `#` or `|` in it are plain text). */
  readonly quoted: boolean;
  readonly column: number;
}

/** A line that is not a valid command: `why`, and the column it went wrong at (1-based) when known. */
export class CommandError extends Error {
  override name = 'CommandError';
  readonly why: string;
  readonly column: number | undefined;

  constructor(why: string, column?: number) {
    super(column === undefined ? why : `column ${column}: ${why}`);
    this.why = why;
    this.column = column;
  }
}

/** The largest time or duration a command may name: 10^9 ms, about 11.6 days of virtual time. */
export const MAX_COMMAND_MS = 1_000_000_000;

/** Node ids: `s1`, `c2`, `observer-1`; a letter first, at most 16 characters. */
export const NODE_ID = /^[A-Za-z][A-Za-z0-9_-]{0,15}$/;

/**
 * Split a line into words at spaces and tabs. A "double quoted" word may hold spaces; inside
 * it a backslash takes the next character as is (`\"`, `\\`). With `comments`, an unquoted
 * word starting with `#` ends the line.
 */
export function tokenize(line: string, options: { readonly comments?: boolean } = {}): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    const column = i + 1;
    if (c === '"') {
      let text = '';
      i++;
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length) i++;
        text += line[i];
        i++;
      }
      if (i >= line.length) throw new CommandError('this quote is never closed', column);
      i++;
      words.push({ text, quoted: true, column });
      continue;
    }
    if (c === '#' && options.comments === true) break;
    let text = '';
    while (i < line.length && line[i] !== ' ' && line[i] !== '\t') text += line[i++];
    words.push({ text, quoted: false, column });
  }
  return words;
}

/** A word as it must be written to read back as itself. */
export function quoteWord(text: string): string {
  if (text !== '' && /^[^\s"\\#|]+$/.test(text)) return text;
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * A time or duration word: `800ms`, `8s`, `1.5s` (whole milliseconds), from 0 to
 * `MAX_COMMAND_MS`. `what` names it in the error ("the time", "the freeze").
 */
export function parseMs(word: Word, what: string): TimeMs {
  const text = word.text;
  const m = /^(\d+)(?:\.(\d+))?(ms|s)$/.exec(text);
  if (m === null) {
    if (/^\d+(\.\d+)?$/.test(text)) throw new CommandError(`${what} "${text}" needs a unit: ${text}ms or ${text}s`, word.column);
    throw new CommandError(`${what} "${text}" is not a time such as 800ms or 8s`, word.column);
  }
  const [, whole, fraction, unit] = m;
  if (unit === 'ms' && fraction !== undefined) throw new CommandError(`${what} "${text}" is not a whole number of milliseconds`, word.column);
  const scale = unit === 's' ? 1000 : 1;
  const frac = fraction ?? '';
  if (frac.length > 3) throw new CommandError(`${what} "${text}" is finer than a millisecond`, word.column);
  const ms = Number(whole) * scale + (frac === '' ? 0 : Number(frac.padEnd(3, '0')));
  if (!Number.isSafeInteger(ms) || ms > MAX_COMMAND_MS) throw new CommandError(`${what} "${text}" is more than ${MAX_COMMAND_MS} ms (about 11.6 days)`, word.column);
  return ms;
}

/**
 * A signed offset: `-30s`, `+1.5s`, `250ms`, `0s`: a time word as `parseMs` reads it, after
 * an optional sign. `what` names it in the error ("the skew").
 */
export function parseOffsetMs(word: Word, what: string): number {
  const sign = word.text.startsWith('-') ? -1 : 1;
  const bare = /^[-+]/.test(word.text) ? { ...word, text: word.text.slice(1) } : word;
  return sign * parseMs(bare, what) || 0;
}

/** An offset as `parseOffsetMs` reads it back: `-30s`, `+250ms`, `0ms`. */
export function formatOffsetMs(ms: number): string {
  return ms < 0 ? `-${formatMs(-ms)}` : ms > 0 ? `+${formatMs(ms)}` : formatMs(0);
}

/** A duration as `parseMs` reads it back: whole seconds as `8s`, anything else as `800ms`. */
export function formatMs(ms: TimeMs): string {
  return ms > 0 && ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** A node id word (`s1`, `c2`); `what` names its role in the error. */
export function parseNodeId(word: Word, what = 'a node'): NodeId {
  if (word.quoted || !NODE_ID.test(word.text)) throw new CommandError(`"${word.text}" is not a node id such as s1 or c2 (${what})`, word.column);
  return word.text;
}

/** The column just after the last word (for "something is missing here" errors). */
export function endColumn(line: string): number {
  return line.trimEnd().length + 1;
}
