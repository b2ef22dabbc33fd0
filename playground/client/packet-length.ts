/**
 * The client's own `jute.maxbuffer`, shared by both clients: `ClientCnxnSocket` (ZooKeeper
 * 3.8.4) reads each frame's 4-byte length first and, in `readLength`, throws
 * `IOException("Packet len N is out of range!")` when `len < 0 || len > packetLen`, where
 * `packetLen` is the client's `jute.maxbuffer` (`ZKClientConfig`, default
 * `CLIENT_MAX_PACKET_LENGTH_DEFAULT` = 0xfffff). The send thread then closes the connection
 * and reconnects, and every call in flight fails with CONNECTIONLOSS (`cleanup`).
 *
 * Pure; imports nothing.
 */

/** `ZKClientConfig.CLIENT_MAX_PACKET_LENGTH_DEFAULT`: 1 048 575 bytes. */
export const CLIENT_MAX_PACKET_LENGTH_DEFAULT = 0xfffff;

/** `readLength`'s refusal for a frame of `len` bytes, or null when the client reads it. */
export function packetLenProblem(len: number, juteMaxBuffer: number): string | null {
  return len < 0 || len > juteMaxBuffer ? `Packet len ${len} is out of range!` : null;
}

/** A client option `juteMaxBuffer`, checked before anything is set up (undefined: the default). */
export function checkJuteMaxBuffer(value: number | undefined): number {
  if (value === undefined) return CLIENT_MAX_PACKET_LENGTH_DEFAULT;
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`juteMaxBuffer must be a positive integer number of bytes, got ${String(value)}`);
  return value;
}
