/**
 * ZnodeTree view-model: a data-tree snapshot in, positioned nodes and links out.
 *
 * Pure function of its input (tested in vitest without a DOM): it builds a d3-hierarchy
 * from the snapshot, lays it out left-to-right with `tree().nodeSize`, and labels each
 * node with what a reader needs at a glance. The D3 view (znode-tree-view.ts) only draws
 * what this returns. In a live figure it also marks who watches each znode, and, when the
 * tree is compared with another server's (the leader's), where this one lags: znodes it
 * has not received yet (drawn as ghosts), and znodes whose version is behind.
 * May import d3-hierarchy and playground snapshot types; no DOM.
 */
import { hierarchy, tree, type HierarchyPointNode } from 'd3-hierarchy';
import type { ZnodeSnapshot } from '../../playground/zkcli/snapshot.ts';

export interface TreeNodeModel {
  /** The znode's path: the key for D3's joins. */
  id: string;
  x: number;
  y: number;
  name: string;
  /** Short second line: version and data preview. */
  detail: string;
  kind: ZnodeSnapshot['kind'];
  /** Created or modified by the current step. */
  changed: boolean;
  /** /zookeeper and below: exists on every server, drawn muted. */
  system: boolean;
  /** Accessible description: everything the drawing encodes, in words. */
  label: string;
  /** Approximate width of the drawn label (name and detail), for the hit area. */
  labelWidth: number;
  znode: ZnodeSnapshot;
  /** Who watches it (live figures): "c2 data", "c3 child", ... Empty otherwise. */
  watchers: string[];
  /** Compared with another server's tree: missing here (a ghost), or an older version. */
  lag: 'missing' | 'stale' | null;
}

export interface TreeLinkModel {
  id: string;
  source: { x: number; y: number };
  target: { x: number; y: number };
}

export interface TreeModel {
  nodes: TreeNodeModel[];
  links: TreeLinkModel[];
  /** Bounding box of the layout, for the SVG viewBox. */
  width: number;
  height: number;
}

export interface TreeModelOptions {
  /** Hide the children of /zookeeper (quota, config); /zookeeper itself stays. Default true. */
  hideSystemChildren?: boolean;
  rowHeight?: number;
  /** Width of one character of the name line (monospace), in SVG units. */
  charWidth?: number;
  /** Live figures: watchers per path. */
  watches?: ReadonlyMap<string, readonly string[]>;
  /** Live figures: the tree to compare with (the leader's); lagging znodes are marked. */
  compare?: readonly ZnodeSnapshot[];
}

const PREVIEW_CHARS = 18;
/** Circle and padding before the label, and the gap between columns. */
const LABEL_OFFSET = 14;
const COLUMN_GAP = 28;

export function previewData(data: string | null): string {
  if (data === null) return 'null';
  if (data === '') return '""';
  const oneLine = data.replace(/\s+/g, ' ');
  return JSON.stringify(oneLine.length > PREVIEW_CHARS ? oneLine.slice(0, PREVIEW_CHARS - 1) + '…' : oneLine);
}

function isSystem(path: string): boolean {
  return path === '/zookeeper' || path.startsWith('/zookeeper/');
}

function describe(z: ZnodeSnapshot, visible: string, changed: boolean, watchers: readonly string[] = [], lag: TreeNodeModel['lag'] = null): string {
  // Starts with the visible text, so speech users can name the node by what they see.
  const parts = [visible, `znode ${z.path}`, z.kind.toLowerCase()];
  if (z.kind === 'EPHEMERAL') parts.push(`owned by session ${z.stat.ephemeralOwner}`);
  parts.push(`data ${previewData(z.data)}`, `version ${z.stat.version}`, `${z.stat.numChildren} children`);
  if (changed) parts.push('changed in this step');
  if (watchers.length > 0) parts.push(`watched by ${watchers.join(', ')}`);
  if (lag === 'missing') parts.push('not yet on this server');
  if (lag === 'stale') parts.push('older version than the leader');
  return parts.join(', ');
}

export function buildTreeModel(snapshot: readonly ZnodeSnapshot[], changed: readonly string[] = [], options: TreeModelOptions = {}): TreeModel {
  const hideSystemChildren = options.hideSystemChildren ?? true;
  const rowHeight = options.rowHeight ?? 46;
  const charWidth = options.charWidth ?? 7.3;
  const lagOf = new Map<string, TreeNodeModel['lag']>();
  let merged: readonly ZnodeSnapshot[] = snapshot;
  if (options.compare) {
    const here = new Map(snapshot.map((z) => [z.path, z]));
    const extra: ZnodeSnapshot[] = [];
    for (const z of options.compare) {
      const mine = here.get(z.path);
      if (mine === undefined) {
        lagOf.set(z.path, 'missing');
        extra.push(z);
      } else if (mine.stat.mzxid !== z.stat.mzxid || mine.stat.pzxid !== z.stat.pzxid) lagOf.set(z.path, 'stale');
    }
    // A ghost needs its parent: the compared tree has it (or it is a ghost too).
    merged = [...snapshot, ...extra];
  }
  const visible = merged.filter((z) => !(hideSystemChildren && z.path.startsWith('/zookeeper/')));
  const byParent = new Map<string, ZnodeSnapshot[]>();
  let root: ZnodeSnapshot | undefined;
  for (const z of visible) {
    if (z.parent === null) root = z;
    else {
      const siblings = byParent.get(z.parent) ?? [];
      siblings.push(z);
      byParent.set(z.parent, siblings);
    }
  }
  if (!root) return { nodes: [], links: [], width: 0, height: 0 };
  // Children in code-unit order (ZooKeeper returns them unordered; the book sorts, as tests must).
  for (const list of byParent.values()) list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const changedSet = new Set(changed);
  const h = hierarchy(root, (z) => byParent.get(z.path));
  const laid: HierarchyPointNode<ZnodeSnapshot> = tree<ZnodeSnapshot>().nodeSize([rowHeight, 1])(h);
  // tree() lays out top-down; we draw left-to-right: breadth → y, depth → x. Each depth's
  // column is as wide as its longest label, so deep trees stay narrow enough to read.
  const labelWidthOf = (z: ZnodeSnapshot) => {
    const detail = isSystem(z.path) ? 'system' : `v${z.stat.version} ${previewData(z.data)}`;
    const w = options.watches?.get(z.path);
    const nameLine = z.name.length + (w && w.length > 0 ? 10 + w.join(' ').length : 0);
    return LABEL_OFFSET + charWidth * Math.max(nameLine, detail.length * 0.85);
  };
  const columnWidths: number[] = [];
  let minY = Infinity;
  let maxY = -Infinity;
  laid.each((n) => {
    minY = Math.min(minY, n.x);
    maxY = Math.max(maxY, n.x);
    columnWidths[n.depth] = Math.max(columnWidths[n.depth] ?? 0, labelWidthOf(n.data));
  });
  const pad = 24;
  const columnX: number[] = [pad];
  for (let d = 1; d < columnWidths.length; d++) columnX[d] = columnX[d - 1]! + columnWidths[d - 1]! + COLUMN_GAP;
  const width = columnX[columnX.length - 1]! + columnWidths[columnWidths.length - 1]! + pad;
  // Pre-order (a directory listing's order): parents before children, siblings sorted.
  const ordered: HierarchyPointNode<ZnodeSnapshot>[] = [];
  laid.eachBefore((n) => void ordered.push(n));
  const nodes: TreeNodeModel[] = ordered.map((n) => {
    const z = n.data;
    const isChanged = changedSet.has(z.path);
    const system = isSystem(z.path);
    const detail = system ? 'system' : `v${z.stat.version} ${previewData(z.data)}`;
    const watchers = [...(options.watches?.get(z.path) ?? [])];
    const lag = lagOf.get(z.path) ?? null;
    return {
      id: z.path,
      x: columnX[n.depth]!,
      y: n.x - minY + pad,
      name: z.name,
      detail,
      kind: z.kind,
      changed: isChanged,
      system,
      label: describe(z, `${z.name} ${detail}`, isChanged, watchers, lag),
      labelWidth: labelWidthOf(z),
      znode: z,
      watchers,
      lag,
    };
  });
  const pos = new Map(nodes.map((n) => [n.id, n]));
  const links: TreeLinkModel[] = laid.links().map((l) => {
    const s = pos.get(l.source.data.path)!;
    const t = pos.get(l.target.data.path)!;
    return { id: `${s.id}→${t.id}`, source: { x: s.x, y: s.y }, target: { x: t.x, y: t.y } };
  });
  return { nodes, links, width, height: maxY - minY + 2 * pad };
}
