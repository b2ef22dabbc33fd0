/**
 * Which exercises a chapter holds, read from its MDX text at build time: the id of every
 * `<Playground … exercise="…">` and of every `<Challenge id="…">` (a stepper or lab
 * challenge). The sidebar and the landing page's contents carry them (`data-exercises`), so
 * the progress script can say "1 of 2 exercises passed" from local storage alone, with the
 * same ids reader-progress.ts keys a pass by. Pure.
 */
export function exerciseIds(mdx: string): string[] {
  const ids: string[] = [];
  for (const [tag] of mdx.matchAll(/<(?:Playground|Challenge)\b[^>]*>/g)) {
    const id = /\bid="([^"]+)"/.exec(tag)?.[1];
    if (id !== undefined && (tag.startsWith('<Challenge') || /\bexercise="/.test(tag))) ids.push(id);
  }
  return ids;
}
