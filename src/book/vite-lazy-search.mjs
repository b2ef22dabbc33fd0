/**
 * Vite plugin: Starlight's search UI loads when the reader reaches for search, not with every
 * page.
 *
 * Starlight imports Pagefind's UI (about 26 KB of gzipped JavaScript) on idle after every page
 * load. The book's budget for a chapter's first load is 100 KB, and most readers never search
 * on most pages. This rewrites that one call in Starlight's Search component script: the UI is
 * imported on the first pointer-over, focus or click of the search button, on Ctrl/Cmd+K, or
 * when the dialog opens, and the search input is focused once it exists. If Starlight's code
 * no longer has the shape this expects, the build fails here rather than shipping a page
 * whose search silently stopped working (the e2e search test covers the behaviour).
 */
// Whitespace and quote style vary with how Astro hands over the script, so match loosely.
const TRIGGER = /window\.addEventListener\((['"])DOMContentLoaded\1, \(\) => \{\s*if \(import\.meta\.env\.DEV\) return;\s*const onIdle = window\.requestIdleCallback \|\| \(\(cb\) => setTimeout\(cb, 1\)\);\s*onIdle\(async \(\) => \{/;

const REPLACEMENT = `window.addEventListener('DOMContentLoaded', () => {
				if (import.meta.env.DEV) return;
				// Ensemble: load Pagefind's UI when the reader reaches for search (vite-lazy-search.mjs).
				const onWanted = (cb) => {
					let started = false;
					const go = () => {
						if (started) return;
						started = true;
						Promise.resolve(cb()).then(() => { if (dialog.open) this.querySelector('input')?.focus(); });
					};
					for (const type of ['pointerenter', 'focus', 'click', 'touchstart']) openBtn.addEventListener(type, go, { once: true, passive: true });
					window.addEventListener('keydown', (e) => { if ((e.metaKey || e.ctrlKey) && e.key === 'k') go(); });
					new MutationObserver(() => { if (dialog.open) go(); }).observe(dialog, { attributes: true, attributeFilter: ['open'] });
				};
				onWanted(async () => {`;

export function lazySearch() {
  return {
    name: 'ensemble:lazy-search',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('@astrojs/starlight/dist/components/Search.astro') || !id.includes('type=script')) return null;
      if (!code.includes('PagefindUI')) return null;
      if (!TRIGGER.test(code)) {
        throw new Error('ensemble:lazy-search: Starlight\'s Search script changed shape; update src/book/vite-lazy-search.mjs');
      }
      return { code: code.replace(TRIGGER, () => REPLACEMENT), map: null };
    },
  };
}
