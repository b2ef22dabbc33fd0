/**
 * The sandbox's ending messages (src/sandbox/endings.ts) name what is known: a stall is
 * "did not yield", never simply "an infinite loop"; an uncaught error is an uncaught error,
 * never "memory without bound" unless the browser said the worker ran out of memory.
 */
import { describe, expect, it } from 'vitest';
import { budgetMessage, crashedMessage, stalledMessage } from '../../../src/sandbox/endings.ts';

describe('sandbox endings', () => {
  it('a stall says the program did not yield, and names every cause that looks like one', () => {
    const m = stalledMessage(3000);
    expect(m).toMatch(/ran for 3 s of wall-clock time without yielding/);
    expect(m).toMatch(/cannot tell why/);
    expect(m).toMatch(/loop that never ends/);
    expect(m).toMatch(/long synchronous computation/);
    expect(m).toMatch(/allocating memory without bound/);
    expect(m).not.toMatch(/an infinite loop/);
  });

  it('an uncaught error is reported as one, with its message, not as memory', () => {
    for (const raw of ['Uncaught Error: thrown from a microtask', 'Uncaught TypeError: x is not a function', '']) {
      const m = crashedMessage(raw);
      expect(m).toMatch(/an error nothing caught ended the sandbox/);
      expect(m).not.toMatch(/memory/);
    }
    expect(crashedMessage('Uncaught Error: thrown from a microtask')).toContain(': Error: thrown from a microtask.');
    expect(crashedMessage('')).toContain('an error without a message');
  });

  it('says memory only when the browser said so', () => {
    for (const raw of ['Uncaught RangeError: Array buffer allocation failed', 'Out of memory', 'Uncaught RangeError: Invalid array length', 'Reached heap limit']) {
      expect(crashedMessage(raw), raw).toMatch(/ran out of memory/);
    }
  });

  it('the budget names the budget', () => {
    expect(budgetMessage(30_000)).toMatch(/more than 30 s of wall-clock time, the sandbox's budget/);
  });
});
