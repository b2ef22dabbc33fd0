/**
 * "How to read this figure", said in place: a lab after chapter 1 opens a short explainer
 * of the views it has (its caption's disclosure, EnsembleLab.astro), so the reader keeps the
 * figure where it stands; chapter 1's tour walks the same parts one at a time. Which views a
 * lab has is read from its children's markup (their custom elements). Pure; build time.
 */

/** A view of a lab, by the custom element that draws it, and how to read it. */
export const HOW_TO_READ = [
  {
    element: 'ensemble-diagram',
    text: 'Circles are **servers**: ★ LEADING is the **leader**, through which every change goes; FOLLOWING servers keep copies and answer reads; the pill under each is its **epoch**, the leader’s term. Boxes are **clients**, each holding a **session** over its line to a server. Marks moving along the lines are **messages in flight**; click one for what it carries.',
  },
  { element: 'znode-tree-live', text: 'The **tree of znodes**: one server’s copy of the data (choose which server).' },
  { element: 'txn-log', text: 'Each server’s **transaction log**, a column per change, numbered by its *zxid*, `epoch:counter`: ○ proposed (logged), ● committed (applied to the tree).' },
  { element: 'space-time', text: 'The **space-time diagram**: a lane per server and client, time running left to right, an arrow per message.' },
] as const;

/** Step and Play, under the picture, move every view together. */
export const HOW_TO_READ_CONTROLS = '**Step** moves one event, **Play** lets time run, and every view follows; the key under each view names its marks.';

/** The explainer's lines for a lab whose children render as `html`. */
export function howToRead(html: string): string[] {
  return [...HOW_TO_READ.filter((v) => html.includes(`<${v.element}`)).map((v) => v.text), HOW_TO_READ_CONTROLS];
}
