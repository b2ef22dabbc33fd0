/**
 * The chapters' Markdown tables, each in a region of its own that scrolls sideways when the
 * table is wider than the column (a 390 px phone), named by its header cells so that a
 * screen reader announces what it is, and focusable so that the keyboard can scroll it.
 * book.css draws the cue: a shadow at the edge where more of the table is hidden.
 *
 * An Astro integration: when the build is done it rewrites the built pages (listed before
 * csp.mjs and offline.mjs, which then see the pages as served). Astro's Markdown processor
 * takes no rehype plugins, so the pages are rewritten, not the Markdown tree; a Markdown
 * table is the only bare `<table>` a page holds (a component's tables carry a class or are
 * made by a script). The words are the page's language's (src/i18n/{en,zh-cn}/figure.ts), as
 * its `<main lang>` says (an untranslated page under /zh-cn/ keeps its English text).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import en from '../i18n/en/figure.ts';
import zh from '../i18n/zh-cn/figure.ts';

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const decode = (s) => s.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e]);
const attr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** "Table: connection loss, session expiry": the first row's non-empty cells, from a table's HTML. */
export function tableName(tableHtml, m = en) {
  const row = /<tr\b[^>]*>([\s\S]*?)<\/tr>/.exec(tableHtml)?.[1] ?? '';
  const cells = [...row.matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => decode(c[1].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim()).filter(Boolean);
  return cells.length > 0 ? m.table(cells.join(', ')) : m.tableUnnamed;
}

/** A built page with each bare `<table>…</table>` in its named region (a table already in one is left). */
export function wrapTables(html) {
  const lang = /<main\b[^>]*\blang="([^"]*)"/.exec(html)?.[1] ?? /<html\b[^>]*\blang="([^"]*)"/.exec(html)?.[1] ?? 'en';
  const m = /^zh\b/i.test(lang) ? zh : en;
  return html.replace(/(<div class="table-scroll"[^>]*>)?<table>([\s\S]*?)<\/table>/g, (whole, wrapped, inner) =>
    wrapped ? whole : `<div class="table-scroll" role="region" tabindex="0" aria-label="${attr(tableName(inner, m))}"><table>${inner}</table></div>`,
  );
}

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : name.endsWith('.html') ? [path] : [];
  });
}

export function tableRegions() {
  return {
    name: 'ensemble:table-regions',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        let tables = 0;
        for (const file of htmlFiles(fileURLToPath(dir))) {
          const html = readFileSync(file, 'utf8');
          const out = wrapTables(html);
          if (out !== html) {
            tables += (out.match(/class="table-scroll"/g) ?? []).length;
            writeFileSync(file, out);
          }
        }
        logger.info(`${tables} tables in named, scrolling regions.`);
      },
    },
  };
}
