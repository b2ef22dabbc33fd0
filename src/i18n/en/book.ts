/**
 * The English words of the book's own furniture: the landing page's contents and progress
 * box, and the progress marks on chapter links. The type of every other language's
 * catalogue (`src/i18n/locale.ts`).
 */
const book = {
  chapters: 'The chapters',
  draft: '(draft)',
  progressTitle: 'Your progress',
  nothingRead: 'Nothing read yet in this browser.',
  summary: (read: number, chapters: number, passed: number, exercises: number): string =>
    `You have read ${read} of ${chapters} chapters and passed ${passed} of ${exercises} exercises.`,
  readAll: 'You have read every chapter.',
  startWith: 'Start with ',
  continueWith: 'Continue with ',
  /** What follows the chapter's link in "Start with <link>." */
  sentenceEnd: '.',
  keptNote: 'Kept only in this browser: chapters you read to the end, exercises you passed, your code and your answers.',
  resetAsk: 'Reset my progress…',
  resetQuestion: 'Clear every chapter read, exercise passed, saved code and answer in this browser? This cannot be undone.',
  resetYes: 'Yes, clear everything',
  resetCancel: 'Cancel',
  cleared: 'Your progress, code and answers were cleared from this browser.',
  /** Screen-reader words beside a chapter link's marks. */
  markRead: 'read',
  markPassed: (done: number, total: number): string => `${done} of ${total} exercises passed`,
  /** Joins the mark's words: "read, 1 of 2 exercises passed". */
  markJoin: ', ',
};

export type BookMessages = typeof book;
export default book;
