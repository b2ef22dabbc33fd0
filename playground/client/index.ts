/**
 * The public client API (what reader code imports): the `ZooKeeperClient` interface, the
 * simulated implementation and its `connect` / `createClient` helpers, create modes, ACL
 * constants and errors. Re-exports only.
 */
export {
  connect,
  createClient,
  decode,
  pendingCalls,
  Op,
  SimZooKeeper,
  CreateMode,
  Perms,
  OPEN_ACL_UNSAFE,
  CREATOR_ALL_ACL,
  READ_ACL_UNSAFE,
  KeeperException,
  IllegalArgumentException,
} from './zookeeper.ts';
export type {
  ZooKeeperClient,
  ClientOptions,
  Watcher,
  WatcherEvent,
  DataInput,
  AddWatchMode,
  WatcherType,
  OpResult,
  Transaction,
  ACL,
  Id,
  Stat,
  States,
  EventType,
  KeeperState,
} from './zookeeper.ts';
