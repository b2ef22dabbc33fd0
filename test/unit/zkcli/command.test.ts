import { describe, expect, it } from 'vitest';
import { CommandSyntaxError, parseCommand, tokenize } from '../../../playground/zkcli/command.ts';

describe('zkCli command parsing', () => {
  it('tokenizes quoted data with spaces and escapes', () => {
    expect(tokenize('create /a "hello world" ')).toEqual(['create', '/a', 'hello world']);
    expect(tokenize('set /a "say \\"hi\\""')).toEqual(['set', '/a', 'say "hi"']);
    expect(() => tokenize('create /a "open')).toThrow(CommandSyntaxError);
  });

  it('maps zkCli create flags to create modes', () => {
    expect(parseCommand('create /a')).toMatchObject({ op: 'create', path: '/a', data: null, mode: 'PERSISTENT' });
    expect(parseCommand('create -e /a x')).toMatchObject({ mode: 'EPHEMERAL', data: 'x' });
    expect(parseCommand('create -s /q/item-')).toMatchObject({ mode: 'PERSISTENT_SEQUENTIAL' });
    expect(parseCommand('create -e -s /e/n-')).toMatchObject({ mode: 'EPHEMERAL_SEQUENTIAL' });
    expect(parseCommand('create -c /c')).toMatchObject({ mode: 'CONTAINER' });
    expect(parseCommand('create -t 5000 /t')).toMatchObject({ mode: 'PERSISTENT_WITH_TTL', ttl: 5000 });
    expect(parseCommand('create -s -t 10 /t')).toMatchObject({ mode: 'PERSISTENT_SEQUENTIAL_WITH_TTL', ttl: 10 });
  });

  it('rejects combinations ZooKeeper has no mode for', () => {
    expect(() => parseCommand('create -e -t 10 /x')).toThrow(/-t cannot be combined with -e/);
    expect(() => parseCommand('create -c -s /x')).toThrow(/-c cannot be combined/);
  });

  it('reads expected versions and refuses malformed commands', () => {
    expect(parseCommand('set -v 3 /a "v"')).toMatchObject({ op: 'set', version: 3, data: 'v' });
    expect(parseCommand('set /a v')).toMatchObject({ version: -1 });
    expect(parseCommand('delete -v 0 /a')).toMatchObject({ op: 'delete', version: 0 });
    expect(() => parseCommand('set /a')).toThrow(/usage: set/);
    expect(() => parseCommand('delete -v x /a')).toThrow(/-v needs a number/);
    expect(() => parseCommand('rmr /a')).toThrow(/unknown command "rmr"/);
  });
});
