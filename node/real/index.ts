/**
 * The client API over a real ZooKeeper server (Node only): `connect` / `createClient` and
 * the `RealZooKeeper` handle: the one client of `playground/client` over the jute connection,
 * as `SimZooKeeper` is over the simulated client node. Re-exports only.
 */
export { connect, createClient, RealZooKeeper } from './real-client.ts';
export type { RealClientOptions } from './real-client.ts';
export { parseConnectString } from './connection.ts';
