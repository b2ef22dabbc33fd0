/**
 * The herd-free lock recipe (ZooKeeper Recipes, "Locks"), as a synchronous driver.
 *
 * To acquire: create `<lock>/<client>-lock-` EPHEMERAL_SEQUENTIAL, list the lock's children;
 * if ours has the lowest sequence number we hold the lock; otherwise set an exists watch on
 * the child just below ours (not on the lock node: only one waiter wakes when a holder
 * leaves, so there is no herd) and, when it is deleted, list again. The client's id in the
 * name lets it find its own child after a CONNECTIONLOSS. A holder keeps the lock `holdMs`,
 * deletes its child, waits `thinkMs` and queues again. When its session expires (its child
 * and watch are gone with it), it forgets everything in flight for the old session and
 * queues again in the new one: `generation` tells old callbacks from current ones, so one
 * client never has two children queued.
 *
 * Imports the driven client and zk request shapes. Synchronous: callbacks, never promises.
 */

import { OPEN_ACL_UNSAFE } from '../zk/acl.ts';
import { utf8Encode } from '../zk/bytes.ts';
import { Code } from '../zk/errors.ts';
import { createModeFlag } from '../zk/stat.ts';
import type { DrivenClient } from './client-driver.ts';

export interface LockOptions {
  /** The lock znode (parent of the contenders' children). Default `/lock`. */
  readonly path?: string;
  readonly holdMs?: number;
  readonly thinkMs?: number;
}

/** The sequence number ZooKeeper appended (the last 10 digits). */
export function sequenceOf(name: string): number {
  return Number(name.slice(-10));
}

export class LockClient {
  readonly client: DrivenClient;
  readonly path: string;
  readonly holdMs: number;
  readonly thinkMs: number;
  /** Times the lock was acquired. */
  acquired = 0;
  holding = false;
  /** Our child's name under the lock node, once created. */
  mine: string | null = null;
  /** The child we watch (our predecessor), if waiting. */
  watching: string | null = null;
  private started = false;
  /** Bumped when a session ends: callbacks and timers from before it do nothing. */
  private generation = 0;

  constructor(client: DrivenClient, options: LockOptions = {}) {
    this.client = client;
    this.path = options.path ?? '/lock';
    this.holdMs = options.holdMs ?? 600;
    this.thinkMs = options.thinkMs ?? 300;
    client.onEvent((e) => {
      if (this.watching !== null && e.path === `${this.path}/${this.watching}` && e.type === 'NodeDeleted') {
        this.watching = null;
        this.check();
      }
    });
    client.onState((s) => {
      // A new session: our ephemeral child and our watch went with the old one. Whatever we
      // were doing (waiting on a watch that will never fire, holding, releasing), queue again.
      if (s === 'CLOSED') {
        this.generation++;
        this.mine = null;
        this.holding = false;
        this.watching = null;
        if (this.started) this.later(this.thinkMs, 'lock', () => this.acquire());
      }
    });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.ensureLockNode();
  }

  /** Create the lock node (NODEEXISTS is fine), then queue for the lock. */
  private ensureLockNode(): void {
    this.client.submit(
      { op: 'create', opcode: 'create2', path: this.path, data: null, acl: OPEN_ACL_UNSAFE, flags: 0, ttl: -1 },
      this.current((err) => {
        if (err === 0 || err === Code.NODEEXISTS) this.acquire();
        else this.retry(() => this.ensureLockNode());
      }),
    );
  }

  private retry(fn: () => void): void {
    this.later(200, 'lock retry', fn);
  }

  /** A timer that does nothing if the session it was set in has ended. */
  private later(ms: number, label: string, fn: () => void): void {
    const g = this.generation;
    this.client.later(ms, label, () => g === this.generation && fn());
  }

  /** `callback`, unless the session it was sent in has ended by the time it runs. */
  private current<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
    const g = this.generation;
    return (...args) => {
      if (g === this.generation) callback(...args);
    };
  }

  private acquire(): void {
    const flags = createModeFlag('EPHEMERAL_SEQUENTIAL');
    this.client.submit(
      { op: 'create', opcode: 'create2', path: `${this.path}/${this.client.id}-lock-`, data: utf8Encode(this.client.id), acl: OPEN_ACL_UNSAFE, flags, ttl: -1 },
      this.current((err, body) => {
        if (err === 0 && body?.op === 'create') {
          this.mine = body.path.slice(this.path.length + 1);
          this.check();
        } else if (err === Code.CONNECTIONLOSS) this.retry(() => this.check());
        else if (err === Code.NONODE) this.retry(() => this.ensureLockNode());
        else this.retry(() => this.acquire());
      }),
    );
  }

  private check(): void {
    this.client.submit({ op: 'getChildren', path: this.path, watch: false }, this.current((err, body) => {
      if (err !== 0 || body?.op !== 'getChildren') return this.retry(() => this.check());
      const prefix = `${this.client.id}-lock-`;
      const children = [...body.children].sort((a, b) => sequenceOf(a) - sequenceOf(b));
      // After a CONNECTIONLOSS on create we may not know our name: find it by our prefix.
      if (this.mine === null || !children.includes(this.mine)) this.mine = children.find((c) => c.startsWith(prefix)) ?? null;
      if (this.mine === null) return this.acquire();
      const i = children.indexOf(this.mine);
      if (i === 0) return this.hold();
      const predecessor = children[i - 1]!;
      this.watching = predecessor;
      const path = `${this.path}/${predecessor}`;
      this.client.submit(
        { op: 'exists', path, watch: true },
        this.current((err2) => {
          if (err2 === Code.NONODE) {
            // Gone before our watch was set: no event will come, look again.
            this.watching = null;
            this.check();
          } else if (err2 !== 0) {
            this.watching = null;
            this.retry(() => this.check());
          }
        }),
        { kind: 'exist', path, watcher: 0 },
      );
    }));
  }

  private hold(): void {
    this.holding = true;
    this.acquired++;
    this.later(this.holdMs, 'unlock', () => this.release());
  }

  private release(): void {
    const mine = this.mine;
    if (mine === null) return;
    // Released from the moment the delete is sent: the next holder may be told before our reply.
    this.holding = false;
    this.client.submit(
      { op: 'delete', path: `${this.path}/${mine}`, version: -1 },
      this.current((err) => {
        if (err === Code.CONNECTIONLOSS) return this.retry(() => this.release());
        this.mine = null;
        this.later(this.thinkMs, 'lock', () => this.acquire());
      }),
    );
  }
}
