/**
 * A check's message said by its id, so a page words it in its own language. A check (and
 * the runner) words every problem with `say(id, ...args)`: the English text, from the
 * checks' English catalogue (`check-messages.ts`), is the Judgement's `problem`, as the
 * CLI, the unit tests and an English page show it; beside it goes the `Said`, the id and the
 * arguments, which a page in another language looks up in its own catalogue
 * (src/i18n/zh-cn/checks.ts) with `word`. An argument may itself be a message (a problem
 * inside "(So the program never finished …)"). Ids are `<group>.<key>`: `run.stuck`,
 * `safe-create.orphan`. Pure.
 */
import english from './check-messages.ts';

/** A message by its id in the checks' catalogues, with its arguments. */
export interface Said {
  readonly id: string;
  readonly args: readonly SaidArg[];
}
export type SaidArg = string | number | Said;

/** A problem in English with its message: what a failing Judgement carries. */
export interface Worded {
  readonly problem: string;
  readonly say: Said;
}

export type CheckMessages = typeof english;
type Group = keyof CheckMessages;
/** Every id of the English catalogue, `group.key`. */
export type SaidId = { [G in Group]: `${G & string}.${keyof CheckMessages[G] & string}` }[Group];
type MessageOf<I extends SaidId> = I extends `${infer G}.${infer K}` ? (G extends Group ? (K extends keyof CheckMessages[G] ? CheckMessages[G][K] : never) : never) : never;
/** A problem passed as an argument: its message, or (not said by id) its English text. */
type Inner = { readonly problem: string; readonly say?: Said };
type ArgsOf<I extends SaidId> = MessageOf<I> extends (...a: infer P) => string ? { [N in keyof P]: P[N] | Inner } : [];

/** A catalogue of the same shape, in any language: groups of messages (functions or plain strings). */
export type Catalogue = Readonly<Record<string, Readonly<Record<string, string | ((...args: never[]) => string)>>>>;

/** The message `said` worded from `catalogue`; undefined when the catalogue lacks its id or an argument's. */
export function word(catalogue: Catalogue, said: Said): string | undefined {
  const dot = said.id.indexOf('.');
  const group = catalogue[said.id.slice(0, dot)];
  const key = said.id.slice(dot + 1);
  if (dot < 0 || group === undefined || !Object.hasOwn(catalogue, said.id.slice(0, dot)) || !Object.hasOwn(group, key)) return undefined;
  const entry = group[key]!;
  if (typeof entry === 'string') return entry;
  const args: (string | number)[] = [];
  for (const a of said.args) {
    const text = typeof a === 'object' ? word(catalogue, a) : a;
    if (text === undefined) return undefined;
    args.push(text);
  }
  return (entry as (...a: (string | number)[]) => string)(...args);
}

/** Say the message `id` with `args`: its English text and its Said. */
export function say<I extends SaidId>(id: I, ...args: ArgsOf<I>): Worded {
  const plain = (args as readonly (string | number | Inner)[]).map((a) => (typeof a === 'object' ? (a.say ?? a.problem) : a));
  const said: Said = { id, args: plain };
  return { problem: word(english as unknown as Catalogue, said)!, say: said };
}
