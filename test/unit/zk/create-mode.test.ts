/**
 * The create-mode table against ZooKeeper 3.8.4's `CreateMode.java` enum (flag, ephemeral,
 * sequential, isContainer, isTTL), and what each mode sends (`ZooKeeper.create`).
 */
import { describe, expect, it } from 'vitest';
import { CREATE_MODES, CreateMode, createModeFromFlag, createModeOf, createOpcodeFor } from '../../../playground/zk/stat.ts';
import { parseCommand } from '../../../playground/zkcli/command.ts';

// CreateMode.java, release-3.8.4: NAME(flag, ephemeral, sequential, isContainer, isTTL)
const JAVA: Record<string, [number, boolean, boolean, boolean, boolean]> = {
  PERSISTENT: [0, false, false, false, false],
  PERSISTENT_SEQUENTIAL: [2, false, true, false, false],
  EPHEMERAL: [1, true, false, false, false],
  EPHEMERAL_SEQUENTIAL: [3, true, true, false, false],
  CONTAINER: [4, false, false, true, false],
  PERSISTENT_WITH_TTL: [5, false, false, false, true],
  PERSISTENT_SEQUENTIAL_WITH_TTL: [6, false, true, false, true],
};

describe('CreateMode, one table', () => {
  it('has exactly the Java enum, row by row', () => {
    expect(Object.keys(CREATE_MODES).sort()).toEqual(Object.keys(JAVA).sort());
    expect(Object.keys(CreateMode).sort()).toEqual(Object.keys(JAVA).sort());
    for (const [name, [flag, ephemeral, sequential, container, ttl]] of Object.entries(JAVA)) {
      expect(CREATE_MODES[name as CreateMode]).toEqual({ flag, ephemeral, sequential, container, ttl });
      expect(createModeFromFlag(flag)).toBe(name);
      expect(createModeOf({ ephemeral, sequential, container, ttl })).toBe(name);
    }
    expect(createModeFromFlag(7)).toBeUndefined();
    expect(createModeOf({ ephemeral: true, sequential: false, container: true, ttl: false })).toBeUndefined();
  });

  it('picks the opcode the Java client sends', () => {
    expect(createOpcodeFor('PERSISTENT', false)).toBe('create');
    expect(createOpcodeFor('EPHEMERAL_SEQUENTIAL', true)).toBe('create2');
    expect(createOpcodeFor('CONTAINER', true)).toBe('createContainer');
    expect(createOpcodeFor('PERSISTENT_SEQUENTIAL_WITH_TTL', false)).toBe('createTTL');
  });

  it("zkCli's flags name the same modes, and refuse the combinations zkCli refuses", () => {
    expect(parseCommand('create -e -s /a/b- x')).toMatchObject({ mode: 'EPHEMERAL_SEQUENTIAL' });
    expect(parseCommand('create -s -t 500 /a/b- x')).toMatchObject({ mode: 'PERSISTENT_SEQUENTIAL_WITH_TTL', ttl: 500 });
    expect(parseCommand('create -c /a')).toMatchObject({ mode: 'CONTAINER' });
    expect(() => parseCommand('create -c -e /a')).toThrow(/-c cannot be combined/);
    expect(() => parseCommand('create -e -t 500 /a')).toThrow(/-t cannot be combined with -e/);
  });
});
