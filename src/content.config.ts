/**
 * The book's content collection: every chapter is an MDX file in `content/chapters/`,
 * plus the landing page `content/index.mdx`; their Chinese translations are the same paths
 * under `content/zh-cn/` (ids `zh-cn` and `zh-cn/<slug>`, Starlight's locale prefix; see
 * src/book/locales.mjs). A translation needs only `title` and `description`: its part, kind
 * and status are its English page's. Starlight's schema is extended with the
 * fields the book needs; a chapter missing one fails the build with the field's name. A
 * chapter's place in the book is not here but in the one list `src/book/chapters.mjs`.
 */
import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';

export const collections = {
  docs: defineCollection({
    loader: glob({
      base: './content',
      pattern: ['index.mdx', 'chapters/[^_]*.mdx', 'zh-cn/index.mdx', 'zh-cn/chapters/[^_]*.mdx'],
      // Chapters live at /<slug>/ and /zh-cn/<slug>/, not /chapters/<slug>/; a locale's
      // landing page is the locale itself (`zh-cn`), as Starlight names it.
      generateId: ({ entry }) =>
        entry
          .replace(/(^|\/)chapters\//, '$1')
          .replace(/\.mdx$/, '')
          .replace(/^(.+)\/index$/, '$1'),
    }),
    schema: docsSchema({
      extend: z.object({
        /** Part of the book the chapter belongs to (sidebar group). */
        part: z.string().default('Foundations'),
        /** `appendix` pages (glossary, for developers) come after the chapters, unnumbered. */
        kind: z.enum(['chapter', 'appendix']).default('chapter'),
        /** `draft` chapters are written but not yet reviewed against the sources. */
        status: z.enum(['draft', 'ready']).default('ready'),
      }),
    }),
  }),
};
