/**
 * How a chapter's live views find their timeline: an `<ensemble-lab>` registers itself
 * under its id; `<ensemble-diagram>`, `<znode-tree-live>`, `<space-time>` and `<txn-log>`
 * ask for it by that id (whichever element upgrades first) and redraw on every frame it
 * publishes — while they are near the viewport (`drawWhenVisible`). A frame is everything a
 * view needs to draw, derived from the trace.
 *
 * Browser-only module; imports view-model types only.
 */
import type { NodeId } from '../../playground/sim/types.ts';
import type { Timeline } from '../../playground/timeline/timeline.ts';
import type { ServerTrees } from '../views/server-trees.ts';
import type { ClusterState, TraceDigest } from '../views/trace-digest.ts';

export interface LabFrame {
  readonly timeline: Timeline;
  readonly digest: TraceDigest;
  readonly trees: ServerTrees;
  readonly servers: readonly NodeId[];
  readonly clients: readonly NodeId[];
  /** Trace events shown. */
  readonly position: number;
  /** Position of the previous frame (what the narration told since). */
  readonly previous: number;
  /** The boundary before `position`: events [stepStart, position) are "this step". */
  readonly stepStart: number;
  /** Virtual time drawn (between events while playing). */
  readonly now: number;
  readonly state: ClusterState;
  readonly selectedZxid: string | null;
  /** The message (send index) whose payload is shown. */
  readonly inspected: number | null;
  readonly playing: boolean;
  readonly reducedMotion: boolean;
  readonly hidePings: boolean;
  /** Bumps when the timeline is rebuilt (a fork): views drop caches keyed on the old trace. */
  readonly generation: number;
}

export interface LabHost {
  subscribe(listener: (frame: LabFrame) => void): () => void;
  selectZxid(zxid: string | null): void;
  inspect(sendIndex: number | null): void;
  /** Move to the book's run at a named moment of the lab's scenario; false (and says why) if not found. */
  showMoment(id: string): Promise<boolean>;
}

const labs = new Map<string, LabHost>();
const waiting = new Map<string, ((lab: LabHost) => void)[]>();

export function registerLab(id: string, lab: LabHost): void {
  labs.set(id, lab);
  for (const resolve of waiting.get(id) ?? []) resolve(lab);
  waiting.delete(id);
}

export function whenLab(id: string): Promise<LabHost> {
  const lab = labs.get(id);
  if (lab) return Promise.resolve(lab);
  return new Promise((resolve) => {
    const list = waiting.get(id) ?? [];
    list.push(resolve);
    waiting.set(id, list);
  });
}

/**
 * Subscribes `draw` to the lab's frames while `el` is near the viewport; off-screen, only
 * the latest frame is kept, and drawn when the reader scrolls back. A view nobody can see
 * still costs the browser style and layout work on every frame it is redrawn (measured by
 * npm run bench views: an off-screen space-time diagram took a quarter of each second).
 * Returns whether `el` is near the viewport now.
 */
export function drawWhenVisible(el: Element, lab: LabHost, draw: (frame: LabFrame) => void): () => boolean {
  let visible = true;
  let pending: LabFrame | null = null;
  new IntersectionObserver(
    (entries) => {
      visible = entries.some((e) => e.isIntersecting);
      if (visible && pending) {
        const f = pending;
        pending = null;
        draw(f);
      }
    },
    { rootMargin: '300px' },
  ).observe(el);
  lab.subscribe((f) => {
    if (visible) draw(f);
    else pending = f;
  });
  return () => visible;
}
