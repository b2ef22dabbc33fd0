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
