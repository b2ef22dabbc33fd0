/**
 * The English words around a lab's figure that code puts on the page: the ensemble
 * diagram's key (src/views/ensemble-legend.ts decides which entries a lab shows), "How to
 * read this figure" in place (src/components/how-to-read.ts), the way back after a moment
 * link (src/components/back-to-text.ts), and a chapter table's name (src/book/table-regions.mjs).
 * The type of every other language's figure catalogue. The key's entries are HTML; each
 * after the first starts with its separator.
 */
const figure = {
  keySummary: 'Key',
  legend: {
    roles: '★ LEADING: the leader · FOLLOWING: a follower',
    observing: ' · OBSERVING: an observer (no vote)',
    electing: ' · LOOKING: electing (“votes s3”: its vote) · fill and pill: the epoch (a new leader, a new colour)',
    down: ' · ✕ DOWN: crashed',
    frozen: ' · ❄ FROZEN: host frozen (messages with a pause sign <span class="lab-pause-icon" aria-hidden="true"></span> wait at its door)',
    partition: ' · ✕ on a link: cut by a partition; A/B: the sides',
    messages: ' · marks on links: messages in flight, ▸ pointing their way (click one for its payload); in a crowd, a first letter: P PROPOSAL, A ACK, C COMMIT',
    inform: ', I INFORM',
  },
  howToRead: 'How to read this figure',
  howTo: {
    ensemble:
      'Circles are **servers**: ★ LEADING is the **leader**, through which every change goes; FOLLOWING servers keep copies and answer reads; the pill under each is its **epoch**, the leader’s term. Boxes are **clients**, each holding a **session** over its line to a server. Marks moving along the lines are **messages in flight**; click one for what it carries.',
    tree: 'The **tree of znodes**: one server’s copy of the data (choose which server).',
    log: 'Each server’s **transaction log**, a column per change, numbered by its *zxid*, `epoch:counter`: ○ proposed (logged), ● committed (applied to the tree).',
    lanes: 'The **space-time diagram**: a lane per server and client, time running left to right, an arrow per message.',
    controls: '**Step** moves one event, **Play** lets time run, and every view follows; the key under each view names its marks.',
  },
  backToText: 'Back to the text ↓',
  backToTextWhere: (moment: string): string => ` — the figure now shows ${moment}; Escape also returns to the sentence you were reading.`,
  /** A chapter table's accessible name, from its header cells ("connection loss, session expiry"). */
  table: (headers: string): string => `Table: ${headers}`,
  tableUnnamed: 'Table',
};

export type FigureMessages = typeof figure;
export default figure;
