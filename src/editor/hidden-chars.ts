/**
 * Characters that make code look different from what runs: bidirectional controls, which
 * reorder what the page draws ("Trojan Source", CVE-2021-42574), and invisible ones
 * (zero-width spaces and joiners, line and paragraph separators, the byte-order mark, tag
 * and variation selectors, fillers, C0/C1 controls, and a carriage return not followed by a
 * line feed: a line end to JavaScript, a space to the page). The playground shows each as a
 * visible mark, `[U+202E]` (the form Monaco uses for the controls it draws itself), and says
 * how many a link's code holds. Tabs, line feeds, CRLF and ordinary non-Latin text are not
 * hidden. Pure; imports nothing.
 */

/** Every hidden character (the `u` flag: astral ranges are single code points). */
const HIDDEN =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- finding exactly these characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\u{1d173}-\u{1d17a}\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]|\r(?!\n)/gu;

export interface HiddenChar {
  /** Position in the text, in UTF-16 code units. */
  readonly index: number;
  /** 1, or 2 for an astral character. */
  readonly length: number;
  readonly codePoint: number;
}

export function findHiddenChars(text: string): HiddenChar[] {
  return [...text.matchAll(HIDDEN)].map((m) => ({ index: m.index, length: m[0].length, codePoint: m[0].codePointAt(0)! }));
}

/** How a hidden character is shown: `[U+202E]`. */
export function hiddenCharMark(codePoint: number): string {
  return `[U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}]`;
}

/** The text as runs of ordinary text and single hidden characters, in order. */
export function splitHidden(text: string): { readonly text: string; readonly hidden: boolean }[] {
  const parts: { text: string; hidden: boolean }[] = [];
  let at = 0;
  for (const h of findHiddenChars(text)) {
    if (h.index > at) parts.push({ text: text.slice(at, h.index), hidden: false });
    parts.push({ text: text.slice(h.index, h.index + h.length), hidden: true });
    at = h.index + h.length;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hidden: false });
  return parts;
}
