/**
 * ZnodeTree view-model: a data-tree snapshot in, positioned nodes and links out.
 *
 * Pure function of its input (tested in vitest without a DOM): it builds a d3-hierarchy
 * from the snapshot and lays it out left-to-right — a tidy tree (`tree().nodeSize`, each
 * parent centred on its children) for the small trees of the early chapters, an indented
 * listing (a row per znode in pre-order, like `ls -R` or a file browser) for large ones,
 * where a tidy tree's fan of 500 links is unreadable — and labels each node with what a
 * reader needs at a glance. `visibleSlice` picks what lies in a scrolled window (a large
 * tree draws only that) and `neighbour` is the keyboard's move between znodes. The D3 view (znode-tree-view.ts) only draws
 * what this returns. In a live figure it also marks who watches each znode, and, when the
 * tree is compared with another server's (the leader's), where this one lags: znodes it
 * has not received yet (drawn as ghosts), and znodes whose version is behind.
 * May import d3-hierarchy and playground snapshot types; no DOM.
 */
import { hierarchy, tree, type HierarchyNode, type HierarchyPointNode } from 'd3-hierarchy';
import type { ZnodeSnapshot } from '../../playground/zkcli/snapshot.ts';

export interface TreeNodeModel {
  /** The znode's path: the key for D3's joins. */
  id: string;
  x: number;
  y: number;
  name: string;
  /** Short second line: version (spelled out) and data preview (and, compared, "(behind)" or "(not here yet)"). */
  detail: string;
  kind: ZnodeSnapshot['kind'];
  /** The sequence number ZooKeeper appended to a sequential znode's name (its last ten digits), drawn apart; null if none. */
  seq: string | null;
  /** The kind in words beside the name ("ephemeral", "container", "TTL", "sequential", joined by " · "); empty for a plain persistent znode. */
  tag: string;
  /** Where the tag and the watchers' words start on the name line (x from the znode's glyph). */
  tagX: number;
  watchX: number;
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
  /** For assistive technology (ARIA tree): depth from 1, position among siblings from 1. */
  level: number;
  posInSet: number;
  setSize: number;
}

export interface TreeLinkModel {
  id: string;
  source: { x: number; y: number };
  target: { x: number; y: number };
}

export type TreeLayout = 'tidy' | 'indented';

export interface TreeModel {
  layout: TreeLayout;
  /** Pre-order (a directory listing's order): parents before children, siblings sorted. */
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
  /** Live figures: which client holds each session, so an ephemeral names its owner. */
  owners?: ReadonlyMap<string, string>;
  /** Default: tidy up to INDENT_ABOVE visible znodes, indented beyond. */
  layout?: TreeLayout;
}

/** Above this many visible znodes a tidy tree stops being readable; list them instead. */
export const INDENT_ABOVE = 40;
/** Indented layout: a row per znode (two text lines), and the indent per level. */
const INDENT_ROW = 36;
const INDENT_STEP = 26;

const PREVIEW_CHARS = 18;
/** A sequential znode's name ends in ten digits (ZooKeeper's %010d). */
const SEQ = /\d{10}$/;
const KIND_WORD: Record<ZnodeSnapshot['kind'], string> = { PERSISTENT: '', EPHEMERAL: 'ephemeral', CONTAINER: 'container', TTL: 'TTL' };
/** The tag is drawn smaller than the name: its characters' width relative to the name's. */
const TAG_SCALE = 0.8;

/** A znode's kind in words for the tree, the sequence number included. */
export function kindTag(z: Pick<ZnodeSnapshot, 'kind' | 'name'>): string {
  return [KIND_WORD[z.kind], SEQ.test(z.name) ? 'sequential' : ''].filter(Boolean).join(' · ');
}
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

function describe(z: ZnodeSnapshot, visible: string, changed: boolean, watchers: readonly string[] = [], lag: TreeNodeModel['lag'] = null, owner?: string): string {
  // Starts with the visible text, so speech users can name the node by what they see.
  const parts = [visible, `znode ${z.path}`, z.kind.toLowerCase()];
  if (z.kind === 'EPHEMERAL') parts.push(`owned by session ${z.stat.ephemeralOwner}${owner ? ` (client ${owner})` : ''}`);
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
  if (!root) return { layout: options.layout ?? 'tidy', nodes: [], links: [], width: 0, height: 0 };
  const layout = options.layout ?? (visible.length > INDENT_ABOVE ? 'indented' : 'tidy');
  // Children in code-unit order (ZooKeeper returns them unordered; the book sorts, as tests must).
  for (const list of byParent.values()) list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const changedSet = new Set(changed);
  const h = hierarchy(root, (z) => byParent.get(z.path));
  const detailOf = (z: ZnodeSnapshot) => {
    const lag = lagOf.get(z.path);
    const behind = lag === 'missing' ? ' (not here yet)' : lag === 'stale' ? ' (behind)' : '';
    if (isSystem(z.path)) return `system${behind}`;
    const owner = z.kind === 'EPHEMERAL' ? options.owners?.get(z.stat.ephemeralOwner) : undefined;
    // "version 1", not "v1": a book's data is often "v1" too (tour step 4 showed `v1 "v1"`).
    return `version ${z.stat.version} · ${previewData(z.data)}${owner ? ` · ${owner}'s` : ''}${behind}`;
  };
  // The name line: the name, its tag (smaller), the watchers; x of each from the glyph.
  const tagXOf = (z: ZnodeSnapshot) => LABEL_OFFSET + charWidth * (z.name.length + 1);
  const nameEndOf = (z: ZnodeSnapshot) => {
    const tag = isSystem(z.path) ? '' : kindTag(z);
    return tag ? tagXOf(z) + charWidth * TAG_SCALE * tag.length : LABEL_OFFSET + charWidth * z.name.length;
  };
  const watchXOf = (z: ZnodeSnapshot) => nameEndOf(z) + 8;
  const labelWidthOf = (z: ZnodeSnapshot) => {
    const detail = detailOf(z);
    const w = options.watches?.get(z.path);
    const nameLine = nameEndOf(z) + (w && w.length > 0 ? charWidth * (10 + w.join(' ').length) : 0);
    return Math.max(nameLine, LABEL_OFFSET + charWidth * detail.length * 0.85);
  };
  const pad = 24;
  // Pre-order (a directory listing's order): parents before children, siblings sorted.
  const ordered: HierarchyNode<ZnodeSnapshot>[] = [];
  h.eachBefore((n) => void ordered.push(n));
  const at = new Map<HierarchyNode<ZnodeSnapshot>, { x: number; y: number }>();
  let width: number;
  let height: number;
  if (layout === 'indented') {
    let widest = 0;
    ordered.forEach((n, row) => {
      const x = pad + n.depth * INDENT_STEP;
      at.set(n, { x, y: pad + row * INDENT_ROW });
      widest = Math.max(widest, x + labelWidthOf(n.data));
    });
    width = widest + pad;
    height = (ordered.length - 1) * INDENT_ROW + 2 * pad;
  } else {
    const laid: HierarchyPointNode<ZnodeSnapshot> = tree<ZnodeSnapshot>().nodeSize([rowHeight, 1])(h);
    // tree() lays out top-down; we draw left-to-right: breadth → y, depth → x. Each depth's
    // column is as wide as its longest label, so deep trees stay narrow enough to read.
    const columnWidths: number[] = [];
    let minY = Infinity;
    let maxY = -Infinity;
    laid.each((n) => {
      minY = Math.min(minY, n.x);
      maxY = Math.max(maxY, n.x);
      columnWidths[n.depth] = Math.max(columnWidths[n.depth] ?? 0, labelWidthOf(n.data));
    });
    const columnX: number[] = [pad];
    for (let d = 1; d < columnWidths.length; d++) columnX[d] = columnX[d - 1]! + columnWidths[d - 1]! + COLUMN_GAP;
    width = columnX[columnX.length - 1]! + columnWidths[columnWidths.length - 1]! + pad;
    height = maxY - minY + 2 * pad;
    laid.each((n) => void at.set(n, { x: columnX[n.depth]!, y: n.x - minY + pad }));
  }
  const nodes: TreeNodeModel[] = ordered.map((n) => {
    const z = n.data;
    const isChanged = changedSet.has(z.path);
    const system = isSystem(z.path);
    const detail = detailOf(z);
    const watchers = [...(options.watches?.get(z.path) ?? [])];
    const lag = lagOf.get(z.path) ?? null;
    const siblings = n.parent?.children ?? [n];
    const tag = system ? '' : kindTag(z);
    return {
      id: z.path,
      ...at.get(n)!,
      name: z.name,
      detail,
      kind: z.kind,
      seq: SEQ.exec(z.name)?.[0] ?? null,
      tag,
      tagX: tagXOf(z),
      watchX: watchXOf(z),
      changed: isChanged,
      system,
      // The visible text in the order it is drawn (name, detail, watchers), as axe requires.
      label: describe(z, `${z.name}${tag ? ` ${tag}` : ''} ${detail}${watchers.length > 0 ? ` ◉ watch ${watchers.join(' ')}` : ''}`, isChanged, watchers, lag, options.owners?.get(z.stat.ephemeralOwner)),
      labelWidth: labelWidthOf(z),
      znode: z,
      watchers,
      lag,
      level: n.depth + 1,
      posInSet: 0,
      setSize: siblings.length,
    };
  });
  // Positions among siblings in one pass per parent (indexOf would be quadratic at 500 children).
  const index = new Map(ordered.map((n, i) => [n, i]));
  for (const n of ordered) n.children?.forEach((c, i) => void (nodes[index.get(c)!]!.posInSet = i + 1));
  nodes[0]!.posInSet = 1;
  const links: TreeLinkModel[] = [];
  for (const n of ordered) {
    if (!n.parent) continue;
    const s = nodes[index.get(n.parent)!]!;
    const t = nodes[index.get(n)!]!;
    // A tidy tree's link leaves from the end of the parent's label, so it never crosses it.
    const sx = layout === 'tidy' ? s.x + s.labelWidth : s.x;
    links.push({ id: `${s.id}→${t.id}`, source: { x: sx, y: s.y }, target: { x: t.x, y: t.y } });
  }
  return { layout, nodes, links, width, height };
}

/**
 * What a window [top, bottom] (in the model's y units) of a scrolled tree must draw: the
 * znodes inside it, the links to them, and — for a parent above the window with children
 * below it — the one link that runs furthest down, so the line through the window is drawn
 * once instead of once per child beyond it.
 */
export function visibleSlice(model: TreeModel, top: number, bottom: number): Pick<TreeModel, 'nodes' | 'links'> {
  const inside = (y: number) => y >= top && y <= bottom;
  const nodes = model.nodes.filter((n) => inside(n.y));
  const links: TreeLinkModel[] = [];
  const through = new Map<string, TreeLinkModel>();
  for (const l of model.links) {
    if (inside(l.target.y) || inside(l.source.y)) links.push(l);
    else if (Math.min(l.source.y, l.target.y) < top && Math.max(l.source.y, l.target.y) > bottom) {
      const key = `${l.source.x},${l.source.y}`;
      const kept = through.get(key);
      if (!kept || Math.abs(l.target.y - l.source.y) > Math.abs(kept.target.y - kept.source.y)) through.set(key, l);
    }
  }
  return { nodes, links: [...links, ...through.values()] };
}

/**
 * The znodes a txn changed, as far as a tree shows it: those it created or modified (all
 * of them for a multi); for a delete, the parent whose child list it changed.
 */
export function changedBy(zxid: string, znodes: readonly ZnodeSnapshot[]): Set<string> {
  const direct = znodes.filter((z) => z.stat.mzxid === zxid || z.stat.czxid === zxid);
  return new Set((direct.length > 0 ? direct : znodes.filter((z) => z.stat.pzxid === zxid)).map((z) => z.path));
}

/**
 * Where a key moves the keyboard focus from znode `id` (the ARIA tree pattern, every node
 * expanded): Down/Up to the next/previous row in pre-order, Left to the parent, Right to
 * the first child, Home/End to the first/last row. Null: nowhere to go, or not a move key.
 */
export function neighbour(model: TreeModel, id: string, key: string): string | null {
  const nodes = model.nodes;
  const i = nodes.findIndex((n) => n.id === id);
  if (i < 0 || nodes.length === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return nodes[i + 1]?.id ?? null;
    case 'ArrowUp':
      return nodes[i - 1]?.id ?? null;
    case 'Home':
      return nodes[0]!.id;
    case 'End':
      return nodes[nodes.length - 1]!.id;
    case 'ArrowLeft':
      return nodes[i]!.znode.parent !== null && nodes.some((n) => n.id === nodes[i]!.znode.parent) ? nodes[i]!.znode.parent : null;
    case 'ArrowRight':
      return nodes[i + 1]?.znode.parent === id ? nodes[i + 1]!.id : null;
    default:
      return null;
  }
}
