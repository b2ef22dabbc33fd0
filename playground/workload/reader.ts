/**
 * The reader workload: one client that reads a znode every `periodMs` (getData), closed
 * loop, optionally `sync` first so the read is not stale (ZooKeeper's reads are served by
 * the client's own server, which may lag the leader; `sync` makes that server catch up
 * with the leader before the read that follows). It keeps the last value it read, so a
 * test or a figure can compare it with what the leader holds.
 *
 * Imports the driven client and zk bytes. Synchronous: callbacks, never promises.
 */

import { utf8Decode } from '../zk/bytes.ts';
import type { DrivenClient } from './client-driver.ts';

export interface ReaderOptions {
  readonly path: string;
  readonly periodMs?: number;
  /** sync(path) before every read. */
  readonly sync?: boolean;
}

export class Reader {
  readonly client: DrivenClient;
  readonly options: Required<ReaderOptions>;
  reads = 0;
  failed = 0;
  /** The data of the last successful read (null: no data, or not read yet). */
  lastValue: string | null = null;
  private started = false;

  constructor(client: DrivenClient, options: ReaderOptions) {
    this.client = client;
    this.options = { periodMs: 300, sync: false, ...options };
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.client.later(0, 'read', () => this.read());
  }

  private read(): void {
    const { path } = this.options;
    const get = (): void =>
      this.client.submit({ op: 'getData', path, watch: false }, (err, body) => {
        if (err === 0 && body?.op === 'getData') {
          this.reads++;
          this.lastValue = body.data === null ? null : utf8Decode(body.data);
        } else this.failed++;
        this.client.later(this.options.periodMs, 'read', () => this.read());
      });
    if (!this.options.sync) return get();
    this.client.submit({ op: 'sync', path }, (err) => {
      if (err === 0) get();
      else {
        this.failed++;
        this.client.later(this.options.periodMs, 'read', () => this.read());
      }
    });
  }
}
