/**
 * The reader's steps: the one JSON step format shared by the stepper, the classic runs
 * (`runs/*.json`) and the paxos-check counterexamples.
 *
 *   { "do": "start", "proposer": "p1", "value": "X" }    begin a round at p1 proposing X
 *   { "do": "deliver", "msg": "p1->a1 prepare 1.1" }     deliver a message in flight
 *   { "do": "drop", "msg": "a1->p1 promise 1.1 accepted=none" }
 *   { "do": "duplicate", "msg": "p1->a2 accept 1.1 X" }  put a second copy in flight
 *   { "do": "crash", "acceptor": "a2" }                  in-flight messages to a2 are lost
 *   { "do": "recover", "acceptor": "a2" }                back, from stable storage
 *
 * Messages are named by label (see messages.ts), so a step list means the same thing
 * however the messages got there.
 *
 * Imports nothing at runtime. Pure parsing and describing.
 */

export type PaxosStep =
  | { readonly do: 'start'; readonly proposer: string; readonly value: string }
  | { readonly do: 'deliver' | 'drop' | 'duplicate'; readonly msg: string }
  | { readonly do: 'crash' | 'recover'; readonly acceptor: string };

/** Checks the shape of one step read from JSON; throws with the offending step otherwise. */
export function parseStep(raw: unknown): PaxosStep {
  const bad = (why: string): never => {
    throw new Error(`bad step ${JSON.stringify(raw)}: ${why}`);
  };
  if (typeof raw !== 'object' || raw === null) return bad('not an object');
  const s = raw as Record<string, unknown>;
  const str = (key: string): string => (typeof s[key] === 'string' ? (s[key] as string) : bad(`"${key}" must be a string`));
  switch (s.do) {
    case 'start':
      return { do: 'start', proposer: str('proposer'), value: str('value') };
    case 'deliver':
    case 'drop':
    case 'duplicate':
      return { do: s.do, msg: str('msg') };
    case 'crash':
    case 'recover':
      return { do: s.do, acceptor: str('acceptor') };
    default:
      return bad('"do" must be start, deliver, drop, duplicate, crash or recover');
  }
}

export function describeStep(step: PaxosStep): string {
  switch (step.do) {
    case 'start':
      return `start ${step.proposer} with ${step.value}`;
    case 'deliver':
    case 'drop':
    case 'duplicate':
      return `${step.do} ${step.msg}`;
    case 'crash':
    case 'recover':
      return `${step.do} ${step.acceptor}`;
  }
}

/** A step line's verb, the rest, and a thrower that names the line: shared by every step reader. */
export function splitStepLine(line: string): { readonly verb: string; readonly rest: string; readonly bad: (why: string) => never } {
  const text = line.trim();
  const space = text.indexOf(' ');
  return {
    verb: space < 0 ? text : text.slice(0, space),
    rest: space < 0 ? '' : text.slice(space + 1).trim(),
    bad: (why: string): never => {
      throw new Error(`step "${text}": ${why}`);
    },
  };
}

/**
 * Reads a step's line as `describeStep` writes it (`start p1 with X`, `deliver p1->a1
 * prepare 1.1`, `crash a2`); throws with the line and what is wrong.
 */
export function parseStepLine(line: string): PaxosStep {
  const { verb, rest, bad } = splitStepLine(line);
  switch (verb) {
    case 'start': {
      const m = /^(\S+) with (\S+)$/.exec(rest);
      return m ? { do: 'start', proposer: m[1]!, value: m[2]! } : bad('start needs "<proposer> with <value>"');
    }
    case 'deliver':
    case 'drop':
    case 'duplicate':
      return /^\S+->\S+ \S/.test(rest) ? { do: verb, msg: rest } : bad(`${verb} needs a message ("p1->a1 prepare 1.1")`);
    case 'crash':
    case 'recover':
      return /^\S+$/.test(rest) ? { do: verb, acceptor: rest } : bad(`${verb} needs one acceptor`);
    default:
      return bad('a step starts with start, deliver, drop, duplicate, crash or recover');
  }
}
