/**
 * What a transaction log and a snapshot take on disk in ZooKeeper 3.8's formats, in bytes:
 * the figures `LearnerHandler.syncFollower` compares when it decides whether a follower may be
 * brought up to date from the log on disk (`ZKDatabase.calculateTxnLogSizeLimit`: the newest
 * snapshot's size × `snapshotSizeFactor`, against `FileTxnIterator.getStorageSize`).
 *
 * Sizes follow jute's encoding (int 4, long 8, boolean 1, string and buffer 4 + bytes,
 * vector 4 + elements) of the records 3.8 writes:
 * - a log file: a 16-byte `FileHeader`, then per txn `crc` (8), the entry as a buffer (4 +
 *   `TxnHeader` 32 + the txn record + `TxnDigest` 12) and the end-of-record byte; the file
 *   grows in `preAllocSize` steps (`FilePadding.calculateFileSizeWithPadding`);
 * - a snapshot (`FileSnap.serialize`): `FileHeader`, the sessions, the ACL cache, every node
 *   (path, data, ACL reference, `StatPersisted` 68), the "/" end marker, the zxid digest
 *   and the checksum.
 * The figures are close, not exact (the config znode's text, the ACL cache's order); the decisions
 * they feed are made with margins of whole preallocated files. Pure; imports zk types only.
 */
import type { ACL } from '../zk/acl.ts';
import { utf8Length } from '../zk/bytes.ts';
import type { DatabaseSnapshot } from '../zk/zk-database.ts';
import type { LoggedTxn, Txn } from '../zk/txn.ts';

const FILE_HEADER = 16;
const TXN_HEADER = 32;
const TXN_DIGEST = 12;
const STAT_PERSISTED = 68;

const str = (s: string): number => 4 + utf8Length(s);
const buf = (b: Uint8Array | null): number => 4 + (b === null ? 0 : b.length);
const acls = (list: readonly ACL[]): number => 4 + list.reduce((n, a) => n + 4 + str(a.id.scheme) + str(a.id.id), 0);

/** The jute size of a txn record (`CreateTxn`, `SetDataTxn`, ..., `MultiTxn`). */
export function txnRecordBytes(txn: Txn): number {
  switch (txn.type) {
    case 'create':
      if (txn.opcode === 'createContainer') return str(txn.path) + buf(txn.data) + acls(txn.acl) + 4;
      if (txn.opcode === 'createTTL') return str(txn.path) + buf(txn.data) + acls(txn.acl) + 4 + 8;
      return str(txn.path) + buf(txn.data) + acls(txn.acl) + 1 + 4;
    case 'delete':
      return str(txn.path);
    case 'setData':
      return str(txn.path) + buf(txn.data) + 4;
    case 'setACL':
      return str(txn.path) + acls(txn.acl) + 4;
    case 'check':
      return str(txn.path) + 4;
    case 'createSession':
    case 'error':
      return 4;
    case 'closeSession':
      return 4 + txn.paths2Delete.reduce((n, p) => n + str(p), 0);
    case 'multi':
      return 4 + txn.txns.reduce((n, t) => n + 4 + 4 + txnRecordBytes(t), 0);
  }
}

/** One logged txn in a log file: crc, the entry as a buffer, the end-of-record byte. */
export function logRecordBytes(entry: LoggedTxn): number {
  return 8 + 4 + TXN_HEADER + txnRecordBytes(entry.txn) + TXN_DIGEST + 1;
}

/**
 * A log file's length: the header, then each record, the file padded ahead of the writes in
 * `preAllocSize` steps whenever a write comes within 4 KiB of its end (0: no padding).
 */
export function logFileBytes(entries: readonly LoggedTxn[], preAllocSize: number): number {
  let size = FILE_HEADER;
  let position = FILE_HEADER;
  for (const e of entries) {
    if (preAllocSize > 0 && position + 4096 >= size) {
      if (position > size) size = position + preAllocSize - ((position + preAllocSize) % preAllocSize);
      else size += preAllocSize;
    }
    position += logRecordBytes(e);
  }
  return Math.max(size, position);
}

/** A snapshot file's length. */
export function snapshotBytes(db: DatabaseSnapshot): number {
  const aclLists = new Map<string, readonly ACL[]>();
  let nodes = 0;
  for (const n of db.tree.nodes) {
    aclLists.set(JSON.stringify(n.acl), n.acl);
    nodes += str(n.path === '/' ? '' : n.path) + buf(n.data) + 8 + STAT_PERSISTED;
  }
  let aclCache = 4;
  for (const list of aclLists.values()) aclCache += 8 + acls(list);
  const sessions = 4 + db.sessions.length * 12;
  return FILE_HEADER + sessions + aclCache + nodes + str('/') + 20 + 8 + str('/');
}
