/**
 * The <znode-tree> custom element (behaviour of ZnodeTree.astro).
 *
 * Its run comes with the page: ZnodeTree.astro ran the figure's zkCli commands at build time
 * against a fresh simulated ZooKeeper server (playground/zkcli/run-commands.ts), keeping the
 * tree after every command (`data-run`), so this imports no simulation. The reader then
 * moves a position through those snapshots: Step, Back, Reset, or click a command. Each
 * position renders the D3 view, the Stat of the selected znode, a table alternative and a
 * one-line narration for screen readers. The position survives a reload (localStorage).
 */
import type { FigureRun } from '../../playground/zkcli/run-commands.ts';
import type { CommandStep, ZnodeSnapshot } from '../../playground/zkcli/snapshot.ts';
import { buildTreeModel, previewData } from '../views/znode-tree-model.ts';
import { createTreeSvg, drawTree } from '../views/znode-tree-view.ts';

const STAT_FIELDS = ['czxid', 'mzxid', 'pzxid', 'ctime', 'mtime', 'version', 'cversion', 'aversion', 'ephemeralOwner', 'dataLength', 'numChildren'] as const;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

class ZnodeTreeElement extends HTMLElement {
  private initial: ZnodeSnapshot[] = [];
  private steps: CommandStep[] = [];
  private position = 0;
  private selected: string | null = null;
  private svg: SVGSVGElement | null = null;
  private storageKey = '';
  /** What the line above the tree says before the first command (the page's own words, so it has its room from the first paint). */
  private beforeFirst = '';
  /** What the Stat panel says while no znode is selected (the page's words too). */
  private noSelection = '';

  connectedCallback(): void {
    if (this.svg) return;
    this.beforeFirst = this.region('now').textContent ?? '';
    this.noSelection = this.region('stat').textContent ?? '';
    const figures = Array.from(document.querySelectorAll('znode-tree'));
    this.storageKey = `ensemble:znode-tree:${location.pathname}:${figures.indexOf(this)}`;
    const canvas = this.region('canvas');
    const run = JSON.parse(this.dataset.run ?? 'null') as FigureRun | null;
    if (run === null) return;
    this.initial = run.initial;
    this.steps = run.steps;
    this.svg = createTreeSvg(canvas, this.dataset.caption ?? 'znode tree');
    this.region('controls').hidden = false;
    this.region('table-wrap').removeAttribute('data-pending');
    this.region('controls').addEventListener('click', (e) => {
      const action = (e.target as HTMLElement).closest('button')?.dataset.action;
      if (action === 'forward') this.go(this.position + 1);
      else if (action === 'back') this.go(this.position - 1);
      else if (action === 'reset') this.go(0);
    });
    // Each command is a button (so the scrollable list is reachable by keyboard): go to its step.
    this.region('commands').querySelectorAll<HTMLButtonElement>('button.zt-jump').forEach((button, i) => {
      button.disabled = false;
      button.addEventListener('click', () => this.go(i + 1));
    });
    const saved = Number(localStorage.getItem(this.storageKey));
    this.go(Number.isInteger(saved) ? saved : 0, false);
  }

  private region(name: string): HTMLElement {
    const found = this.querySelector<HTMLElement>(`[data-role="${name}"]`);
    if (!found) throw new Error(`znode-tree: missing [data-role=${name}]`);
    return found;
  }

  private go(position: number, announce = true): void {
    this.position = Math.max(0, Math.min(this.steps.length, position));
    try {
      localStorage.setItem(this.storageKey, String(this.position));
    } catch {
      // Storage may be unavailable (private mode); the figure still works.
    }
    this.render(announce);
  }

  private render(announce: boolean): void {
    const step = this.position > 0 ? this.steps[this.position - 1]! : null;
    const tree = step ? step.tree : this.initial;
    const changed = step ? step.changed : [];
    if (this.selected && !tree.some((z) => z.path === this.selected)) this.selected = null;
    const model = buildTreeModel(tree, changed, { hideSystemChildren: this.dataset.showSystem !== 'true' });
    const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)').matches;
    drawTree(this.svg!, model, { selected: new Set(this.selected === null ? [] : [this.selected]), reducedMotion, onSelect: (p) => this.select(p) });

    this.region('position').textContent = `${this.position} / ${this.steps.length}`;
    this.querySelector<HTMLButtonElement>('[data-action="back"]')!.disabled = this.position === 0;
    this.querySelector<HTMLButtonElement>('[data-action="forward"]')!.disabled = this.position === this.steps.length;
    this.region('commands').querySelectorAll('li').forEach((li, i) => {
      const s = this.steps[i]!;
      const done = i < this.position;
      li.classList.toggle('done', done);
      li.classList.toggle('current', i === this.position - 1);
      const result = li.querySelector('.zt-result')!;
      result.textContent = done ? s.message : '';
      // classList, not className: Astro's scoping class must stay on the element.
      result.classList.toggle('ok', done && s.result === 'ok');
      result.classList.toggle('error', done && s.result !== 'ok');
    });
    const list = this.region('commands');
    const current = list.children[this.position - 1] as HTMLElement | undefined;
    // Keep the current command in view inside the list, without scrolling the page.
    if (current) list.scrollTop = Math.max(0, current.offsetTop - list.clientHeight / 2);
    this.region('now').textContent = step ? `${step.command}  →  ${step.message}` : this.beforeFirst;
    this.region('now').classList.toggle('error', step !== null && step.result !== 'ok');
    this.renderStat(tree);
    this.renderTable(tree);
    if (announce) {
      this.region('narration').textContent = step
        ? `Step ${this.position} of ${this.steps.length}: ${step.command} — ${step.message}`
        : 'The tree before any command.';
    }
  }

  private select(path: string): void {
    this.selected = this.selected === path ? null : path;
    this.render(false);
  }

  private renderStat(tree: ZnodeSnapshot[]): void {
    const host = this.region('stat');
    host.replaceChildren();
    const z = tree.find((n) => n.path === this.selected);
    if (!z) {
      host.append(el('span', this.noSelection));
      return;
    }
    const title = el('strong', `${z.path}`);
    host.append(title, el('span', ` (${z.kind.toLowerCase()}) data ${previewData(z.data)}`));
    const dl = el('dl');
    for (const f of STAT_FIELDS) {
      const row = el('div');
      row.append(el('dt', f), el('dd', f === 'ctime' || f === 'mtime' ? `${z.stat[f]} ms` : String(z.stat[f])));
      dl.append(row);
    }
    host.append(dl);
  }

  private renderTable(tree: ZnodeSnapshot[]): void {
    const table = el('table');
    const head = el('tr');
    for (const h of ['path', 'data', 'version', 'cversion', 'czxid', 'mzxid', 'pzxid', 'ephemeralOwner', 'numChildren']) head.append(el('th', h));
    table.append(el('thead'));
    table.tHead!.append(head);
    const body = el('tbody');
    for (const z of tree) {
      const tr = el('tr');
      for (const v of [z.path, previewData(z.data), z.stat.version, z.stat.cversion, z.stat.czxid, z.stat.mzxid, z.stat.pzxid, z.stat.ephemeralOwner, z.stat.numChildren]) tr.append(el('td', String(v)));
      body.append(tr);
    }
    table.append(body);
    this.region('table').replaceChildren(table);
  }
}

if (!customElements.get('znode-tree')) customElements.define('znode-tree', ZnodeTreeElement);
