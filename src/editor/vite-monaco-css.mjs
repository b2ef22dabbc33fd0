/**
 * Vite plugin: keep Monaco's CSS out of every chapter page.
 *
 * Astro links the CSS of lazily imported chunks on every page of a route
 * (withastro/astro#9495), so Monaco's ~175 KB of styles would load with each chapter
 * even though the editor itself is fetched only on click. This plugin rewrites each
 * `import './x.css'` inside monaco-editor's ESM files into an `?inline` import plus a
 * `<style>` injection at run time: the CSS then travels inside the lazily loaded editor
 * chunk and reaches the page only when the editor does.
 */
const CSS_IMPORT = /^\s*import\s+['"]([^'"]+\.css)['"];?\s*$/gm;

export function monacoCssInline() {
  return {
    name: 'ensemble:monaco-css-inline',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('/node_modules/monaco-editor/esm/') || !id.endsWith('.js')) return null;
      if (!code.includes('.css')) return null;
      let n = 0;
      const out = code.replace(CSS_IMPORT, (_m, spec) => {
        const name = `__monacoCss${n++}`;
        return (
          `import ${name} from ${JSON.stringify(spec + '?inline')};\n` +
          `if (typeof document !== 'undefined') { const s = document.createElement('style'); ` +
          `s.dataset.monaco = ''; s.textContent = ${name}; document.head.appendChild(s); }`
        );
      });
      return n === 0 ? null : { code: out, map: null };
    },
  };
}
