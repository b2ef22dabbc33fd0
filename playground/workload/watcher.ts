/**
 * The watcher workload: the configuration-watcher pattern. A client reads a znode with a
 * watch (getData, watch = true); when the server fires the one-time NodeDataChanged, the
 * client reads again with a new watch, and so on: it re-arms on every event, so it never
 * misses the *latest* value, although it may skip intermediate ones (a watch is a one-time
 * trigger; changes between the event and the re-read are folded into that read). If the
 * znode does not exist yet it sets an exists watch and waits for NodeCreated.
 *
 * Imports the driven client and zk bytes. Synchronous: callbacks, never promises.
 */

import { utf8Decode } from '../zk/bytes.ts';
import { Code } from '../zk/errors.ts';
import type { DrivenClient } from './client-driver.ts';

export interface WatcherOptions {
  readonly path: string;
}

export class Watcher {
  readonly client: DrivenClient;
  readonly path: string;
  /** Watch events received for the path. */
  events = 0;
  /** Every value read, in order (what the application saw). */
  readonly seen: string[] = [];
  private started = false;

  constructor(client: DrivenClient, options: WatcherOptions) {
    this.client = client;
    this.path = options.path;
    client.onEvent((e) => {
      if (e.path !== this.path) return;
      this.events++;
      if (e.type === 'NodeDataChanged' || e.type === 'NodeCreated') this.read();
      else if (e.type === 'NodeDeleted') this.exists();
    });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.client.later(0, 'watch', () => this.read());
  }

  private read(): void {
    const path = this.path;
    this.client.submit(
      { op: 'getData', path, watch: true },
      (err, body) => {
        if (err === 0 && body?.op === 'getData') this.seen.push(body.data === null ? '' : utf8Decode(body.data));
        else if (err === Code.NONODE) this.exists();
        else this.client.later(200, 'watch retry', () => this.read());
      },
      { kind: 'data', path, watcher: 0 },
    );
  }

  private exists(): void {
    const path = this.path;
    this.client.submit(
      { op: 'exists', path, watch: true },
      (err) => {
        // Created between our getData and this exists: read it now (no event will come).
        if (err === 0) this.read();
        else if (err !== Code.NONODE) this.client.later(200, 'watch retry', () => this.exists());
      },
      { kind: 'exist', path, watcher: 0 },
    );
  }
}
