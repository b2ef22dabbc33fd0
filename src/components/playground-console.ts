/**
 * The Playground's console: the lines a run printed, drawn so that no amount of output can
 * stall the page.
 *
 * - Lines arrive in batches (`append`) and are drawn at most once a frame.
 * - Only a tail is kept (`BUDGET.keptLines`); older lines are counted and the console says
 *   how many are not kept.
 * - The rows are virtual: each line is one row of one height (`white-space: pre`; a long
 *   line scrolls sideways), a spacer gives the scroll range, and only the rows in view
 *   (and `OVERSCAN` either side) exist in the DOM. Up to `ALL_ROWS` lines, every row is drawn.
 * - While the reader is at the bottom, the view follows the newest line.
 * - The box is laid out on its own (`contain: strict`, its height set here up to its CSS
 *   max-height), so a redraw never lays out the rest of the page.
 *
 * Browser-only; imports the sandbox's budgets.
 */
import { BUDGET, grouped } from '../sandbox/protocol.ts';

export type ConsoleStream = 'log' | 'info' | 'warn' | 'error' | 'system';

interface Line {
  readonly stream: ConsoleStream;
  readonly text: string;
}

const OVERSCAN = 20;
const ALL_ROWS = 200;

export class ConsoleView {
  private lines: Line[] = [];
  private dropped = 0;
  private total = 0;
  private frame = 0;
  private metrics: { row: number; pad: number; min: number; max: number } | null = null;
  private follow = true;
  /** The scroll position, as the last scroll event left it. */
  private top = 0;
  private readonly el: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rows: HTMLElement;
  private readonly note: HTMLElement;

  constructor(el: HTMLElement) {
    this.el = el;
    this.spacer = document.createElement('div');
    this.spacer.className = 'pg-spacer';
    this.rows = document.createElement('div');
    this.rows.className = 'pg-rows';
    this.note = document.createElement('p');
    this.note.className = 'pg-hint';
    this.note.hidden = true;
    el.before(this.note);
    el.replaceChildren(this.spacer, this.rows);
    el.addEventListener('scroll', () => {
      this.top = el.scrollTop;
      this.follow = el.scrollTop + el.clientHeight >= el.scrollHeight - (this.metrics?.row ?? 4);
      this.schedule();
    });
  }

  clear(): void {
    this.lines = [];
    this.dropped = 0;
    this.total = 0;
    this.follow = true;
    this.top = 0;
    this.schedule();
  }

  /** New lines, after `skipped` lines too old to be kept, which are only counted. */
  append(lines: readonly Line[], skipped = 0): void {
    if (skipped > 0) {
      // Everything kept is older than the skipped lines: keep no gap in the tail.
      this.dropped += this.lines.length;
      this.lines = [];
    }
    for (const l of lines) this.lines.push(l);
    this.total += skipped + lines.length;
    this.dropped += skipped;
    // Trim in steps, not per line: the tail is kept, the rest counted.
    if (this.lines.length > BUDGET.keptLines * 1.5) {
      const cut = this.lines.length - BUDGET.keptLines;
      this.lines = this.lines.slice(cut);
      this.dropped += cut;
    }
    this.schedule();
  }

  /** One line of the page's own (an error, why the sandbox was stopped). */
  system(stream: ConsoleStream, text: string): void {
    this.append([{ stream, text }]);
  }

  private schedule(): void {
    if (this.frame === 0) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.render();
      });
    }
  }

  private row(line: Line): HTMLElement {
    const div = document.createElement('div');
    div.className = `pg-line pg-${line.stream}`;
    div.textContent = line.text;
    return div;
  }

  /**
   * Row height and the box's padding and height limits, in px, from computed style alone
   * (measured once, without laying the page out).
   */
  private measure(): { row: number; pad: number; min: number; max: number } {
    if (this.metrics === null) {
      const probe = this.row({ stream: 'log', text: ' ' });
      this.rows.replaceChildren(probe);
      const spacer = getComputedStyle(this.spacer);
      const box = getComputedStyle(this.el);
      this.metrics = {
        row: parseFloat(getComputedStyle(probe).lineHeight) || 18,
        pad: (parseFloat(spacer.paddingTop) || 0) + (parseFloat(spacer.paddingBottom) || 0),
        min: parseFloat(box.minHeight) || 40,
        max: parseFloat(box.maxHeight) || 256,
      };
    }
    return this.metrics;
  }

  private render(): void {
    const el = this.el;
    const { row, pad, min, max } = this.measure();
    // Nothing is read from the layout here: the box's height is ours, the scroll position
    // comes from scroll events. The one layout (setting scrollTop) is of this box alone.
    const kept = this.lines.length;
    const content = kept * row + pad;
    const view = Math.max(min, Math.min(max, content));
    let first = 0;
    let last = kept;
    if (kept > ALL_ROWS) {
      const at = this.follow ? content - view : this.top;
      first = Math.max(0, Math.floor(at / row) - OVERSCAN);
      last = Math.min(kept, first + Math.ceil(view / row) + 2 * OVERSCAN);
    }
    el.dataset.lines = String(this.total);
    this.note.hidden = this.dropped === 0;
    if (this.dropped > 0) this.note.textContent = `${grouped(this.dropped)} earlier lines are not kept; the last ${grouped(kept)} are shown.`;
    el.style.height = `${view}px`;
    this.spacer.style.height = `${kept * row}px`;
    this.rows.style.transform = `translateY(${first * row}px)`;
    const frag = document.createDocumentFragment();
    for (let i = first; i < last; i++) frag.append(this.row(this.lines[i]!));
    this.rows.replaceChildren(frag);
    if (this.follow) el.scrollTop = content;
  }
}
