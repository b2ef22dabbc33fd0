/**
 * A check's message by id (playground/exercises/said.ts): `say` gives the English text the
 * checks always gave, with the id and arguments beside it; `word` words the same message
 * from another catalogue, nested messages included, and gives up (undefined: the page
 * shows the English) on an id or an argument's id the catalogue lacks, or on a key that is
 * not its own (a prototype's). The catalogues' completeness is catalogues.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import { say, word } from '../../../playground/exercises/said.ts';
import type { Catalogue } from '../../../playground/exercises/said.ts';
import zh from '../../../src/i18n/zh-cn/checks.ts';

const ZH = zh as unknown as Catalogue;

describe('messages by id', () => {
  it('say: the English text as before, and the message', () => {
    const w = say('first-program.blindSet', -1);
    expect(w.problem).toBe(
      "setData('/config', …, -1) overwrites any version. Pass the version your read returned (stat.version): setData takes the version you expect, and fails with BADVERSION if someone changed the znode since.",
    );
    expect(w.say).toEqual({ id: 'first-program.blindSet', args: [-1] });
  });

  it('a message inside a message: English and Chinese', () => {
    const inner = say('first-program.aliveMode', say('first-program.unknownMode'));
    const outer = say('run.stuckBecause', inner, 'no event left');
    expect(outer.problem).toBe(`${inner.problem} (So the program never finished: no event left.)`);
    expect(outer.problem).toContain('/alive was created with an unknown mode: it outlives the session.');
    expect(word(ZH, outer.say)).toBe('/alive 是以 未知的模式 创建的：它会比会话活得久。“临时”是一种创建模式（CreateMode.EPHEMERAL），不是 ACL，也不是之后再设置的属性。（所以程序一直没有结束：no event left。）');
  });

  it('a problem not said by id goes in as its English text', () => {
    const outer = say('run.stuckBecause', { problem: 'an old problem' }, 'why');
    expect(outer.say).toEqual({ id: 'run.stuckBecause', args: ['an old problem', 'why'] });
    expect(word(ZH, outer.say)).toBe('an old problem（所以程序一直没有结束：why。）');
  });

  it('word gives up on an id the catalogue lacks, an argument it lacks, or a key of the prototype', () => {
    expect(word(ZH, { id: 'run.nothing', args: [] })).toBeUndefined();
    expect(word(ZH, { id: 'nogroup.stuck', args: [] })).toBeUndefined();
    expect(word(ZH, { id: 'run', args: [] })).toBeUndefined();
    expect(word(ZH, { id: 'run.stuck', args: [{ id: 'run.nothing', args: [] }] })).toBeUndefined();
    expect(word(ZH, { id: 'run.constructor', args: [] })).toBeUndefined();
    expect(word(ZH, { id: '__proto__.toString', args: [] })).toBeUndefined();
  });
});
