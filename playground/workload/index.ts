/**
 * Workloads: synchronous client drivers for views and tests (writer, reader, watcher, the
 * herd-free lock, a group member). Imports this folder only.
 */
export { DrivenClient, type DrivenClientOptions, type ReplyHandler } from './client-driver.ts';
export { Writer, type WriterOptions } from './writer.ts';
export { Reader, type ReaderOptions } from './reader.ts';
export { Watcher, type WatcherOptions } from './watcher.ts';
export { LockClient, sequenceOf, type LockOptions } from './lock.ts';
export { Member, type MemberOptions } from './member.ts';
