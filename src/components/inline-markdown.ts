/**
 * The little Markdown a component's text props may carry (a <Predict>'s choices and reasons,
 * a <Tour>'s sentences): `code`, **bold** and *emphasis*, nothing else, as HTML with every
 * other character escaped. Pure; used at build time by the .astro components.
 */

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function inlineMarkdown(text: string): string {
  // Code spans first, so that their contents are never read as emphasis.
  return text
    .split(/(`[^`]*`)/)
    .map((part) => {
      if (part.startsWith('`') && part.endsWith('`') && part.length >= 2) return `<code>${escapeHtml(part.slice(1, -1))}</code>`;
      return escapeHtml(part)
        .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
        .replace(/\*([^*]+)\*/g, '<em>$1</em>');
    })
    .join('');
}
