/**
 * An exercise's hints: `content/exercises/<name>/hints.md`, three Markdown sections, each
 * opened by a `## ` heading, from a nudge to the key idea to nearly the answer. The page
 * reveals them one at a time, before "Show solution", from the file rendered to HTML and cut
 * at its `<h2>` headings (`splitHints`). Pure: text in, sections out.
 */
export interface Hint {
  /** The heading's text ("A nudge"). */
  readonly title: string;
  /** The section's Markdown, trimmed. */
  readonly body: string;
}

/** The `## ` sections of `markdown`, in order (text before the first heading is ignored). */
export function parseHints(markdown: string): Hint[] {
  const hints: Hint[] = [];
  let current: { title: string; lines: string[] } | undefined;
  for (const line of markdown.split(/\r\n|\r|\n/)) {
    const heading = /^## +(.+?)\s*$/.exec(line);
    if (heading !== null) {
      if (current !== undefined) hints.push({ title: current.title, body: current.lines.join('\n').trim() });
      current = { title: heading[1]!, lines: [] };
    } else current?.lines.push(line);
  }
  if (current !== undefined) hints.push({ title: current.title, body: current.lines.join('\n').trim() });
  return hints;
}

/** A hint as the page shows it: its title and its body, as HTML. */
export interface HintHtml {
  readonly title: string;
  readonly html: string;
}

/** The same split on a hints file rendered to HTML: at its `<h2>` headings, dropping what comes before the first. */
export function splitHints(html: string): HintHtml[] {
  return html
    .split(/<h2\b[^>]*>/)
    .slice(1)
    .map((part) => {
      const end = part.indexOf('</h2>');
      return { title: part.slice(0, end).trim(), html: part.slice(end + '</h2>'.length).trim() };
    });
}
