/**
 * Invisible and bidirectional control characters (src/editor/hidden-chars.ts): every
 * "Trojan Source" character (CVE-2021-42574) and every invisible one is found, with its
 * code point and a visible mark; ordinary code, tabs, line ends and non-Latin text are not.
 */
import { describe, expect, it } from 'vitest';
import { findHiddenChars, hiddenCharMark, splitHidden } from '../../../src/editor/hidden-chars.ts';

const cp = (n: number): string => String.fromCodePoint(n);

describe('hidden characters', () => {
  it('finds every bidirectional control', () => {
    const bidi = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c];
    for (const c of bidi) expect(findHiddenChars(`a${cp(c)}b`).map((h) => h.codePoint), c.toString(16)).toEqual([c]);
  });

  it('finds invisible characters: zero-width, joiners, separators, BOM, tags, variation selectors, fillers, C0/C1 controls', () => {
    const invisible = [0x200b, 0x200c, 0x200d, 0x2028, 0x2029, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff, 0x00ad, 0x034f, 0x115f, 0x3164, 0xffa0, 0x180e, 0xfe0f, 0xe0041, 0xe0100, 0x0000, 0x0007, 0x001b, 0x007f, 0x0085, 0x009b, 0xfff9];
    for (const c of invisible) expect(findHiddenChars(`x${cp(c)}y`).map((h) => h.codePoint), c.toString(16)).toEqual([c]);
  });

  it('finds a lone carriage return (a line end to JavaScript, a space to the page), but not CRLF', () => {
    expect(findHiddenChars('// note\rrun();').map((h) => h.codePoint)).toEqual([0x0d]);
    expect(findHiddenChars('a();\r\nb();\n')).toEqual([]);
  });

  it('leaves ordinary code alone: tabs, newlines, accents, CJK, emoji, RTL letters', () => {
    expect(findHiddenChars("\tconst s = 'héllo 世界 ✓ 👍 שלום مرحبا';\n// ok\r\n")).toEqual([]);
  });

  it('reports positions in UTF-16 code units, astral characters included', () => {
    const text = `a${cp(0x202e)}b${cp(0xe0041)}c`;
    expect(findHiddenChars(text)).toEqual([
      { index: 1, length: 1, codePoint: 0x202e },
      { index: 3, length: 2, codePoint: 0xe0041 },
    ]);
  });

  it('gives each a visible mark in the form Monaco uses', () => {
    expect(hiddenCharMark(0x202e)).toBe('[U+202E]');
    expect(hiddenCharMark(0xe0041)).toBe('[U+E0041]');
    expect(hiddenCharMark(0x0d)).toBe('[U+000D]');
  });

  it('splits text into plain runs and marks, and joining it back gives the text', () => {
    const text = `if (isAdmin) {${cp(0x202e)} ${cp(0x2066)}// Check if admin${cp(0x2069)} ${cp(0x2066)}\n  ok();${cp(0x200b)}\n}`;
    const parts = splitHidden(text);
    expect(parts.filter((p) => p.hidden).map((p) => p.text)).toEqual([cp(0x202e), cp(0x2066), cp(0x2069), cp(0x2066), cp(0x200b)]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(splitHidden('plain')).toEqual([{ text: 'plain', hidden: false }]);
    expect(splitHidden('')).toEqual([]);
  });
});
