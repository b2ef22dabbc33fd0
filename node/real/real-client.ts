/**
 * `ZooKeeperClient` over a real ZooKeeper server: the one client of `playground/client`
 * (`client.ts`: every method, its argument checks, requests and watches) over the jute
 * connection (`connection.ts`), so reader code runs unchanged on the simulation and here.
 * This file adds only what a real server's handle has besides: the connect string, the
 * session password, the server it is connected to, and a test hook that drops the
 * connection.
 *
 * Usage:
 * ```ts
 * const zk = await connect({ connectString: '127.0.0.1:2181', sessionTimeoutMs: 4000, watcher: (e) => log(e) });
 * await zk.create('/app', 'hello');
 * ```
 *
 * Node only (through `connection.ts`). Imports the one client, its types, the packet-length
 * check and this folder; never the simulation.
 */
import { ZooKeeper } from '../../playground/client/client.ts';
import type { Watcher } from '../../playground/client/api.ts';
import { checkJuteMaxBuffer } from '../../playground/client/packet-length.ts';
import { ClientCnxn, parseConnectString } from './connection.ts';

/** Options of a client for a real server. */
export interface RealClientOptions {
  /** `host:port,host:port,...` (no chroot). */
  readonly connectString: string;
  /** Requested session timeout (ms). Default 30000, as in most examples. */
  readonly sessionTimeoutMs?: number;
  /** The default watcher (connection-state events, and watches set with `watch: true`). */
  readonly watcher?: Watcher;
  /** Shuffle the server list once (default true, as the Java client). */
  readonly shuffle?: boolean;
  /** The client's `jute.maxbuffer` (bytes, default 1048575): a longer reply drops the connection, as in Java. */
  readonly juteMaxBuffer?: number;
}

/** A new handle, connecting in the background (state CONNECTING). */
export function createClient(options: RealClientOptions): RealZooKeeper {
  return new RealZooKeeper(options);
}

/** A new handle, resolved once the session is established (rejects if the handle dies first). */
export async function connect(options: RealClientOptions): Promise<RealZooKeeper> {
  const zk = new RealZooKeeper(options);
  await zk.whenConnected();
  return zk;
}

/** The one client over a real server's connection. */
export class RealZooKeeper extends ZooKeeper<ClientCnxn> {
  constructor(options: RealClientOptions) {
    const juteMaxBuffer = checkJuteMaxBuffer(options.juteMaxBuffer);
    super(
      options.watcher,
      (dispatch) =>
        new ClientCnxn({
          hosts: parseConnectString(options.connectString),
          sessionTimeoutMs: options.sessionTimeoutMs ?? 30000,
          ...(options.shuffle !== undefined ? { shuffle: options.shuffle } : {}),
          juteMaxBuffer,
          dispatch,
        }),
    );
    this.transport.start();
  }

  /** The session password (for diagnostics). */
  get sessionPasswd(): Uint8Array {
    return this.transport.sessionPasswd;
  }
  /** `host:port` of the server this handle is connected to, or null. */
  get connectedServer(): string | null {
    return this.transport.connectedServer;
  }
  /** The zxid of the last reply seen (sent as lastZxidSeen on reconnect). */
  get lastZxid(): bigint {
    return this.transport.lastZxid;
  }

  /**
   * Drop the TCP connection now without closing the session, as a network failure would, and
   * make no connection attempt for `reconnectAfterMs` (default 0: reconnect as usual).
   */
  dropConnection(reconnectAfterMs = 0): void {
    this.transport.dropConnection(reconnectAfterMs);
  }
}
