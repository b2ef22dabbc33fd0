/**
 * "How to read this figure", said in place: a lab after chapter 1 opens a short explainer
 * of the views it has (its caption's disclosure, EnsembleLab.astro), so the reader keeps the
 * figure where it stands; chapter 1's tour walks the same parts one at a time. Which views a
 * lab has is read from its children's markup (their custom elements); the words are the
 * figure catalogue's (src/i18n/<locale>/figure.ts, `howTo`). Pure; build time.
 */
import type { FigureMessages } from '../i18n/en/figure.ts';

/** A view of a lab, by the custom element that draws it, and its words in the catalogue. */
export const HOW_TO_READ = [
  { element: 'ensemble-diagram', words: 'ensemble' },
  { element: 'znode-tree-live', words: 'tree' },
  { element: 'txn-log', words: 'log' },
  { element: 'space-time', words: 'lanes' },
] as const satisfies readonly { element: string; words: keyof FigureMessages['howTo'] }[];

/** The explainer's lines (inline Markdown) for a lab whose children render as `html`: its views, then the controls. */
export function howToRead(html: string, m: FigureMessages): string[] {
  return [...HOW_TO_READ.filter((v) => html.includes(`<${v.element}`)).map((v) => m.howTo[v.words]), m.howTo.controls];
}
