/**
 * The Monaco bundle: imported only by a dynamic import when a reader activates an editor.
 *
 * Sets up Monaco's web workers (the TypeScript worker gives completions, hover and type
 * errors) and creates an editor in a given element. Nothing else in the site imports
 * monaco-editor, so chapter pages never fetch it up front (checked by the e2e tests).
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import { typescriptDefaults, ScriptTarget, ModuleKind } from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

self.MonacoEnvironment = {
  getWorker: (_id, label) => (label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker()),
};

typescriptDefaults.setCompilerOptions({
  target: ScriptTarget.ESNext,
  module: ModuleKind.ESNext,
  strict: true,
  noEmit: true,
  lib: ['esnext'],
});

export interface MountOptions {
  language: 'typescript' | 'javascript';
  label: string;
  onChange(text: string): void;
}

function currentTheme(): string {
  return document.documentElement.dataset.theme === 'light' ? 'vs' : 'vs-dark';
}

let modelCount = 0;

export function mountEditor(host: HTMLElement, text: string, opts: MountOptions): monaco.editor.IStandaloneCodeEditor {
  const uri = monaco.Uri.parse(`file:///reader/block-${++modelCount}.${opts.language === 'typescript' ? 'ts' : 'js'}`);
  const model = monaco.editor.createModel(text, opts.language, uri);
  const editor = monaco.editor.create(host, {
    model,
    theme: currentTheme(),
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    tabSize: 2,
    ariaLabel: opts.label,
  });
  model.onDidChangeContent(() => opts.onChange(model.getValue()));
  // Follow Starlight's theme switch.
  new MutationObserver(() => monaco.editor.setTheme(currentTheme())).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme'],
  });
  return editor;
}
