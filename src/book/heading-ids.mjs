/**
 * A heading may fix its own id with an MDX comment at its end:
 * `## 领导者（Leader） {/* #leader *\/}`. A translated chapter keeps its English page's
 * heading ids this way, so every link into it (`/zh-cn/glossary/#leader`, the table of
 * contents, a moment link) names the same anchor in both languages; the build's link check
 * (internal-links.mjs) holds the links to them, and test/e2e/zh-cn.test.ts compares a
 * translation's heading ids with its English page's. Headings without the comment keep the
 * ids Astro gives them. On a Chinese page the footnotes' heading (`Footnotes`, written by
 * the Markdown processor, listed in the table of contents) says 脚注.
 *
 * `fixedHeadingIds()` is a hast plugin for Astro's Markdown processor (Sätteri), which MDX
 * uses too; the integration `headingIds()` puts it first in the processor's hast plugins,
 * before the plugin that gives every other heading its slug (and keeps an id already set).
 * Plain ESM JavaScript because astro.config.mjs imports it; build time only.
 */

const ID_COMMENT = /^\s*\/\*\s*#([A-Za-z0-9][\w-]*)\s*\*\/\s*$/;

/** The id a heading's trailing `{/* #id *\/}` fixes, or undefined. Pure (a hast element in). */
export function fixedHeadingId(heading) {
  const last = heading.children?.[heading.children.length - 1];
  if (last?.type !== 'mdxTextExpression') return undefined;
  return ID_COMMENT.exec(last.value ?? '')?.[1];
}

/** The hast plugin: sets the fixed id and drops the comment and the space before it. */
export function fixedHeadingIds() {
  return {
    name: 'ensemble-fixed-heading-ids',
    element: {
      filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
      visit(node, ctx) {
        const id = fixedHeadingId(node);
        if (id === undefined) return;
        ctx.setProperty(node, 'id', id);
        ctx.removeNode(node.children[node.children.length - 1]);
        // The space before the comment goes too: a trailing space keeps Starlight's anchor icon from wrapping with the last character.
        const before = node.children[node.children.length - 2];
        if (before?.type === 'text' && /\s$/.test(before.value)) ctx.replaceNode(before, { type: 'text', value: before.value.replace(/\s+$/, '') });
      },
    },
  };
}

/** The footnotes' heading in each translation, by the folder of its pages. */
export const FOOTNOTE_LABELS = Object.freeze({ '/content/zh-cn/': '脚注' });

/** The footnote label for a page's file URL (undefined for an English page). */
export function footnoteLabelFor(fileURL) {
  const path = String(fileURL ?? '');
  return Object.entries(FOOTNOTE_LABELS).find(([dir]) => path.includes(dir))?.[1];
}

/** A hast plugin that puts `label` in place of the footnotes' heading text. */
export function footnoteLabel(label) {
  return {
    name: 'ensemble-footnote-label',
    element: {
      filter: ['h2'],
      visit(node, ctx) {
        if (node.properties?.id === 'footnote-label') ctx.replaceNode(node, { ...node, children: [{ type: 'text', value: label }] });
      },
    },
  };
}

/** The Astro integration: the plugins run first on every Markdown and MDX page. */
export function headingIds() {
  return {
    name: 'ensemble:heading-ids',
    hooks: {
      'astro:config:setup': ({ config }) => {
        const plugins = config.markdown?.processor?.options?.hastPlugins;
        if (!Array.isArray(plugins)) throw new Error('src/book/heading-ids.mjs: the Markdown processor takes no hast plugins (not Sätteri?); fixed heading ids would be lost');
        plugins.unshift(fixedHeadingIds(), ({ fileURL }) => {
          const label = footnoteLabelFor(fileURL);
          return label === undefined ? undefined : footnoteLabel(label);
        });
      },
    },
  };
}
