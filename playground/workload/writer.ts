/**
 * The writer workload: one client that changes the tree every `periodMs` of virtual time,
 * closed loop (the next write waits for the previous reply). `set` mode keeps setting one
 * znode's data (`/config` style: "v1", "v2", ...); `create` mode adds a persistent
 * sequential child under a parent each time (it grows the tree, for benchmarks and for
 * watching NodeChildrenChanged). A failed write (CONNECTIONLOSS while the ensemble elects,
 * SESSIONEXPIRED) is simply retried at the next period.
 *
 * Imports the driven client and zk request shapes. Synchronous: callbacks, never promises.
 */

import { OPEN_ACL_UNSAFE } from '../zk/acl.ts';
import { utf8Encode } from '../zk/bytes.ts';
import { Code } from '../zk/errors.ts';
import { createModeFlag } from '../zk/stat.ts';
import type { DrivenClient } from './client-driver.ts';

export interface WriterOptions {
  /** `set`: the znode whose data changes. `create`: the parent of the new children. */
  readonly path: string;
  readonly periodMs?: number;
  readonly mode?: 'set' | 'create';
  /** Stop after this many successful writes (default: never). */
  readonly limit?: number;
}

export class Writer {
  readonly client: DrivenClient;
  readonly options: Required<Omit<WriterOptions, 'limit'>> & { limit: number };
  /** Successful writes so far. */
  written = 0;
  failed = 0;
  private started = false;

  constructor(client: DrivenClient, options: WriterOptions) {
    this.client = client;
    this.options = { periodMs: 400, mode: 'set', limit: Number.POSITIVE_INFINITY, ...options };
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.ensure();
  }

  /** Make sure the znode (or parent) exists; NODEEXISTS is fine: someone made it first. */
  private ensure(): void {
    this.client.submit(
      { op: 'create', opcode: 'create2', path: this.options.path, data: utf8Encode('v0'), acl: OPEN_ACL_UNSAFE, flags: 0, ttl: -1 },
      (err) => {
        if (err === 0 || err === Code.NODEEXISTS) this.next(0);
        else this.client.later(this.options.periodMs, 'create', () => this.ensure());
      },
    );
  }

  private next(afterMs: number): void {
    if (this.written >= this.options.limit) return;
    this.client.later(afterMs, 'write', () => this.write());
  }

  private write(): void {
    const { path, mode } = this.options;
    const n = this.written + 1;
    const done = (err: number): void => {
      if (err === 0) this.written++;
      else this.failed++;
      this.next(this.options.periodMs);
    };
    if (mode === 'set') {
      this.client.submit({ op: 'setData', path, data: utf8Encode(`v${n}`), version: -1 }, (err) => {
        if (err !== Code.NONODE) return done(err);
        this.failed++;
        this.ensure();
      });
    } else {
      const flags = createModeFlag('PERSISTENT_SEQUENTIAL');
      const data = utf8Encode(`${this.client.id}#${n}`);
      this.client.submit({ op: 'create', opcode: 'create2', path: `${path}/n-`, data, acl: OPEN_ACL_UNSAFE, flags, ttl: -1 }, (err) => {
        if (err !== Code.NONODE) return done(err);
        this.failed++;
        this.ensure();
      });
    }
  }
}
