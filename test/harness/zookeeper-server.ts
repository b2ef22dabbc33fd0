/**
 * Starts Debian's ZooKeeper 3.8 (the `zookeeper` / `libzookeeper-java` packages) on loopback
 * for tests: a standalone server (`ZooKeeperServerMain`) or an ensemble (`QuorumPeerMain`,
 * one JVM per server, `myid` files, `server.N=127.0.0.1:quorumPort:electionPort` lines).
 * Each server gets its own temporary directory (config, data, log file) and free ports, and
 * runs with the settings of the conformance records (`/work/shared/conformance/README.md`):
 * tickTime 200, session timeouts 400..60000, extended types (TTL), container/TTL reaper every
 * 500 ms, a super-user digest, no admin server. `start` waits until the server answers the
 * `srvr` four-letter word; `stop` kills the process group by PID (the JVM and its watchdog
 * shell), and an exit hook does the same for anything a failing test left running. The
 * watchdog shell kills the JVM within a second if the Node process dies without running
 * its exit hooks.
 *
 * Node only (child_process, net, fs). Imports nothing from the project.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Jars: zookeeper.jar's manifest Class-Path names its dependencies (jute, netty, slf4j-api, ...). */
const ZOOKEEPER_JAR = '/usr/share/java/zookeeper.jar';
/** A logging binding, so the log file says something (part of libslf4j-java, a dependency). */
const SLF4J_SIMPLE = '/usr/share/java/slf4j-simple.jar';
const JAVA = process.env.JAVA ?? '/usr/bin/java';

/** The conformance records' server settings. */
export const CONFORMANCE_SETTINGS = {
  tickTime: 200,
  minSessionTimeout: 400,
  maxSessionTimeout: 60000,
  containerCheckIntervalMs: 500,
} as const;

/** `super:secret` — configured like the recording server's; no test authenticates as it. */
const SUPER_DIGEST = 'super:lK75jTNcA+U9vtVEw5vB51mj/w4=';

export interface ServerOptions {
  /** Extra JVM system properties (`-Dk=v`). */
  readonly systemProperties?: Readonly<Record<string, string>>;
  /** Extra lines for the config file. */
  readonly config?: Readonly<Record<string, string | number>>;
  /** How long to wait for the server to answer, ms (default 30 000). */
  readonly startTimeoutMs?: number;
}

/** Every process started here, so the exit hook can kill what is left. */
const live = new Set<ChildProcess>();
/** Temporary directories of clusters not stopped yet (removed by the exit hook too). */
const roots = new Set<string>();
let hookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function installExitHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  process.on('exit', () => {
    for (const c of live) killGroup(c, 'SIGKILL');
    for (const r of roots) rmSync(r, { recursive: true, force: true });
  });
}

/** A free TCP port on 127.0.0.1 (bound, read and released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Send a four-letter word and return the answer ('' if the server closes without one). */
export async function fourLetterWord(port: number, word: string, timeoutMs = 1000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = netConnect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      sock.destroy();
      reject(new Error(`${word}: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    sock.on('connect', () => sock.write(word));
    sock.on('data', (d) => chunks.push(d));
    sock.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    sock.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One ZooKeeper JVM. */
export class ZooKeeperServer {
  /** Client port on 127.0.0.1. */
  readonly clientPort: number;
  /** Server id (`myid`); 0 for a standalone server. */
  readonly id: number;
  /** This server's temporary directory (config, data, log). */
  readonly dir: string;
  private readonly mainClass: string;
  private readonly jvmArgs: string[];
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  /** Wall-clock ms of the last start (spawn → answering `srvr`) and stop. */
  lastStartMs = 0;
  lastStopMs = 0;

  constructor(id: number, clientPort: number, dir: string, mainClass: string, jvmArgs: string[]) {
    this.id = id;
    this.clientPort = clientPort;
    this.dir = dir;
    this.mainClass = mainClass;
    this.jvmArgs = jvmArgs;
  }

  /** `127.0.0.1:port`. */
  get address(): string {
    return `127.0.0.1:${this.clientPort}`;
  }

  get logFile(): string {
    return join(this.dir, 'zookeeper.log');
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Spawn the JVM (no waiting). */
  spawn(): void {
    if (this.child !== undefined) throw new Error(`server ${this.id} is already running`);
    installExitHook();
    const log = openSync(this.logFile, 'a');
    const cp = existsSync(SLF4J_SIMPLE) ? `${ZOOKEEPER_JAR}:${SLF4J_SIMPLE}` : ZOOKEEPER_JAR;
    const java = [JAVA, ...this.jvmArgs, '-cp', cp, this.mainClass, join(this.dir, 'zoo.cfg')].map(shellQuote).join(' ');
    // The shell is the process-group leader; it runs the JVM and kills it if Node goes away.
    const script = `${java} & J=$!; while kill -0 ${process.pid} 2>/dev/null && kill -0 $J 2>/dev/null; do sleep 1; done; kill -9 $J 2>/dev/null; wait $J`;
    const child = spawn('/bin/sh', ['-c', script], { detached: true, stdio: ['ignore', log, log] });
    closeSync(log);
    this.child = child;
    live.add(child);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('exit', () => {
      live.delete(child);
      if (this.child === child) this.child = undefined;
    });
  }

  /** Wait until `srvr` says the server is serving (standalone, leader or follower). */
  async waitServing(timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.child === undefined) throw new Error(`server ${this.id} exited; log:\n${this.tail()}`);
      try {
        const answer = await fourLetterWord(this.clientPort, 'srvr');
        const mode = /Mode: (\w+)/.exec(answer);
        if (mode !== null) return mode[1]!;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`server ${this.id} did not start within ${timeoutMs} ms; log:\n${this.tail()}`);
      await sleep(50);
    }
  }

  /** Spawn and wait until serving. */
  async start(timeoutMs?: number): Promise<void> {
    const t0 = Date.now();
    this.spawn();
    await this.waitServing(timeoutMs);
    this.lastStartMs = Date.now() - t0;
  }

  /** Kill the process group (SIGKILL: a crash, as far as the ensemble can tell) and wait. */
  async stop(): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    const t0 = Date.now();
    killGroup(child, 'SIGKILL');
    await this.exited;
    this.lastStopMs = Date.now() - t0;
  }

  /** `standalone`, `leader`, `follower`, or null while not serving (from `srvr`). */
  async mode(): Promise<string | null> {
    try {
      return /Mode: (\w+)/.exec(await fourLetterWord(this.clientPort, 'srvr'))?.[1] ?? null;
    } catch {
      return null;
    }
  }

  /** Freeze the JVM (SIGSTOP): it keeps its sockets but answers nothing. */
  pause(): void {
    if (this.child !== undefined) killGroup(this.child, 'SIGSTOP');
  }

  /** Undo `pause` (SIGCONT). */
  resume(): void {
    if (this.child !== undefined) killGroup(this.child, 'SIGCONT');
  }

  /** The last lines of the log file (for error messages). */
  tail(lines = 40): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function jvmArgs(options: ServerOptions): string[] {
  const props: Record<string, string> = {
    'zookeeper.extendedTypesEnabled': 'true',
    'znode.container.checkIntervalMs': String(CONFORMANCE_SETTINGS.containerCheckIntervalMs),
    'zookeeper.DigestAuthenticationProvider.superDigest': SUPER_DIGEST,
    'zookeeper.admin.enableServer': 'false',
    // durability is irrelevant for throwaway servers; semantics are unchanged
    'zookeeper.forceSync': 'no',
    'zookeeper.preAllocSize': '1024',
    'zookeeper.jmx.log4j.disable': 'true',
    'org.slf4j.simpleLogger.defaultLogLevel': 'info',
    'org.slf4j.simpleLogger.showDateTime': 'true',
    ...options.systemProperties,
  };
  return [
    '-Xmx256m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    '-Xshare:auto',
    '-Djava.net.preferIPv4Stack=true',
    ...Object.entries(props).map(([k, v]) => `-D${k}=${v}`),
  ];
}

function configText(entries: Record<string, string | number>): string {
  return Object.entries(entries)
    .map(([k, v]) => `${k}=${v}`)
    .join('\n') + '\n';
}

/** A standalone server or an ensemble, with the connect string for clients. */
export class ZooKeeperCluster {
  readonly servers: readonly ZooKeeperServer[];
  readonly root: string;

  constructor(root: string, servers: ZooKeeperServer[]) {
    this.root = root;
    this.servers = servers;
    installExitHook();
    roots.add(root);
  }

  /** `127.0.0.1:p1,127.0.0.1:p2,...`; `indices` picks servers (default all, in order). */
  connectString(indices?: readonly number[]): string {
    const pick = indices ?? this.servers.map((_, i) => i);
    return pick.map((i) => this.servers[i]!.address).join(',');
  }

  /** Stop every server and delete the temporary directory. Safe to call twice. */
  async stop(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.stop()));
    rmSync(this.root, { recursive: true, force: true });
    roots.delete(this.root);
  }
}

function commonConfig(dataDir: string, clientPort: number, options: ServerOptions): Record<string, string | number> {
  return {
    tickTime: CONFORMANCE_SETTINGS.tickTime,
    minSessionTimeout: CONFORMANCE_SETTINGS.minSessionTimeout,
    maxSessionTimeout: CONFORMANCE_SETTINGS.maxSessionTimeout,
    dataDir,
    clientPort,
    clientPortAddress: '127.0.0.1',
    'admin.enableServer': 'false',
    '4lw.commands.whitelist': 'srvr,ruok,stat,mntr,cons,wchs',
    maxClientCnxns: 0,
    ...options.config,
  };
}

/** Start one standalone server (`ZooKeeperServerMain`) and wait until it serves. */
export async function startStandalone(options: ServerOptions = {}): Promise<ZooKeeperCluster> {
  const root = mkdtempSync(join(tmpdir(), 'ensemble-zk-'));
  const port = await freePort();
  const dataDir = join(root, 'data');
  mkdirSync(dataDir);
  writeFileSync(join(root, 'zoo.cfg'), configText(commonConfig(dataDir, port, options)));
  const server = new ZooKeeperServer(0, port, root, 'org.apache.zookeeper.server.ZooKeeperServerMain', jvmArgs(options));
  const cluster = new ZooKeeperCluster(root, [server]);
  try {
    await server.start(options.startTimeoutMs);
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return cluster;
}

/** Start an ensemble of `size` servers (`QuorumPeerMain`, ids 1..size) and wait until all serve. */
export async function startEnsemble(size = 3, options: ServerOptions = {}): Promise<ZooKeeperCluster> {
  const root = mkdtempSync(join(tmpdir(), 'ensemble-zk-'));
  const ports: { client: number; quorum: number; election: number }[] = [];
  const taken = new Set<number>();
  const fresh = async (): Promise<number> => {
    for (;;) {
      const p = await freePort();
      if (!taken.has(p)) {
        taken.add(p);
        return p;
      }
    }
  };
  for (let i = 0; i < size; i++) ports.push({ client: await fresh(), quorum: await fresh(), election: await fresh() });
  const serverLines: Record<string, string> = {};
  ports.forEach((p, i) => {
    serverLines[`server.${i + 1}`] = `127.0.0.1:${p.quorum}:${p.election}`;
  });
  const servers = ports.map((p, i) => {
    const id = i + 1;
    const dir = join(root, `server${id}`);
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(join(dataDir, 'myid'), `${id}\n`);
    const cfg = { ...commonConfig(dataDir, p.client, options), initLimit: 10, syncLimit: 5, ...serverLines };
    writeFileSync(join(dir, 'zoo.cfg'), configText(cfg));
    return new ZooKeeperServer(id, p.client, dir, 'org.apache.zookeeper.server.quorum.QuorumPeerMain', jvmArgs(options));
  });
  const cluster = new ZooKeeperCluster(root, servers);
  try {
    const t0 = Date.now();
    for (const s of servers) s.spawn();
    await Promise.all(servers.map((s) => s.waitServing(options.startTimeoutMs)));
    for (const s of servers) s.lastStartMs = Date.now() - t0;
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return cluster;
}
