/**
 * The Monaco bundle: imported only by a dynamic import when a reader activates an editor.
 *
 * Sets up Monaco's web workers (the TypeScript worker gives completions, hover and type
 * errors), gives TypeScript the reader program's globals (`READER_API_DTS`: `connect`,
 * `sleep`, `CreateMode`, the client API types, ...) and only the ES library (no DOM: a
 * program runs in a sandbox that has none), and creates an editor in a given element.
 * `markProblem` puts a run's error on its line. Every invisible or bidirectional control
 * character is visible: Monaco draws the bidirectional ones as `[U+202E]` itself
 * (`renderControlCharacters`), and the others get the same mark as injected text
 * (`hidden-chars.ts`). `setText` (a link, Reset, Restore) does not count as the reader's
 * edit: `onChange` hears only theirs. Nothing else in the site imports monaco-editor, so
 * chapter pages never fetch it up front (checked by the e2e tests).
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import { typescriptDefaults, ScriptTarget, ModuleKind } from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import { READER_API_DTS } from 'virtual:ensemble/reader-api-dts';
import { findHiddenChars, hiddenCharMark } from './hidden-chars.ts';

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
  // By file name: Monaco hands `lib` to TypeScript unparsed, and a bare 'esnext' loads no
  // library at all (no Promise, Map, Uint8Array: every client API type collapsed to any).
  // No DOM: the reader's scope is the client API's globals (READER_API_DTS) and ES.
  lib: ['lib.esnext.d.ts'],
  // Every model is a module (TypeScript's ModuleDetectionKind.Force = 3), so a reader program's
  // top-level `await` is legal without an `export {}` line (otherwise TS1375 on every await).
  moduleDetection: 3,
});
typescriptDefaults.addExtraLib(READER_API_DTS, 'file:///node_modules/@types/ensemble/index.d.ts');

export interface MountOptions {
  language: 'typescript' | 'javascript';
  label: string;
  /** The reader changed the text (not `setText`). */
  onChange(text: string): void;
  /** Ctrl/Cmd+Enter. */
  onRun?: () => void;
}

function currentTheme(): string {
  return document.documentElement.dataset.theme === 'light' ? 'vs' : 'vs-dark';
}

let modelCount = 0;
/** True while `setText` replaces a model's text: that change is not the reader's. */
let settingText = false;

/** The controls Monaco itself draws as `[U+XXXX]` or a control picture (viewLineRenderer's isControlCharacter). */
function drawnByMonaco(cp: number): boolean {
  return cp < 0x20 || cp === 0x7f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c;
}

/** Give every hidden character Monaco does not draw itself a visible `[U+XXXX]` mark, kept up to date. */
function markHiddenChars(editor: monaco.editor.IStandaloneCodeEditor, model: monaco.editor.ITextModel): void {
  const marks = editor.createDecorationsCollection();
  const update = (): void => {
    marks.set(
      findHiddenChars(model.getValue())
        .filter((h) => !drawnByMonaco(h.codePoint))
        .map((h) => {
          const start = model.getPositionAt(h.index);
          const end = model.getPositionAt(h.index + h.length);
          const mark = hiddenCharMark(h.codePoint);
          return {
            range: new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column),
            options: { before: { content: mark, inlineClassName: 'pg-hidden' }, hoverMessage: { value: `An invisible character, ${mark}` } },
          };
        }),
    );
  };
  update();
  model.onDidChangeContent(update);
}

/**
 * No keyboard trap (WCAG 2.1.2): Tab and Shift+Tab move focus out of the editor until the
 * reader types in it; from then on Tab indents, and Escape gives Tab back to moving focus.
 * Leaving the editor starts over. A line under the editor says so.
 */
function keepTabLeaving(host: HTMLElement, editor: monaco.editor.IStandaloneCodeEditor): void {
  const hint = document.createElement('p');
  hint.className = 'editor-keys';
  hint.dataset.role = 'editor-keys';
  let current: boolean | null = null;
  const say = (moves: boolean): void => {
    if (moves === current) return; // a keystroke that changes nothing costs nothing
    current = moves;
    editor.updateOptions({ tabFocusMode: moves });
    hint.textContent = moves ? 'Tab moves to the next control; start typing and Tab indents.' : 'Tab indents. Press Esc, then Tab, to leave the editor.';
  };
  say(true);
  host.insertAdjacentElement('afterend', hint);
  editor.onKeyDown((e) => {
    if (e.keyCode === monaco.KeyCode.Escape) say(true);
    else if (e.keyCode !== monaco.KeyCode.Tab && !e.ctrlKey && !e.metaKey && !e.altKey && (e.browserEvent.key.length === 1 || e.keyCode === monaco.KeyCode.Enter || e.keyCode === monaco.KeyCode.Backspace)) say(false);
  });
  editor.onDidBlurEditorText(() => say(true));
}

export function mountEditor(host: HTMLElement, text: string, opts: MountOptions): monaco.editor.IStandaloneCodeEditor {
  const uri = monaco.Uri.parse(`file:///reader/block-${++modelCount}.${opts.language === 'typescript' ? 'ts' : 'js'}`);
  const model = monaco.editor.createModel(text, opts.language, uri);
  const editor = monaco.editor.create(host, {
    model,
    theme: currentTheme(),
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    // Faded "unused" code fails colour contrast; exercise functions are used by the check's code.
    showUnused: false,
    fontSize: 14,
    tabSize: 2,
    ariaLabel: opts.label,
    // What the reader sees is what runs: bidirectional controls drawn as [U+202E], invisible
    // and confusable characters highlighted in code, strings and comments alike.
    renderControlCharacters: true,
    unicodeHighlight: { invisibleCharacters: true, ambiguousCharacters: true, includeComments: true, includeStrings: true },
  });
  markHiddenChars(editor, model);
  keepTabLeaving(host, editor);
  model.onDidChangeContent(() => {
    if (!settingText) opts.onChange(model.getValue());
  });
  const run = opts.onRun;
  if (run !== undefined) editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => run());
  // Follow Starlight's theme switch.
  new MutationObserver(() => monaco.editor.setTheme(currentTheme())).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ['data-theme'],
  });
  return editor;
}

/** A problem at a reader's line (1-based), or null to clear. */
export interface EditorProblem {
  readonly line: number;
  readonly column?: number;
  readonly message: string;
}

/** Mark (or clear) a run's error in the editor, as a squiggle with the message on hover. */
export function markProblem(editor: monaco.editor.IStandaloneCodeEditor, problem: EditorProblem | null): void {
  const model = editor.getModel();
  if (model === null) return;
  if (problem === null || problem.line < 1 || problem.line > model.getLineCount()) {
    monaco.editor.setModelMarkers(model, 'ensemble-run', []);
    return;
  }
  const startColumn = problem.column ?? (model.getLineFirstNonWhitespaceColumn(problem.line) || 1);
  monaco.editor.setModelMarkers(model, 'ensemble-run', [
    {
      startLineNumber: problem.line,
      startColumn,
      endLineNumber: problem.line,
      endColumn: model.getLineMaxColumn(problem.line),
      message: problem.message,
      severity: monaco.MarkerSeverity.Error,
    },
  ]);
  editor.revealLineInCenterIfOutsideViewport(problem.line);
}

/** Replace the editor's text (a link, Reset, Restore): not an edit of the reader's, so `onChange` is not called. */
export function setText(editor: monaco.editor.IStandaloneCodeEditor, text: string): void {
  settingText = true;
  try {
    editor.getModel()?.setValue(text);
  } finally {
    settingText = false;
  }
}
