/** SHA-1 digest ids, base64, UTF-8, SHA-256 and the error code table. */
import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, isValidUtf8, utf8Decode, utf8Encode, utf8Length } from '../../../playground/zk/bytes.ts';
import { Code, KeeperException, codeName } from '../../../playground/zk/errors.ts';
import { generateDigest, sha1 } from '../../../playground/zk/sha1.ts';
import { sha256Hex } from '../../../playground/conformance/sha256.ts';

const hex = (b: Uint8Array): string => [...b].map((x) => x.toString(16).padStart(2, '0')).join('');

describe('digest', () => {
  it('alice:secret → alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=', () => {
    expect(generateDigest('alice:secret')).toBe('alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=');
  });
  it('SHA-1 test vectors', () => {
    expect(hex(sha1(utf8Encode('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1(new Uint8Array(0)))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hex(sha1(utf8Encode('a'.repeat(1000))))).toBe('291e9a6c66994949b57ba5e650361e98fc36b1ba');
  });
  it('without a colon the whole string is the user', () => {
    expect(generateDigest('bob').startsWith('bob:')).toBe(true);
  });
  it('SHA-256 test vectors', () => {
    expect(sha256Hex(utf8Encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('bytes', () => {
  it('base64 round trip', () => {
    for (const s of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar']) expect(utf8Decode(base64Decode(base64Encode(utf8Encode(s))))).toBe(s);
    expect(base64Encode(utf8Encode('foobar'))).toBe('Zm9vYmFy');
  });
  it('utf-8', () => {
    expect([...utf8Encode('é€😀')]).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
    expect(isValidUtf8(Uint8Array.from([0xff]))).toBe(false);
    expect(isValidUtf8(utf8Encode('héllo'))).toBe(true);
  });
  it('utf8Length is the length of utf8Encode, lone surrogates included', () => {
    const samples = ['', 'a', '/bench/n0000000042', 'é€😀', '\ud800', '\udc00', 'x\ud800', '\ud800x', '\udbff\udfff', '\udc00\ud800', '\u07ff\u0800\uffff', '\u0000\u007f\u0080'];
    for (let c = 0; c < 0x10000; c += 97) samples.push(String.fromCharCode(c, c ^ 0xdc00, 0xd83d, c));
    for (const s of samples) expect(utf8Length(s), JSON.stringify(s)).toBe(utf8Encode(s).length);
  });
});

describe('KeeperException codes', () => {
  it('real names and numbers', () => {
    expect(Code.NONODE).toBe(-101);
    expect(Code.NODEEXISTS).toBe(-110);
    expect(Code.NOWATCHER).toBe(-121);
    expect(codeName(-112)).toBe('SESSIONEXPIRED');
    const e = new KeeperException('NOAUTH', '/x');
    expect(e.code).toBe('NOAUTH');
    expect(e.intValue).toBe(-102);
    expect(e).toBeInstanceOf(Error);
  });
});
