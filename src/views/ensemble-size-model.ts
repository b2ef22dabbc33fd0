/**
 * The Running ZooKeeper chapter's ensemble-size figure as a view model: for every shape the
 * reader may pick (voters × observers), the simulation's measurement
 * (playground/measure/ensemble-size.ts) turned into what the page draws — the servers around
 * the leader with the messages a write sends each, and the figures with their words. Pure and
 * computed once per build (the component renders every shape into the page; its script only
 * shows the one picked), so nothing here runs in the reader's browser.
 */
import { OBSERVER_CHOICES, VOTER_CHOICES, WRITE_MESSAGE_TYPES, figureShapes, measureShape } from '../../playground/measure/ensemble-size.ts';
import type { ShapeMeasurement } from '../../playground/measure/ensemble-size.ts';

export const SIZE_VIEWBOX = { width: 400, height: 132 } as const;
const R = 15;
const ROW_Y = 104;
const LEADER = { x: SIZE_VIEWBOX.width / 2, y: 22 };

export interface SizeServer {
  readonly id: string;
  readonly role: 'leader' | 'follower' | 'observer';
  readonly x: number;
  readonly y: number;
}

/** A link from the leader: a voter's carries PROPOSAL, ACK, COMMIT; an observer's INFORM. */
export interface SizeLink {
  readonly to: string;
  readonly kind: 'vote' | 'inform';
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface SizeFigure {
  readonly term: string;
  readonly value: string;
  readonly detail: string;
}

export interface SizePanel {
  /** `<voters>-<observers>`: the key the controls pick. */
  readonly key: string;
  readonly voters: number;
  readonly observers: number;
  readonly servers: readonly SizeServer[];
  readonly links: readonly SizeLink[];
  readonly figures: readonly SizeFigure[];
  /** The picture in words (its accessible name). */
  readonly picture: string;
  /** One sentence for the live region when the reader picks this shape. */
  readonly summary: string;
}

export const shapeKey = (voters: number, observers: number): string => `${voters}-${observers}`;
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const whole = (x: number): string => String(Math.round(x));

/**
 * The servers in a row under the leader: the followers, then (after a gap) the observers.
 * The simulation's own ids: voters are s1..sV, observers come after them, and the leader is
 * the run's (the first seed's).
 */
function layout(m: ShapeMeasurement): SizeServer[] {
  const leader = m.runs[0]!.leader;
  const voterIds = Array.from({ length: m.voters }, (_, i) => `s${i + 1}`);
  const followers = voterIds.filter((id) => id !== leader);
  const observers = Array.from({ length: m.observers }, (_, i) => `s${m.voters + i + 1}`);
  const slots = followers.length + observers.length + (observers.length > 0 ? 0.6 : 0);
  const step = Math.min(44, (SIZE_VIEWBOX.width - 2 * R - 8) / Math.max(1, slots - 1));
  const span = (slots - 1) * step;
  let x = (SIZE_VIEWBOX.width - span) / 2;
  const out: SizeServer[] = [{ id: leader, role: 'leader', ...LEADER }];
  for (const id of followers) {
    out.push({ id, role: 'follower', x, y: ROW_Y });
    x += step;
  }
  x += observers.length > 0 ? 0.6 * step : 0;
  for (const id of observers) {
    out.push({ id, role: 'observer', x, y: ROW_Y });
    x += step;
  }
  return out;
}

/** A link from the leader's rim to a server's rim. */
function link(to: SizeServer): SizeLink {
  const dx = to.x - LEADER.x;
  const dy = to.y - LEADER.y;
  const d = Math.hypot(dx, dy);
  const round = (v: number): number => Math.round(v * 10) / 10;
  return {
    to: to.id,
    kind: to.role === 'observer' ? 'inform' : 'vote',
    x1: round(LEADER.x + (dx / d) * R),
    y1: round(LEADER.y + (dy / d) * R),
    x2: round(to.x - (dx / d) * (R + 3)),
    y2: round(to.y - (dy / d) * (R + 3)),
  };
}

export function sizePanel(m: ShapeMeasurement): SizePanel {
  const servers = layout(m);
  const leader = servers[0]!.id;
  const breakdown = WRITE_MESSAGE_TYPES.filter((t) => Math.round(m.perWrite[t]) > 0).map((t) => `${whole(m.perWrite[t])} ${t}`);
  if (Math.round(m.perWrite.other) > 0) breakdown.push(`${whole(m.perWrite.other)} other`);
  const followers = m.voters - 1;
  const figures: SizeFigure[] = [
    { term: 'Quorum', value: `${m.quorum} of ${m.voters}`, detail: `the leader and ${plural(m.quorum - 1, 'follower ACK')}` },
    { term: 'Voters that may fail', value: String(m.tolerates), detail: `${m.voters - m.tolerates} left are still a quorum` },
    { term: 'Writes per second', value: whole(m.writesPerSec), detail: 'eight writers, one write in flight each' },
    { term: 'Messages per write', value: whole(m.messagesPerWrite), detail: breakdown.join(' · ') },
    { term: 'Write → commit', value: `${m.commitMs.toFixed(1)} ms`, detail: 'median, from the writer’s send' },
    { term: 'Read', value: `${m.readMs.toFixed(1)} ms`, detail: 'median getData round trip' },
  ];
  const picture =
    `${m.voters} voters — the leader ${leader} and ${plural(followers, 'follower')}, each sent a PROPOSAL and a COMMIT and answering with an ACK` +
    (m.observers > 0 ? ` — and ${plural(m.observers, 'observer')}, each sent an INFORM` : ', no observers');
  const summary =
    `${plural(m.voters, 'voter')} and ${plural(m.observers, 'observer')}: a quorum is ${m.quorum}, ${plural(m.tolerates, 'voter')} may fail, ` +
    `${whole(m.writesPerSec)} writes per second, ${whole(m.messagesPerWrite)} messages per write, ${m.commitMs.toFixed(1)} ms from write to commit.`;
  return {
    key: shapeKey(m.voters, m.observers),
    voters: m.voters,
    observers: m.observers,
    servers,
    links: servers.slice(1).map(link),
    figures,
    picture,
    summary,
  };
}

let panels: SizePanel[] | undefined;

/** Every shape's panel, measured once per process (the build renders the chapter once; dev reloads reuse it). */
export function ensembleSizePanels(): readonly SizePanel[] {
  panels ??= figureShapes().map((s) => sizePanel(measureShape(s)));
  return panels;
}

export { OBSERVER_CHOICES, VOTER_CHOICES };
