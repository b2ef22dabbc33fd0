/**
 * The <znode-tree-live> custom element (ZnodeTree.astro with `lab`): the data tree of one
 * server of an <EnsembleLab>'s run — rebuilt from the trace by ServerTrees, laid out and
 * drawn by the same model and view as the scripted tree figures — with who watches each
 * znode, what changed in this step, and, when comparing with the leader, what this server
 * has not received yet. Choosing a znode selects its last change's zxid in every view of
 * the lab. Redraws only when its picture changes (at most ~4 times a second while playing),
 * and only near the viewport (drawWhenVisible): off-screen it catches up when the reader
 * scrolls to it. A
 * large tree (an indented listing in a scrolling panel) draws only the rows near what the
 * reader can see, and draws more as they scroll or move the keyboard focus.
 */
import { previewData, type buildTreeModel } from '../views/znode-tree-model.ts';
import { createTreeSvg, drawTree, sizeTree, type TreeViewOptions } from '../views/znode-tree-view.ts';
import { treePicture } from './live-tree-picture.ts';
import { drawWhenVisible, whenLab, type LabFrame, type LabHost } from './lab-registry.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

type Drawing = { model: ReturnType<typeof buildTreeModel>; opts: Omit<TreeViewOptions, 'window' | 'reveal'> };

class ZnodeTreeLiveElement extends HTMLElement {
  private svg: SVGSVGElement | null = null;
  private lab: LabHost | null = null;
  private frame: LabFrame | null = null;
  private lastKey = '';
  private lastDraw = 0;
  private pending = 0;
  private tableNodes: ReturnType<typeof buildTreeModel>['nodes'] = [];
  /** Near the viewport (off-screen, frames wait until the reader scrolls here). */
  private near: () => boolean = () => true;
  /** The latest model and options; scrolling redraws them for a new window. */
  private drawing: Drawing | null = null;
  /** The rows drawn (model units), and those the reader could see then. */
  private drawn: { top: number; bottom: number } | null = null;
  private scrollFrame = 0;

  async connectedCallback(): Promise<void> {
    if (this.svg) return;
    // Over a first frame the page drew (first-frame.ts), the live drawing waits off the page until it draws.
    const canvas = this.region('canvas');
    this.svg = createTreeSvg(canvas.hasAttribute('data-first-frame') ? document.createElement('div') : canvas, this.dataset.caption ?? 'znode tree');
    this.lab = await whenLab(this.dataset.lab ?? '');
    const select = this.region('server') as HTMLSelectElement;
    const compare = this.region('compare') as HTMLInputElement;
    select.addEventListener('change', () => this.redraw(true));
    compare.addEventListener('change', () => this.redraw(true));
    this.querySelector('details.zt-table-wrap')?.addEventListener('toggle', () => this.renderTable());
    const onScroll = () => {
      if (!this.scrollFrame) this.scrollFrame = requestAnimationFrame(() => ((this.scrollFrame = 0), this.followScroll()));
    };
    this.region('canvas').addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('scroll', onScroll, { passive: true });
    // Like every lab view, drawn only near the viewport (drawWhenVisible).
    this.near = drawWhenVisible(this, this.lab, (f) => {
      if (select.options.length <= 1) {
        for (const s of f.servers) select.append(new Option(s, s));
        if (this.dataset.server && this.dataset.server !== 'leader') select.value = this.dataset.server;
      }
      this.frame = f;
      this.redraw(false);
    });
  }

  private region(name: string): HTMLElement {
    return this.querySelector<HTMLElement>(`[data-role="${name}"]`)!;
  }

  private redraw(force: boolean): void {
    const f = this.frame;
    if (!f) return;
    const now = performance.now();
    if (f.playing && !force && now - this.lastDraw < 250) {
      // Draw the latest frame a little later, not every animation frame.
      if (!this.pending) this.pending = window.setTimeout(() => ((this.pending = 0), this.redraw(true)), 260);
      return;
    }
    const picture = treePicture(f, {
      server: (this.region('server') as HTMLSelectElement).value,
      compare: (this.region('compare') as HTMLInputElement).checked,
      everyServer: this.dataset.watches === 'all',
      showSystem: this.dataset.showSystem === 'true',
    });
    const { server, tree, model } = picture;
    if (picture.key === this.lastKey && !force) return;
    this.lastKey = picture.key;
    this.lastDraw = now;
    this.drawing = {
      model,
      opts: {
        selected: picture.selected,
        reducedMotion: f.reducedMotion || f.playing,
        onSelect: (path) => {
          const z = tree.znodes.find((n) => n.path === path);
          if (z && z.stat.mzxid !== '0x0') this.lab?.selectZxid(z.stat.mzxid);
        },
      },
    };
    // In the canvas, it takes the place of the first frame (the fallback of the canvas's slot),
    // in the same task as it draws (so nothing paints it empty), and before, since a large
    // tree's window is measured from where it stands.
    if (this.svg!.parentElement !== this.region('canvas')) this.region('canvas').append(this.svg!);
    this.paint();
    this.svg!.setAttribute('aria-label', `${this.dataset.caption ?? 'znode tree'}: ${server}'s tree`);
    this.region('now').textContent = picture.now;
    this.tableNodes = model.nodes;
    this.renderTable();
  }

  /**
   * Draws the latest model: all of it when small, else the rows near what the reader can
   * see (the panel's visible part, or the rows around `around`), a screenful either side.
   */
  private paint(around?: number): void {
    const d = this.drawing;
    if (!d) return;
    const svg = this.svg!;
    if (d.model.layout !== 'indented') {
      this.drawn = null;
      drawTree(svg, d.model, d.opts);
      return;
    }
    sizeTree(svg, d.model);
    const seen = this.seenRows(around);
    const margin = Math.max(seen.bottom - seen.top, 400);
    this.drawn = { top: seen.top - margin, bottom: seen.bottom + margin };
    drawTree(svg, d.model, { ...d.opts, reducedMotion: true, window: this.drawn, reveal: (path) => this.reveal(path) });
  }

  /** The rows (model units) the reader can see: the panel's part inside the viewport. */
  private seenRows(around?: number): { top: number; bottom: number } {
    const d = this.drawing!;
    const canvas = this.region('canvas');
    const svgBox = this.svg!.getBoundingClientRect();
    const scale = svgBox.width > 0 ? svgBox.width / Math.max(d.model.width, 200) : 1;
    const box = canvas.getBoundingClientRect();
    if (around !== undefined) {
      const half = box.height / scale / 2;
      return { top: around - half, bottom: around + half };
    }
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, window.innerHeight);
    // Off-screen: what the panel would show if the page scrolled to it.
    const [a, b] = bottom > top ? [top, bottom] : [box.top, box.bottom];
    return { top: (a - svgBox.top) / scale, bottom: (b - svgBox.top) / scale };
  }

  /** Redraws when scrolling brings the reader within half a screen of the undrawn rows. */
  private followScroll(): void {
    if (!this.drawn || !this.drawing || !this.near()) return;
    const seen = this.seenRows();
    const slack = (seen.bottom - seen.top) / 2;
    const { top, bottom } = this.drawn;
    if ((top > 0 && seen.top - top < slack) || (bottom < this.drawing.model.height && bottom - seen.bottom < slack)) this.paint();
  }

  /** Scrolls the panel to a znode and draws around it, so the keyboard can move there. */
  private reveal(path: string): void {
    const node = this.drawing?.model.nodes.find((n) => n.id === path);
    if (!node) return;
    const canvas = this.region('canvas');
    const svgBox = this.svg!.getBoundingClientRect();
    const scale = svgBox.width > 0 ? svgBox.width / Math.max(this.drawing!.model.width, 200) : 1;
    const svgTop = svgBox.top - canvas.getBoundingClientRect().top + canvas.scrollTop;
    canvas.scrollTop = svgTop + node.y * scale - canvas.clientHeight / 2;
    this.paint(node.y);
  }

  /** Filled only while the reader has the table open. */
  private renderTable(): void {
    const wrap = this.querySelector('details.zt-table-wrap') as HTMLDetailsElement | null;
    if (!wrap?.open) return;
    const nodes = this.tableNodes;
    const t = el('table');
    const head = el('tr');
    for (const h of ['path', 'data', 'version', 'mzxid', 'ctime', 'ephemeralOwner', 'watched by', 'here?']) head.append(el('th', h));
    t.append(el('thead'));
    t.tHead!.append(head);
    const body = el('tbody');
    for (const n of nodes) {
      const tr = el('tr');
      const z = n.znode;
      for (const c of [z.path, previewData(z.data), String(z.stat.version), z.stat.mzxid, `${z.stat.ctime} ms`, z.stat.ephemeralOwner, n.watchers.join(', ') || '—', n.lag === 'missing' ? 'not yet' : n.lag === 'stale' ? 'older version' : 'yes']) tr.append(el('td', c));
      body.append(tr);
    }
    t.append(body);
    this.region('table').replaceChildren(t);
  }
}

if (!customElements.get('znode-tree-live')) customElements.define('znode-tree-live', ZnodeTreeLiveElement);
