/**
 * A Playground's "Earlier versions" list: each version the store kept
 * (`src/sandbox/persistence.ts`), newest first, with when it was saved, its size, its
 * first lines (hidden characters marked) and a Restore button. Loaded when the reader first
 * opens the list, not with the page. Browser-only; imports the hidden-character marks.
 */
import type { SavedVersion } from '../sandbox/persistence.ts';
import { renderCode } from './hidden-marks.ts';

/** When a version was saved, in the reader's words. */
export function savedWhen(savedAt: number): string {
  return savedAt > 0 ? new Date(savedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'on an earlier visit';
}

function versionItem(v: SavedVersion, onRestore: () => void): HTMLLIElement {
  const li = document.createElement('li');
  const lines = v.code.replace(/\n$/, '').split('\n');
  const head = document.createElement('p');
  head.className = 'pg-version';
  head.textContent = `Saved ${savedWhen(v.savedAt)} · ${lines.length} line${lines.length === 1 ? '' : 's'}${v.seed !== 1 ? ` · seed ${v.seed}` : ''}${v.faults.trim() !== '' ? ' · fault schedule' : ''} `;
  const restore = document.createElement('button');
  restore.type = 'button';
  restore.textContent = 'Restore';
  restore.setAttribute('aria-label', `Restore the version saved ${savedWhen(v.savedAt)}`);
  restore.addEventListener('click', onRestore);
  head.append(restore);
  const pre = document.createElement('pre');
  pre.className = 'pg-version-code';
  const code = document.createElement('code');
  renderCode(code, lines.slice(0, 4).join('\n') + (lines.length > 4 ? '\n…' : ''));
  pre.append(code);
  li.append(head, pre);
  return li;
}

/** Fill the list; `onRestore(index)` when the reader restores one. */
export function renderVersions(list: HTMLElement, versions: readonly SavedVersion[], onRestore: (index: number) => void): void {
  list.replaceChildren(...versions.map((v, i) => versionItem(v, () => onRestore(i))));
}
