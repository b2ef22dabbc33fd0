/**
 * The English words of the reading aids around the text: a <Predict> (its kicker, Reveal,
 * the hint and the verdict), a <Tour> (its intro, buttons and step count), a <Challenge>'s
 * marks, a <MomentLink>'s hidden words, a <CodeEditor>'s status line and the offline
 * update toast. The type of every other language's catalogue (`src/i18n/locale.ts`).
 */
const reading = {
  predictKicker: 'Predict',
  reveal: 'Reveal',
  chooseFirst: 'Choose an answer first.',
  revealWhenSure: 'Press Reveal when you are sure.',
  seeInFigure: 'See it in the figure',
  right: 'Right. Each choice above now says why it is right or tempting.',
  notQuite: (answer: string): string => `Not quite: the answer is “${answer}”. Each choice above now says why it is right or tempting.`,

  tourLabel: 'A guided tour of this figure',
  tourHeading: 'How to read this figure.',
  tourIntro: (steps: number): string => `A tour of ${steps} short steps shows one part of the picture at a time.`,
  takeTour: 'Take the tour',
  skipIt: 'Skip it',
  back: '◀ Back',
  next: 'Next ▶',
  finish: 'Finish',
  skipTour: 'Skip the tour',
  tourAsText: 'The tour as text',
  step: (i: number, n: number): string => `Step ${i} of ${n}`,
  tourTaken: 'That was the tour. The figure is yours now: step, play, break it.',
  tourSkipped: 'Tour skipped. The figure is yours: step, play, break it.',
  takeTourAgain: 'Take the tour again',

  challengeDone: '✓ done',
  notYet: 'not yet',
  reachedState: 'reached',
  doneBefore: 'done before',
  reached: (goal: string): string => `Reached: ${goal}`,
  borrowed: 'Reached in a run opened from a link, a loaded classic run or broken rules: shown, not kept. Reach it with your own moves to keep it.',

  showInFigure: ' (show in the figure)',

  loadingEditor: 'Loading the editor…',
  codeEditor: 'Code editor',
  editorReadyRestored: 'Editor ready (your earlier edits were restored).',
  editorReady: 'Editor ready.',
  editorFailed: (why: string): string => `The editor could not load: ${why}`,

  newVersion: 'A new version of the book is ready.',
  reload: 'Reload',
  later: 'Later',
};

export type ReadingMessages = typeof reading;
export default reading;
