/**
 * The protocol events views read, as one typed union: Zab's and the quorum peer's
 * (playground/zab/events.ts), the server's (playground/zk/events.ts) and the client's
 * (playground/client/events.ts). A view narrows on `type` and reads typed fields, never
 * string keys. Types only, and one cast.
 */
import type { ClientEvent } from '../../playground/client/events.ts';
import type { PeerEvent, ZabEvent } from '../../playground/zab/events.ts';
import type { ServerEvent } from '../../playground/zk/events.ts';

export type Traced = ZabEvent | PeerEvent | ServerEvent | ClientEvent;

/** A trace's protocol event as the contracts type it (test/unit/zab/typed-trace.test.ts holds every run to them). */
export function traced(event: { readonly type: string }): Traced {
  return event as Traced;
}
