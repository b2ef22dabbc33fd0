/**
 * Zab interaction tests as text scripts, in the manner of etcd raft's `rafttest` /
 * datadriven files: each block is a command, a `----` line, and the trace lines the command
 * must produce. `UPDATE_SCRIPTS=1` rewrites the expectations from what the simulation does
 * (then read the diff: a rewritten script is a claim about ZooKeeper you are making).
 *
 * Commands:
 * - `ensemble [size=3] [seed=1] [tick=200]` — a fresh simulation with quorum peers `s1..sN`.
 * - `ready` — run until a leader serves with a synced quorum.
 * - `run 2s` — advance virtual time.
 * - any line of the kernel's fault language (`crash s3`, `restart s3`, `partition s1 | s2 s3`,
 *   `heal`, `latency c1 s1 3900ms`, `freeze s2 8s`, …) — applied now.
 * - `c1@s2: create /a x`, `c1: set /a y`, `c1: get /a`, `c1: delete /a` — client `c1`
 *   (connected to `s2` the first time) runs one call to its end and prints its result;
 *   `… ~300ms` waits at most that long (virtual time) and leaves the call pending.
 * - `roles` — each server's state, epoch and last processed zxid.
 * - `show +zab.propose -zab.state` — which trace events the commands print.
 *
 * Lines starting with `#` are comments (cite the paper section or 3.8 source a block holds
 * the simulation to). Only test code: imports the engine, nothing imports it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { connect, decode, KeeperException } from '../../../playground/client/zookeeper.ts';
import type { SimZooKeeper } from '../../../playground/client/zookeeper.ts';
import { parseMs } from '../../../playground/sim/command-line.ts';
import { applyFault, isFaultVerb, parseFault } from '../../../playground/sim/faults.ts';
import { runAsync, Simulation } from '../../../playground/sim/index.ts';
import type { TraceEvent } from '../../../playground/sim/index.ts';
import { addEnsemble, peerOf, runUntilReady } from '../../../playground/zab/ensemble.ts';
import type { ZabEvent } from '../../../playground/zab/events.ts';

/** The trace events a script prints unless it says otherwise. */
const DEFAULT_SHOWN = ['zab.state', 'zab.elected', 'zab.sync', 'zab.established', 'zab.commit', 'zab.truncate', 'zab.snapshot', 'zab.shutdown', 'server.exit', 'crash', 'restart'];

interface Block {
  readonly command: string;
  readonly comments: readonly string[];
  readonly expected: readonly string[];
}

/** Parse a script: comment lines, then `command`, `----`, expected lines, a blank line. */
export function parseScript(text: string): Block[] {
  const blocks: Block[] = [];
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length) {
    const comments: string[] = [];
    while (i < lines.length && (lines[i]!.startsWith('#') || lines[i]!.trim() === '')) {
      if (lines[i]!.startsWith('#')) comments.push(lines[i]!);
      i++;
    }
    if (i >= lines.length) break;
    const command = lines[i++]!.trim();
    if (lines[i] !== '----') throw new Error(`line ${i + 1}: expected ---- after "${command}"`);
    i++;
    const expected: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '') expected.push(lines[i++]!);
    blocks.push({ command, comments, expected });
  }
  return blocks;
}

function printScript(blocks: readonly { command: string; comments: readonly string[]; output: readonly string[] }[]): string {
  return blocks.map((b) => [...b.comments, b.command, '----', ...b.output].join('\n')).join('\n\n') + '\n';
}

/** One stable line for a trace event the script shows, or null. */
function line(e: TraceEvent, shown: ReadonlySet<string>): string | null {
  const t = `t=${e.time}`;
  if (e.kind === 'crash' || e.kind === 'restart') return shown.has(e.kind) ? `${t} ${e.node} ${e.kind}` : null;
  if (e.kind !== 'protocol' || !shown.has(e.event.type)) return null;
  const ev = e.event as ZabEvent;
  const n = e.node;
  switch (ev.type) {
    case 'zab.state':
      return `${t} ${n} ${ev.state} ${ev.phase} epoch=${ev.epoch}`;
    case 'zab.vote':
      return `${t} ${n} votes ${ev.leader} zxid=${ev.zxid} round=${ev.round}`;
    case 'zab.elected':
      return `${t} ${n} elected ${ev.leader} round=${ev.round}`;
    case 'zab.epoch':
      return `${t} ${n} epoch accepted=${ev.accepted} current=${ev.current}`;
    case 'zab.sync':
      return `${t} ${n} sync ${ev.follower} ${ev.mode}${ev.fromDisk ? ' (from disk)' : ''} leader=${ev.leaderZxid} follower=${ev.followerZxid}${ev.truncateTo !== undefined ? ` truncateTo=${ev.truncateTo}` : ''}`;
    case 'zab.established':
      return `${t} ${n} established epoch=${ev.epoch} quorum=${[...ev.quorum].sort().join(',')} zxid=${ev.zxid}`;
    case 'zab.propose':
      return `${t} ${n} propose ${ev.zxid} ${ev.txn}`;
    case 'zab.log':
      return `${t} ${n} log ${ev.zxid}`;
    case 'zab.commit':
      return `${t} ${n} commit ${ev.zxid}`;
    case 'zab.deliver':
      return `${t} ${n} deliver ${ev.zxid} ${ev.txn}`;
    case 'zab.truncate':
      return `${t} ${n} truncate to ${ev.zxid}`;
    case 'zab.snapshot':
      return `${t} ${n} snapshot ${ev.zxid}`;
    case 'zab.shutdown':
      return `${t} ${n} shutdown: ${ev.reason}`;
    default: {
      const { type, ...rest } = e.event;
      const fields = Object.entries(rest)
        .filter(([, v]) => typeof v !== 'object' || v === null)
        .map(([k, v]) => `${k}=${String(v)}`);
      return `${t} ${n} ${type}${fields.length > 0 ? ' ' + fields.join(' ') : ''}`;
    }
  }
}

function options(words: readonly string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const w of words) {
    const [k, v] = w.split('=');
    if (k === undefined || v === undefined) throw new Error(`expected key=value, got "${w}"`);
    m.set(k, v);
  }
  return m;
}

/** A duration word (`800ms`, `2s`), read as the fault language reads one. */
function parseDuration(text: string): number {
  return parseMs({ text, quoted: false, column: 1 }, 'the duration');
}

/** Runs one script's commands against a fresh simulation, producing each block's output. */
class Interpreter {
  private sim: Simulation | null = null;
  private readonly clients = new Map<string, SimZooKeeper>();
  private readonly shown = new Set(DEFAULT_SHOWN);

  async run(command: string): Promise<string[]> {
    const sim = this.sim;
    const before = sim?.trace.length ?? 0;
    const out = await this.execute(command);
    const now = this.sim;
    if (now === null) return out;
    const start = now === sim ? before : 0;
    const events: string[] = [];
    for (let i = start; i < now.trace.length; i++) {
      const l = line(now.trace[i]!, this.shown);
      if (l !== null) events.push(l);
    }
    return [...events, ...out];
  }

  private need(): Simulation {
    if (this.sim === null) throw new Error('no ensemble yet: start with `ensemble`');
    return this.sim;
  }

  private async execute(command: string): Promise<string[]> {
    const words = command.split(/\s+/);
    const verb = words[0]!;
    const client = /^(c\d+)(?:@(s\d+))?:\s*(\w+)\s*(.*?)(?:\s+~(\d+m?s))?$/.exec(command);
    if (client) {
      const [, id, server, op, rest, wait] = client;
      return this.clientCall(id!, server, op!, rest!.split(/\s+/).filter((w) => w !== ''), wait === undefined ? 60_000 : parseDuration(wait));
    }
    switch (verb) {
      case 'ensemble': {
        const o = options(words.slice(1));
        this.sim = new Simulation({ seed: Number(o.get('seed') ?? 1) });
        const tickTime = Number(o.get('tick') ?? 200);
        addEnsemble(this.sim, { size: Number(o.get('size') ?? 3), config: { tickTime, initLimit: 10, syncLimit: 5 } });
        this.clients.clear();
        return [];
      }
      case 'ready':
        runUntilReady(this.need(), 120_000);
        return [];
      case 'run':
        this.need().runFor(parseDuration(words[1] ?? ''));
        return [];
      case 'roles':
        return this.roles();
      case 'show':
        for (const w of words.slice(1)) {
          if (w.startsWith('+')) this.shown.add(w.slice(1));
          else if (w.startsWith('-')) this.shown.delete(w.slice(1));
          else throw new Error(`show: +type or -type, got "${w}"`);
        }
        return [];
      default:
        if (isFaultVerb(verb)) {
          applyFault(this.need(), parseFault(command));
          return [];
        }
        throw new Error(`unknown command "${command}"`);
    }
  }

  private roles(): string[] {
    const sim = this.need();
    const out: string[] = [];
    for (const id of sim.nodeIds().filter((n) => n.startsWith('s'))) {
      const peer = peerOf(sim, id);
      if (!sim.isUp(id) || peer === undefined) {
        out.push(`${id} down`);
        continue;
      }
      const state = [...sim.trace].reverse().find((e) => e.kind === 'protocol' && e.node === id && e.event.type === 'zab.state');
      const s = state?.kind === 'protocol' ? (state.event as Extract<ZabEvent, { type: 'zab.state' }>) : undefined;
      out.push(`${id} ${s ? `${s.state} ${s.phase} epoch=${s.epoch}` : 'starting'} lastProcessed=0x${peer.db.lastProcessedZxid.toString(16)}`);
    }
    return out;
  }

  private async clientCall(id: string, server: string | undefined, op: string, args: string[], waitMs: number): Promise<string[]> {
    const sim = this.need();
    const r = await runAsync(
      sim,
      async () => {
        let zk = this.clients.get(id);
        if (zk === undefined) {
          if (server === undefined) throw new Error(`${id} is not connected yet: write ${id}@sN: …`);
          zk = await connect(sim, { id, servers: [server], sessionTimeoutMs: 4000, shuffle: false });
          this.clients.set(id, zk);
        }
        const path = args[0] ?? '';
        switch (op) {
          case 'create':
            return `created ${await zk.create(path, args[1] ?? '')}`;
          case 'set':
            return `version ${(await zk.setData(path, args[1] ?? '')).version}`;
          case 'get': {
            const r = await zk.getData(path);
            return `${decode(r.data)} version ${r.stat.version}`;
          }
          case 'delete':
            await zk.delete(path);
            return 'deleted';
          default:
            throw new Error(`unknown client call "${op}"`);
        }
      },
      { maxTimeMs: waitMs },
    );
    if (r.ok) return [`${id}: ${r.value}`];
    if ('error' in r) {
      if (r.error instanceof KeeperException) return [`${id}: ${r.error.code}`];
      throw r.error;
    }
    return [`${id}: no answer within ${waitMs} ms`];
  }
}

export interface ScriptResult {
  readonly text: string;
  readonly rewritten: string;
  /** The first block whose output differs, with a readable diff; null when all match. */
  readonly mismatch: string | null;
}

/** Run a script's text; compare each block's output with its expectation. */
export async function runScript(text: string): Promise<ScriptResult> {
  const blocks = parseScript(text);
  const interp = new Interpreter();
  const outputs: { command: string; comments: readonly string[]; output: string[] }[] = [];
  let mismatch: string | null = null;
  for (const b of blocks) {
    const output = await interp.run(b.command);
    outputs.push({ command: b.command, comments: b.comments, output });
    if (mismatch === null && output.join('\n') !== b.expected.join('\n')) {
      mismatch = `after "${b.command}":\n--- expected\n${b.expected.join('\n')}\n+++ actual\n${output.join('\n')}`;
    }
  }
  return { text, rewritten: printScript(outputs), mismatch };
}

/** Run a script file; with UPDATE_SCRIPTS=1 rewrite it from what ran. */
export async function runScriptFile(file: string): Promise<string | null> {
  const result = await runScript(readFileSync(file, 'utf8'));
  if (process.env['UPDATE_SCRIPTS'] === '1') {
    if (result.rewritten !== result.text) writeFileSync(file, result.rewritten);
    return null;
  }
  return result.mismatch;
}
