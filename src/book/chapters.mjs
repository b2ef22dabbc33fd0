/**
 * The book's table of contents, read from the chapters' own frontmatter.
 *
 * A chapter is `content/chapters/<slug>.mdx`; its `order` field places it in the book.
 * astro.config.mjs calls this at config time to build Starlight's sidebar, so the order
 * lives in exactly one place (the chapter) and prev/next follow it. The content schema
 * (src/content.config.ts) validates the same fields at build time; this reader only
 * needs `order` and fails loudly when a chapter lacks it.
 * Plain ESM JavaScript (no TypeScript) because astro.config.mjs imports it directly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @returns {{ slug: string, order: number, part: string }[]} chapters sorted by order */
export function readChapters(dir) {
  const chapters = readdirSync(dir)
    .filter((f) => /^[^_].*\.mdx?$/.test(f))
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
      const order = front && /^order:\s*(\d+)\s*$/m.exec(front[1]);
      if (!order) throw new Error(`content/chapters/${file}: frontmatter needs "order: <number>"`);
      const part = front && /^part:\s*(.+?)\s*$/m.exec(front[1]);
      return {
        slug: file.replace(/\.mdx?$/, ''),
        order: Number(order[1]),
        part: part ? part[1].replace(/^['"]|['"]$/g, '') : 'Foundations',
      };
    })
    .sort((a, b) => a.order - b.order);
  const seen = new Map();
  for (const c of chapters) {
    if (seen.has(c.order)) throw new Error(`chapters ${seen.get(c.order)} and ${c.slug} share order ${c.order}`);
    seen.set(c.order, c.slug);
  }
  return chapters;
}

/** Starlight sidebar groups: one group per `part`, in the order parts first appear. */
export function sidebarFromChapters(chapters) {
  const groups = [];
  for (const c of chapters) {
    let group = groups.find((g) => g.label === c.part);
    if (!group) groups.push((group = { label: c.part, items: [] }));
    group.items.push(c.slug);
  }
  return groups;
}
