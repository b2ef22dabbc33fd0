/**
 * The ensemble diagram's geometry: a phone gets the compact layout, drawn at 90% of its size
 * or more so that roles, epochs and zxids stay legible, with no node over another; marks
 * travel their link by their send and delivery times, clear of their sender; in a crowd
 * (the fan of PROPOSALs leaving a leader) no two full labels overlap, crowded marks shrink
 * to a letter and step aside, and every message in flight is still drawn.
 */
import { describe, expect, it } from 'vitest';
import { SCENARIOS, Timeline } from '../../../playground/timeline/index.ts';
import {
  buildEnsembleModel,
  chooseLayout,
  CLIENT_HALF_H,
  CLIENT_HALF_W,
  layoutEnsemble,
  markPosition,
  placeMarks,
  SERVER_R,
  SERVER_RING_R,
  type EnsembleLayout,
  type MessageMark,
} from '../../../src/views/ensemble-model.ts';
import { TraceDigest } from '../../../src/views/trace-digest.ts';

const ids = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
/** The canvas of a 390 px phone (the figure's padding taken off), and of a 1280 px desktop. */
const PHONE_PX = 330;
const DESKTOP_PX = 606;

const overlap = (a: MessageMark, b: MessageMark): boolean => Math.abs(a.x - b.x) < (a.w + b.w) / 2 && Math.abs(a.y - b.y) < (a.h + b.h) / 2;

describe('ensemble layout', () => {
  it('is compact on a phone and wide on a desktop', () => {
    const servers = ids('s', 5);
    const clients = ids('c', 20);
    expect(chooseLayout(servers, clients, PHONE_PX)).toBe('compact');
    expect(chooseLayout(servers, clients, DESKTOP_PX)).toBe('wide');
    expect(chooseLayout(servers, clients)).toBe('wide');
    expect(chooseLayout(servers, clients, 0)).toBe('wide');
  });

  it('keeps the drawing at 90% of its size or more on a phone and a desktop, for every scenario', () => {
    for (const name of SCENARIOS.keys()) {
      const tl = new Timeline(SCENARIOS.get(name)!, 1);
      const state = new TraceDigest(tl.trace, tl.servers, tl.clients).at(tl.position);
      for (const px of [PHONE_PX, DESKTOP_PX]) {
        const model = buildEnsembleModel(state, tl.time, tl.servers, tl.clients, { width: px });
        expect(px / model.viewBox[2], `${name} at ${px} px (${model.layout})`).toBeGreaterThanOrEqual(0.9);
      }
    }
  });

  it('keeps each client beside the server it first connected to, even when one server has them all', () => {
    const servers = ids('s', 5);
    for (const m of [3, 6, 20]) {
      const clients = ids('c', m);
      // Natural homes: client i beside server i mod n, on the same side of the centre.
      const natural = layoutEnsemble(servers, clients, 'wide');
      clients.forEach((c, i) => {
        const s = natural.get(servers[i % 5]!)!;
        const p = natural.get(c)!;
        expect(Math.hypot(p.x - s.x, p.y - s.y), `${c} beside ${servers[i % 5]}`).toBeLessThan(Math.min(...servers.filter((t) => t !== servers[i % 5]).map((t) => Math.hypot(p.x - natural.get(t)!.x, p.y - natural.get(t)!.y))));
      });
      // Every client homed on s1: no two client boxes overlap.
      const crowded = layoutEnsemble(servers, clients, 'wide', new Map(clients.map((c) => [c, 's1'])));
      for (const k of clients)
        for (const l of clients) {
          if (k >= l) continue;
          const p = crowded.get(k)!;
          const q = crowded.get(l)!;
          expect(Math.abs(p.x - q.x) >= 2 * CLIENT_HALF_W || Math.abs(p.y - q.y) >= 2 * CLIENT_HALF_H, `${m} clients on s1: ${k} and ${l}`).toBe(true);
        }
    }
  });

  it('puts no node over another, in either layout', () => {
    for (const layout of ['wide', 'compact'] as EnsembleLayout[]) {
      for (const n of [1, 3, 5, 7]) {
        for (const m of [0, 3, 4, 6, 20]) {
          const servers = ids('s', n);
          const clients = ids('c', m);
          const pos = layoutEnsemble(servers, clients, layout);
          for (const s of servers) {
            const c = pos.get(s)!;
            for (const t of servers) if (t !== s) expect(Math.hypot(pos.get(t)!.x - c.x, pos.get(t)!.y - c.y), `${layout} ${n}×${m}: ${s} and ${t}`).toBeGreaterThan(2 * SERVER_RING_R);
            for (const k of clients) {
              const p = pos.get(k)!;
              const nx = Math.max(p.x - CLIENT_HALF_W, Math.min(c.x, p.x + CLIENT_HALF_W));
              const ny = Math.max(p.y - CLIENT_HALF_H, Math.min(c.y, p.y + CLIENT_HALF_H));
              expect(Math.hypot(c.x - nx, c.y - ny), `${layout} ${n}×${m}: ${s} and ${k}`).toBeGreaterThan(SERVER_RING_R);
            }
          }
          for (const k of clients) {
            for (const l of clients) {
              if (k >= l) continue;
              const p = pos.get(k)!;
              const q = pos.get(l)!;
              const apart = Math.abs(p.x - q.x) >= 2 * CLIENT_HALF_W || Math.abs(p.y - q.y) >= 2 * CLIENT_HALF_H;
              expect(apart, `${layout} ${n}×${m}: ${k} and ${l}`).toBe(true);
            }
          }
        }
      }
    }
  });
});

describe('message marks', () => {
  const a = { x: 0, y: 0 };
  const b = { x: 300, y: 0 };

  it('travel from beyond the sender to the receiver by progress, to the right of travel', () => {
    const w = 60;
    const start = markPosition(a, true, b, true, 0, w, 16);
    const mid = markPosition(a, true, b, true, 0.5, w, 16);
    const end = markPosition(a, true, b, true, 1, w, 16);
    // A fresh label clears the sender's ring; it arrives at the receiver's.
    expect(start.x - w / 2).toBeGreaterThanOrEqual(SERVER_RING_R);
    expect(end.x + w / 2).toBeLessThanOrEqual(300 - SERVER_RING_R);
    expect(mid.x).toBeCloseTo((start.x + end.x) / 2, 0);
    // Rightwards travel on screen (y down): its right is below; the reply goes above.
    expect(start.y).toBeGreaterThan(0);
    expect(markPosition(b, true, a, true, 0.5, w, 16).y).toBeLessThan(0);
  });

  it('still travel on a link too short for the label to clear both ends', () => {
    const near = { x: 120, y: 0 };
    const start = markPosition(a, true, near, true, 0, 80, 16);
    const end = markPosition(a, true, near, true, 1, 80, 16);
    expect(end.x - start.x).toBeGreaterThan(0.39 * (120 - 2 * (SERVER_RING_R + 2)));
  });

  it('in a crowd: the first keeps its label, the next shrink to a letter and step aside, none is dropped', () => {
    const box = { x: 100, y: 50, w: 60, h: 16, shortW: 16, nx: 0, ny: 1 };
    const placed = placeMarks([box, box, box, { ...box, x: 300 }], []);
    expect(placed).toEqual([
      { short: false, lane: 0 },
      { short: true, lane: 1 },
      { short: true, lane: -1 },
      { short: false, lane: 0 },
    ]);
    // Over a server's circle: a letter, even alone.
    expect(placeMarks([{ ...box, x: 0, y: 0 }], [{ x: 0, y: 30, r: SERVER_R }])[0]!.short).toBe(true);
  });

  it('right after a commit in the load scenario: every flight drawn, no two labels over each other', () => {
    const tl = new Timeline(SCENARIOS.get('load')!, 1);
    tl.seekTime(4000);
    const digest = new TraceDigest(tl.trace, tl.servers, tl.clients);
    let fans = 0;
    let crowded = 0;
    for (let p = Math.floor(tl.position / 2); p <= tl.position; p += 7) {
      const state = digest.at(p);
      const now = tl.trace[p - 1]!.time;
      const flights = [...state.flights.values()];
      // A leader's fan: three or more Zab messages it sent at this very moment.
      const fan = flights.filter((f) => f.sentAt === now && state.servers.get(f.from)?.role === 'LEADING');
      if (fan.length >= 3) fans++;
      for (const width of [PHONE_PX, DESKTOP_PX]) {
        const model = buildEnsembleModel(state, now, tl.servers, tl.clients, { width });
        expect(model.messages.map((m) => m.id).sort((x, y) => x - y)).toEqual(flights.map((f) => f.sendIndex).sort((x, y) => x - y));
        const full = model.messages.filter((m) => !m.short);
        for (let i = 0; i < full.length; i++) for (let j = i + 1; j < full.length; j++) expect(overlap(full[i]!, full[j]!), `position ${p}, ${width} px`).toBe(false);
        for (const m of full) for (const s of model.servers) expect(Math.hypot(m.x - s.x, m.y - s.y), `position ${p}`).toBeGreaterThan(SERVER_R);
        // Drawn under the full labels.
        const shorts = model.messages.filter((m) => m.short).length;
        crowded += shorts;
        expect(model.messages.slice(shorts).every((m) => !m.short)).toBe(true);
      }
    }
    expect(fans).toBeGreaterThan(0);
    expect(crowded).toBeGreaterThan(0);
    // Hundreds of models: about 2 s alone, over 6 s on the shared 2-core machine.
  }, 30_000);
});

describe('epochs, votes and the way a message goes', () => {
  /** The zab scenario's run, sampled every 5 events up to 6 s (elections, epochs, flights); a digest's state is live, so each is used before the next. */
  function* samples(): Generator<{ state: ReturnType<TraceDigest['at']>; now: number; tl: Timeline }> {
    const tl = new Timeline(SCENARIOS.get('zab')!, 7);
    tl.seekTime(6000);
    const digest = new TraceDigest(tl.trace, tl.servers, tl.clients);
    for (let p = 1; p <= tl.position; p += 5) yield { state: digest.at(p), now: tl.trace[p - 1]!.time, tl };
  }

  it('tints a server by its epoch (mod 6) and says the epoch in its pill; a server before any epoch or down is not tinted', () => {
    let tinted = 0;
    for (const { state, now, tl } of samples()) {
      const model = buildEnsembleModel(state, now, tl.servers, tl.clients, { width: DESKTOP_PX });
      for (const s of model.servers) {
        const v = state.servers.get(s.id)!;
        expect(s.tint).toBe(v.up && v.epoch > 0 ? v.epoch % 6 : null);
        expect(s.epochText).toBe(v.up ? `epoch ${v.epoch}` : '');
        // What is drawn is in the accessible name.
        if (s.epochText) expect(s.label.startsWith([s.id, s.roleLine, s.zxidLine, s.side ?? '', s.epochText].filter((t) => t).join(' ')), s.label).toBe(true);
        if (s.tint !== null) tinted++;
      }
    }
    expect(tinted).toBeGreaterThan(0);
  });

  it('shows a LOOKING server\'s vote and a serving server\'s last zxid', () => {
    let votes = 0;
    for (const { state, now, tl } of samples()) {
      const model = buildEnsembleModel(state, now, tl.servers, tl.clients, { width: DESKTOP_PX });
      for (const s of model.servers) {
        const v = state.servers.get(s.id)!;
        if (!v.up) expect(s.zxidLine).toBe('crashed');
        else if (v.role === 'LOOKING' && v.vote) {
          expect(s.zxidLine).toBe(`votes ${v.vote}`);
          expect(s.label).toContain(`votes for ${v.vote}`);
          votes++;
        } else expect(s.zxidLine).toMatch(/^zxid \d+:\d+$/);
      }
    }
    expect(votes).toBeGreaterThan(0);
  });

  it('points every mark\'s chevron from its sender to its receiver, just outside its label', () => {
    let marks = 0;
    for (const { state, now, tl } of samples()) {
      const model = buildEnsembleModel(state, now, tl.servers, tl.clients, { width: DESKTOP_PX });
      const at = new Map([...model.servers, ...model.clients].map((n) => [n.id, n] as const));
      for (const m of model.messages) {
        const a = at.get(m.from)!;
        const b = at.get(m.to)!;
        const len = Math.hypot(b.x - a.x, b.y - a.y);
        expect(Math.hypot(m.ux, m.uy)).toBeCloseTo(1, 1);
        // Along the link, towards the receiver.
        expect((m.ux * (b.x - a.x) + m.uy * (b.y - a.y)) / len).toBeGreaterThan(0.99);
        expect(m.chevron.x * m.ux + m.chevron.y * m.uy).toBeGreaterThan(0);
        expect(Math.abs(m.chevron.x) > m.w / 2 || Math.abs(m.chevron.y) > m.h / 2).toBe(true);
        expect(Math.abs(((Math.atan2(m.uy, m.ux) * 180) / Math.PI - m.chevron.angle + 540) % 360 - 180)).toBeLessThanOrEqual(1);
        marks++;
      }
    }
    expect(marks).toBeGreaterThan(20);
  });

  it('under reduced motion (still) a mark stays put while the clock runs; otherwise it flies', () => {
    let moved = 0;
    let kept = 0;
    for (const { state, tl } of samples()) {
      for (const f of [...state.flights.values()].slice(0, 3)) {
        if (f.held || f.deliverAt - f.sentAt < 4) continue;
        const mark = (t: number, still: boolean) => buildEnsembleModel(state, t, tl.servers, tl.clients, { width: DESKTOP_PX, still }).messages.find((m) => m.id === f.sendIndex)!;
        const early = f.sentAt + 1;
        const late = f.deliverAt - 1;
        const [s1, s2] = [mark(early, true), mark(late, true)];
        expect([s1.x, s1.y]).toEqual([s2.x, s2.y]);
        expect(s1.progress).toBe(0.5);
        const [m1, m2] = [mark(early, false), mark(late, false)];
        if (m1.x !== m2.x || m1.y !== m2.y) moved++;
        kept++;
      }
    }
    expect(kept).toBeGreaterThan(10);
    expect(moved).toBe(kept);
  });
});
