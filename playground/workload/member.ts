/**
 * The group-member workload (ZooKeeper paper, §2.4 "Group Membership"): a client joins a
 * group by creating an EPHEMERAL child of the group znode, `<group>/<client id>`, with its
 * "address" as data, and then does nothing but keep its session (the client library pings).
 * If the session expires, the ensemble deletes the child; the driven client opens a new
 * session, and the member joins again, as an application would.
 *
 * One member per name: a NODEEXISTS on create can only be our own child (a create whose
 * reply was lost to a CONNECTIONLOSS), because an expired session's child is deleted by a
 * closeSession transaction ordered before anything the new session sends.
 *
 * Imports the driven client and zk request shapes. Synchronous: callbacks, never promises.
 */

import { OPEN_ACL_UNSAFE } from '../zk/acl.ts';
import { utf8Encode } from '../zk/bytes.ts';
import { Code } from '../zk/errors.ts';
import { createModeFlag } from '../zk/stat.ts';
import type { DrivenClient } from './client-driver.ts';

export interface MemberOptions {
  /** The group znode (persistent parent). Default `/members`. */
  readonly group?: string;
  /** The data of the member's znode. Default `<client id>:2181`-style address. */
  readonly data?: string;
}

export class Member {
  readonly client: DrivenClient;
  readonly group: string;
  readonly path: string;
  readonly data: string;
  /** True while our ephemeral child exists (as far as this member knows). */
  joined = false;
  /** Times the member has joined (1 + rejoins after an expiry). */
  joins = 0;
  private started = false;

  constructor(client: DrivenClient, options: MemberOptions = {}) {
    this.client = client;
    this.group = options.group ?? '/members';
    this.path = `${this.group}/${client.id}`;
    this.data = options.data ?? `${client.id}.example:8080`;
    client.onState((s) => {
      // The session expired: its ephemeral child is gone; the driver opens a new session.
      if (s === 'CLOSED') this.joined = false;
      // Joined again on the new session's first connection.
      else if (s === 'CONNECTED' && this.started && !this.joined && client.sessions > 1) this.join();
    });
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.ensureGroup();
  }

  private retry(fn: () => void): void {
    this.client.later(300, 'member retry', fn);
  }

  /** Create the group znode (NODEEXISTS is fine), then join. */
  private ensureGroup(): void {
    this.client.submit({ op: 'create', opcode: 'create2', path: this.group, data: null, acl: OPEN_ACL_UNSAFE, flags: 0, ttl: -1 }, (err) => {
      if (err === 0 || err === Code.NODEEXISTS) this.join();
      else this.retry(() => this.ensureGroup());
    });
  }

  private join(): void {
    if (this.joined) return;
    const flags = createModeFlag('EPHEMERAL');
    this.client.submit({ op: 'create', opcode: 'create2', path: this.path, data: utf8Encode(this.data), acl: OPEN_ACL_UNSAFE, flags, ttl: -1 }, (err) => {
      if (err === 0 || err === Code.NODEEXISTS) {
        if (!this.joined) this.joins++;
        this.joined = true;
      } else if (err === Code.NONODE) this.retry(() => this.ensureGroup());
      else if (err !== Code.SESSIONEXPIRED) this.retry(() => this.join());
      // SESSIONEXPIRED: the new session's CONNECTED joins.
    });
  }
}
