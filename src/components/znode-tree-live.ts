/**
 * The <znode-tree-live> custom element (ZnodeTree.astro with `lab`): the data tree of one
 * server of an <EnsembleLab>'s run — rebuilt from the trace by ServerTrees, laid out and
 * drawn by the same model and view as the scripted tree figures — with who watches each
 * znode, what changed in this step, and, when comparing with the leader, what this server
 * has not received yet. Choosing a znode selects its last change's zxid in every view of
 * the lab. Redraws only when its picture changes (at most ~4 times a second while playing),
 * and only near the viewport: off-screen it catches up when the reader scrolls to it.
 */
import type { NodeId } from '../../playground/sim/types.ts';
import { previewData, buildTreeModel } from '../views/znode-tree-model.ts';
import { createTreeSvg, drawTree } from '../views/znode-tree-view.ts';
import type { ClusterState } from '../views/trace-digest.ts';
import { whenLab, type LabFrame, type LabHost } from './lab-registry.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The server whose tree "the leader" means now: the up leader, else the first up server. */
export function leaderOrFirst(state: ClusterState, servers: readonly NodeId[]): NodeId {
  const up = servers.filter((s) => state.servers.get(s)?.up);
  return up.find((s) => state.servers.get(s)?.role === 'LEADING') ?? up[0] ?? servers[0]!;
}

class ZnodeTreeLiveElement extends HTMLElement {
  private svg: SVGSVGElement | null = null;
  private lab: LabHost | null = null;
  private frame: LabFrame | null = null;
  private lastKey = '';
  private lastDraw = 0;
  private pending = 0;
  private tableNodes: ReturnType<typeof buildTreeModel>['nodes'] = [];
  /** Near the viewport; off-screen, redraws are postponed until the reader scrolls here. */
  private visible = true;
  private stale = false;

  async connectedCallback(): Promise<void> {
    if (this.svg) return;
    this.svg = createTreeSvg(this.region('canvas'), this.dataset.caption ?? 'znode tree');
    // A 500-znode tree costs the browser a long frame per redraw (style and layout of
    // thousands of SVG elements), even where nobody can see it (npm run bench views).
    new IntersectionObserver(
      (entries) => {
        this.visible = entries.some((e) => e.isIntersecting);
        if (this.visible && this.stale) this.redraw(true);
      },
      { rootMargin: '200px' },
    ).observe(this);
    this.lab = await whenLab(this.dataset.lab ?? '');
    const select = this.region('server') as HTMLSelectElement;
    const compare = this.region('compare') as HTMLInputElement;
    select.addEventListener('change', () => this.redraw(true));
    compare.addEventListener('change', () => this.redraw(true));
    this.querySelector('details.zt-table-wrap')?.addEventListener('toggle', () => this.renderTable());
    this.lab.subscribe((f) => {
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
    if (!this.visible) {
      this.stale = true;
      return;
    }
    this.stale = false;
    const now = performance.now();
    if (f.playing && !force && now - this.lastDraw < 250) {
      // Draw the latest frame a little later, not every animation frame.
      if (!this.pending) this.pending = window.setTimeout(() => ((this.pending = 0), this.redraw(true)), 260);
      return;
    }
    const choice = (this.region('server') as HTMLSelectElement).value;
    const leader = leaderOrFirst(f.state, f.servers);
    const server = choice === 'leader' ? leader : choice;
    const tree = f.trees.treeAt(server, f.position);
    const comparing = (this.region('compare') as HTMLInputElement).checked && server !== leader;
    const other = comparing ? f.trees.treeAt(leader, f.position) : null;
    const v = f.state.servers.get(server);
    const watches = new Map<string, string[]>();
    for (const w of v?.watches ?? []) {
      const list = watches.get(w.path) ?? [];
      list.push(w.kind === 'data' ? w.client : `${w.client}(${w.kind})`);
      watches.set(w.path, list);
    }
    const watchKey = [...watches].map(([p, l]) => `${p}=${l.join(',')}`).join(';');
    const key = `${f.generation}|${server}|${tree.ops}|${other?.ops ?? -1}|${watchKey}|${f.selectedZxid}|${f.stepStart}|${f.position}|${v?.up}`;
    if (key === this.lastKey && !force) return;
    this.lastKey = key;
    this.lastDraw = now;
    const changed = f.trees.changedBetween(server, f.stepStart, f.position);
    const model = buildTreeModel(tree.znodes, changed, {
      hideSystemChildren: this.dataset.showSystem !== 'true',
      watches,
      ...(other ? { compare: other.znodes } : {}),
    });
    const selectedPath = f.selectedZxid === null ? null : (tree.znodes.find((z) => z.stat.mzxid === f.selectedZxid || z.stat.czxid === f.selectedZxid)?.path ?? null);
    drawTree(this.svg!, model, {
      selected: selectedPath,
      reducedMotion: f.reducedMotion || f.playing,
      onSelect: (path) => {
        const z = tree.znodes.find((n) => n.path === path);
        if (z && z.stat.mzxid !== '0x0') this.lab?.selectZxid(z.stat.mzxid);
      },
    });
    this.svg!.setAttribute('aria-label', `${this.dataset.caption ?? 'znode tree'}: ${server}'s tree`);
    const lagging = model.nodes.filter((n) => n.lag !== null).length;
    this.region('now').textContent =
      `${server}${server === leader && v?.role === 'LEADING' ? ' (leader)' : ''}${v && !v.up ? ' — down; its tree as of the crash' : ''}: ${tree.znodes.length} znodes, last applied zxid ${tree.lastZxid}` +
      (comparing ? (lagging > 0 ? ` — ${lagging} znode(s) behind ${leader}` : ` — same as ${leader}`) : '');
    this.tableNodes = model.nodes;
    this.renderTable();
  }

  /** Filled only while the reader has the table open. */
  private renderTable(): void {
    const wrap = this.querySelector('details.zt-table-wrap') as HTMLDetailsElement | null;
    if (!wrap?.open) return;
    const nodes = this.tableNodes;
    const t = el('table');
    const head = el('tr');
    for (const h of ['path', 'data', 'version', 'mzxid', 'ephemeralOwner', 'watched by', 'here?']) head.append(el('th', h));
    t.append(el('thead'));
    t.tHead!.append(head);
    const body = el('tbody');
    for (const n of nodes.slice(0, 200)) {
      const tr = el('tr');
      const z = n.znode;
      for (const c of [z.path, previewData(z.data), String(z.stat.version), z.stat.mzxid, z.stat.ephemeralOwner, n.watchers.join(', ') || '—', n.lag === 'missing' ? 'not yet' : n.lag === 'stale' ? 'older version' : 'yes']) tr.append(el('td', c));
      body.append(tr);
    }
    t.append(body);
    this.region('table').replaceChildren(t);
  }
}

if (!customElements.get('znode-tree-live')) customElements.define('znode-tree-live', ZnodeTreeLiveElement);
