/**
 * Code as text in the page, with every invisible or bidirectional control character drawn
 * as a visible `[U+202E]` mark (`src/editor/hidden-chars.ts`) instead of the character
 * itself, so the page never reorders or hides what runs. A character JavaScript reads as a
 * line end (a lone CR, U+2028, U+2029) is followed by a line break. Browser-only; imports
 * hidden-chars.
 */
import { hiddenCharMark, splitHidden } from '../editor/hidden-chars.ts';

export function renderCode(target: HTMLElement, code: string): void {
  target.replaceChildren(
    ...splitHidden(code).flatMap((part) => {
      if (!part.hidden) return [part.text];
      const cp = part.text.codePointAt(0)!;
      const mark = document.createElement('span');
      mark.className = 'pg-hidden';
      mark.textContent = hiddenCharMark(cp);
      mark.title = 'An invisible or bidirectional control character';
      return cp === 0x0d || cp === 0x2028 || cp === 0x2029 ? [mark, '\n'] : [mark];
    }),
  );
}
