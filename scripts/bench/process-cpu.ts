/**
 * CPU time of this process's descendants (the browser a bench launched: its browser, zygote,
 * renderer and GPU processes, whose threads run the page, its workers and the sandbox's), read
 * from Linux's /proc while something runs. A figure that contention does not inflate much,
 * unlike wall time: on a machine whose load is above its cores, what a check costs is its CPU
 * time. Chromium's processes end without leaving their time to a parent (the zygote does not
 * collect it), and the sandbox ends a realm's process after each job, so the meter samples
 * every 50 ms and keeps each process's last reading: what a process spent in its last 50 ms
 * may be missed. Linux only; elsewhere `start` returns null.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const SAMPLE_MS = 50;
let ticksPerSecond: number | undefined;

/** Each descendant of `root`'s CPU ticks (user + system, all its threads), or null off Linux. */
function readTicks(root: number): Map<number, number> | null {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return null;
  }
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const p of pids) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    // After the command (in parentheses, may hold spaces): state ppid ... utime(14) stime(15).
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parent.set(Number(p), Number(rest[1]));
    ticks.set(Number(p), Number(rest[11]) + Number(rest[12]));
  }
  const out = new Map<number, number>();
  for (const [pid, t] of ticks) {
    for (let up = parent.get(pid); up !== undefined && up > 1; up = parent.get(up)) {
      if (up === root) {
        out.set(pid, t);
        break;
      }
    }
  }
  return out;
}

/** Start metering; `stop()` gives the descendants' CPU time since, in ms. Null off Linux. */
export function startCpuMeter(root: number = process.pid): { stop(): number } | null {
  const base = readTicks(root);
  if (base === null) return null;
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const last = new Map(base);
  const sample = (): void => {
    for (const [pid, t] of readTicks(root) ?? []) last.set(pid, t);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    stop(): number {
      clearInterval(timer);
      sample();
      let spent = 0;
      for (const [pid, t] of last) spent += t - (base.get(pid) ?? 0);
      return Math.round((spent * 1000) / ticksPerSecond!);
    },
  };
}
