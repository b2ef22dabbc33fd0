/** PathUtils.validatePath: valid and invalid paths, messages, sequential validation of path+"1". */
import { describe, expect, it } from 'vitest';
import { isValidPath, nameOf, parentOf, pathProblem } from '../../../playground/zk/path.ts';

describe('validatePath', () => {
  it.each(['/', '/a', '/a..b', '/...', '/ ', '/é', '/.x', '/x.', '/zookeeper/x', '/a:b@c=d,e;f'])('accepts %j', (p) => {
    expect(isValidPath(p)).toBe(true);
  });
  it.each([
    ['', 'Path length must be > 0'],
    ['a', 'Path must start with / character'],
    ['x/y', 'Path must start with / character'],
    ['/a/', 'Path must not end with / character'],
    ['/x//y', 'Invalid path string "/x//y" caused by empty node name specified @3'],
    ['/x/./y', 'Invalid path string "/x/./y" caused by relative paths not allowed @3'],
    ['/x/../y', 'Invalid path string "/x/../y" caused by relative paths not allowed @4'],
    ['/x/.', 'Invalid path string "/x/." caused by relative paths not allowed @3'],
    ['/x/a\u0000b', 'Invalid path string "/x/a\u0000b" caused by null character not allowed @4'],
    ['/a\u0001', 'Invalid path string "/a\u0001" caused by invalid character @2'],
    ['/\u{1F600}', 'Invalid path string "/\u{1F600}" caused by invalid character @1'],
  ])('rejects %j', (p, msg) => {
    expect(pathProblem(p)).toBe(msg);
  });
  it('validates path + "1" for sequential creates', () => {
    expect(isValidPath('/q/')).toBe(false);
    expect(isValidPath('/q/', true)).toBe(true);
    expect(isValidPath('/q/.', true)).toBe(true);
    expect(isValidPath('/q//', true)).toBe(false);
  });
  it('parent and name', () => {
    expect(parentOf('/a/b')).toBe('/a');
    expect(parentOf('/a')).toBe('/');
    expect(nameOf('/a/b')).toBe('b');
  });
});
