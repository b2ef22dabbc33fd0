/**
 * Starlight route middleware: every chapter link in the sidebar carries the ids of its
 * exercises (`data-exercises`, from exercise-ids.ts; empty when it has none), which marks it
 * as a chapter for the progress script (src/components/book-progress.ts), in every language
 * (a translation holds its English chapter's exercises). Build time only.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import type { StarlightRouteData } from '@astrojs/starlight/route-data';
import { getCollection } from 'astro:content';
import { inBookOrder } from './chapters.mjs';
import { pageHref, TRANSLATIONS } from './locales.mjs';
import { exerciseIds } from './exercise-ids.ts';

let byHref: Map<string, string> | undefined;

type Entry = StarlightRouteData['sidebar'][number];

function annotate(entries: readonly Entry[], ids: Map<string, string>): void {
  for (const e of entries) {
    if (e.type === 'group') annotate(e.entries, ids);
    else if (ids.has(e.href)) e.attrs['data-exercises'] = ids.get(e.href)!;
  }
}

export const onRequest = defineRouteMiddleware(async (context) => {
  byHref ??= new Map(
    inBookOrder(await getCollection('docs'))
      .filter((c) => c.data.kind === 'chapter')
      .flatMap((c) => [undefined, ...TRANSLATIONS].map((locale) => [pageHref(c.id, locale), exerciseIds(c.body ?? '').join(' ')] as const)),
  );
  annotate(context.locals.starlightRoute.sidebar, byHref);
});
