/**
 * The client API over a real ZooKeeper server (Node only): `connect` / `createClient` and
 * the `RealZooKeeper` handle, which implements the same `ZooKeeperClient` interface as the
 * simulated client. Re-exports only.
 */
export { connect, createClient, RealZooKeeper } from './real-client.ts';
export type { RealClientOptions } from './real-client.ts';
export { parseConnectString } from './connection.ts';
