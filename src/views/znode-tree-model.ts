/**
 * ZnodeTree view-model: a data-tree snapshot in, positioned nodes and links out.
 *
 * Pure function of its input (tested in vitest without a DOM): it builds a d3-hierarchy
 * from the snapshot, lays it out left-to-right with `tree().nodeSize`, and labels each
 * node with what a reader needs at a glance. The D3 view (znode-tree-view.ts) only draws
 * what this returns. May import d3-hierarchy and playground snapshot types; no DOM.
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
  znode: ZnodeSnapshot;
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
  columnWidth?: number;
}

const PREVIEW_CHARS = 18;

export function previewData(data: string | null): string {
  if (data === null) return 'null';
  if (data === '') return '""';
  const oneLine = data.replace(/\s+/g, ' ');
  return JSON.stringify(oneLine.length > PREVIEW_CHARS ? oneLine.slice(0, PREVIEW_CHARS - 1) + '…' : oneLine);
}

function isSystem(path: string): boolean {
  return path === '/zookeeper' || path.startsWith('/zookeeper/');
}

function describe(z: ZnodeSnapshot, changed: boolean): string {
  const parts = [`znode ${z.path}`, z.kind.toLowerCase()];
  if (z.kind === 'EPHEMERAL') parts.push(`owned by session ${z.stat.ephemeralOwner}`);
  parts.push(`data ${previewData(z.data)}`, `version ${z.stat.version}`, `${z.stat.numChildren} children`);
  if (changed) parts.push('changed in this step');
  return parts.join(', ');
}

export function buildTreeModel(snapshot: readonly ZnodeSnapshot[], changed: readonly string[] = [], options: TreeModelOptions = {}): TreeModel {
  const hideSystemChildren = options.hideSystemChildren ?? true;
  const rowHeight = options.rowHeight ?? 46;
  const columnWidth = options.columnWidth ?? 150;
  const visible = snapshot.filter((z) => !(hideSystemChildren && z.path.startsWith('/zookeeper/')));
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
  const laid: HierarchyPointNode<ZnodeSnapshot> = tree<ZnodeSnapshot>().nodeSize([rowHeight, columnWidth])(h);
  // tree() lays out top-down; we draw left-to-right, so swap: breadth → y, depth → x.
  let minY = Infinity;
  let maxY = -Infinity;
  let maxX = 0;
  laid.each((n) => {
    minY = Math.min(minY, n.x);
    maxY = Math.max(maxY, n.x);
    maxX = Math.max(maxX, n.y);
  });
  const pad = 24;
  // Pre-order (a directory listing's order): parents before children, siblings sorted.
  const ordered: HierarchyPointNode<ZnodeSnapshot>[] = [];
  laid.eachBefore((n) => void ordered.push(n));
  const nodes: TreeNodeModel[] = ordered.map((n) => {
    const z = n.data;
    const isChanged = changedSet.has(z.path);
    return {
      id: z.path,
      x: n.y + pad,
      y: n.x - minY + pad,
      name: z.name,
      detail: `v${z.stat.version} ${previewData(z.data)}`,
      kind: z.kind,
      changed: isChanged,
      system: isSystem(z.path),
      label: describe(z, isChanged),
      znode: z,
    };
  });
  const pos = new Map(nodes.map((n) => [n.id, n]));
  const links: TreeLinkModel[] = laid.links().map((l) => {
    const s = pos.get(l.source.data.path)!;
    const t = pos.get(l.target.data.path)!;
    return { id: `${s.id}→${t.id}`, source: { x: s.x, y: s.y }, target: { x: t.x, y: t.y } };
  });
  return { nodes, links, width: maxX + columnWidth + pad, height: maxY - minY + 2 * pad };
}
