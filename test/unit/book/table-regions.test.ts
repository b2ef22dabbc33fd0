/**
 * The chapters' tables each sit in a named, focusable region (src/book/table-regions.mjs):
 * every bare table of a built page is wrapped once, named by its header cells in the
 * language of the page's text, and a table already in a region is not wrapped again; a
 * component's table (with attributes) is left alone.
 */
import { describe, expect, it } from 'vitest';
import { tableName, wrapTables } from '../../../src/book/table-regions.mjs';

const TABLE = '<table><thead><tr><th></th><th>connection loss</th><th><code>session</code> expiry &amp; more</th></tr></thead><tbody><tr><td>a</td></tr></tbody></table>';
const page = (lang: string, body: string): string => `<html lang="zh-CN"><body><main data-pagefind-body lang="${lang}">${body}</main></body></html>`;

describe('table regions', () => {
  it('names a table by its header cells, the empty corner left out', () => {
    expect(tableName(TABLE)).toBe('Table: connection loss, session expiry & more');
    expect(tableName('<table></table>')).toBe('Table');
  });

  it("wraps every bare table once in a focusable region, in the language of the page's text", () => {
    const out = wrapTables(page('en', `<p>x</p>${TABLE}<div>${TABLE}</div><table class="lab">x</table>`));
    expect(out.match(/<div class="table-scroll" role="region" tabindex="0" aria-label="Table: connection loss, session expiry &amp; more"><table>/g)?.length).toBe(2);
    expect(out).toContain('<table class="lab">x</table>');
    expect(wrapTables(out)).toBe(out);
    expect(wrapTables(page('zh-CN', TABLE))).toContain('aria-label="表格：connection loss, session expiry &amp; more"');
    // An untranslated page under /zh-cn/: its text, and so its table's name, stays English.
    expect(wrapTables(page('en', TABLE))).toContain('aria-label="Table: ');
  });
});
