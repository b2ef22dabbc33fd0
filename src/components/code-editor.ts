/**
 * The <code-editor> custom element (behaviour of CodeEditor.astro).
 *
 * Shows build-time highlighted code until the reader clicks it or its Edit button (focusing Edit
 * fetches Monaco ahead); only then does it import the Monaco bundle (src/editor/monaco.ts) and replace the static code with an
 * editor holding the same text. Scrolling past never loads Monaco: a chapter's first load
 * stays light. The reader's edits are kept in localStorage per page and block.
 */
import { messagesFor } from '../i18n/locale.ts';
import en from '../i18n/en/reading.ts';

const m = await messagesFor(en, () => import('../i18n/zh-cn/reading.ts'));
class CodeEditorElement extends HTMLElement {
  private loading: Promise<void> | null = null;

  connectedCallback(): void {
    const code = this.querySelector<HTMLElement>('.ce-static');
    const edit = this.querySelector<HTMLButtonElement>('.ce-edit');
    if (!code || !edit) return;
    const activate = () => void this.activate();
    // A click anywhere on the code (except expressive-code's own copy button; the Edit button
    // is inside it, so Enter or Space on Edit counts). Focusing Edit only fetches Monaco, so the
    // click opens it at once; it never swaps the code for the editor or moves the focus (a Tab
    // walk passes Edit like any button: WCAG 3.2.1). Scrolling into view never loads the editor.
    code.addEventListener('click', (e) => {
      if (!(e.target as HTMLElement).closest('.copy')) activate();
    });
    edit.addEventListener('focus', () => void import('../editor/monaco.ts').catch(() => undefined), { once: true });
  }

  private storageKey(): string {
    const blocks = Array.from(document.querySelectorAll('code-editor'));
    return `ensemble:code:${location.pathname}:${blocks.indexOf(this)}`;
  }

  activate(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<void> {
    const status = this.querySelector<HTMLElement>('[data-role="status"]')!;
    const host = this.querySelector<HTMLElement>('[data-role="editor"]')!;
    const staticBlock = this.querySelector<HTMLElement>('.ce-static')!;
    status.textContent = m.loadingEditor;
    try {
      const { mountEditor } = await import('../editor/monaco.ts');
      const original = this.dataset.code ?? '';
      const key = this.storageKey();
      let saved: string | null = null;
      try {
        saved = localStorage.getItem(key);
      } catch {
        saved = null;
      }
      const lines = (saved ?? original).split('\n').length;
      host.style.setProperty('--ce-height', `${Math.min(Math.max(lines + 2, 6), 30) * 19}px`);
      host.hidden = false;
      staticBlock.hidden = true;
      const editor = mountEditor(host, saved ?? original, {
        language: this.dataset.lang === 'js' ? 'javascript' : 'typescript',
        label: this.dataset.title ?? m.codeEditor,
        onChange: (text) => {
          try {
            if (text === original) localStorage.removeItem(key);
            else localStorage.setItem(key, text);
          } catch {
            // Storage unavailable: edits live as long as the page.
          }
        },
      });
      editor.focus();
      status.textContent = saved ? m.editorReadyRestored : m.editorReady;
      this.dataset.ready = 'true';
    } catch (err) {
      status.textContent = m.editorFailed((err as Error).message);
      staticBlock.hidden = false;
      host.hidden = true;
    }
  }
}

if (!customElements.get('code-editor')) customElements.define('code-editor', CodeEditorElement);
