/**
 * `whenConnected` for both transports: callers waiting for a handle to reach CONNECTED, and
 * what a state change does to them (CONNECTED resolves them; CLOSED and AUTH_FAILED reject
 * them with SESSIONEXPIRED and AUTHFAILED, as a call on a dead handle fails). Used by the
 * simulated transport (`zookeeper.ts`) and the jute connection (`node/real/connection.ts`).
 * Pure; imports the error type and the transport's `States`.
 */
import { KeeperException } from '../zk/errors.ts';
import type { States } from './transport.ts';

export class ConnectedWaiters {
  private readonly waiters: { resolve: () => void; reject: (e: unknown) => void }[] = [];

  /** Resolves when CONNECTED (at once if `state` is); rejects if the handle is or becomes dead first. */
  wait(state: States): Promise<void> {
    if (state === 'CONNECTED') return Promise.resolve();
    if (state === 'CLOSED') return Promise.reject(new KeeperException('SESSIONEXPIRED'));
    if (state === 'AUTH_FAILED') return Promise.reject(new KeeperException('AUTHFAILED'));
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** The handle is now in `state`: settle the waiters if that ends their wait. */
  settle(state: States): void {
    if (state !== 'CONNECTED' && state !== 'CLOSED' && state !== 'AUTH_FAILED') return;
    for (const w of this.waiters.splice(0)) {
      if (state === 'CONNECTED') w.resolve();
      else w.reject(new KeeperException(state === 'CLOSED' ? 'SESSIONEXPIRED' : 'AUTHFAILED'));
    }
  }
}
