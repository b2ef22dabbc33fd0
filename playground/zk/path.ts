/**
 * Znode path validation, exactly as ZooKeeper's `PathUtils.validatePath`.
 *
 * Both the client (which throws `IllegalArgumentException` before sending) and the server
 * (which answers `BADARGUMENTS`) use these rules. Pure functions; imports nothing.
 */

/**
 * Why `path` is not a valid znode path, with the Java client's exception text, or `null`
 * when it is valid. With `isSequential`, `path + "1"` is checked instead (so `/q/` is a
 * legal prefix for a sequential create).
 */
export function pathProblem(path: string, isSequential = false): string | null {
  const p = isSequential ? path + '1' : path;
  if (p.length === 0) return 'Path length must be > 0';
  if (p.charCodeAt(0) !== 0x2f) return 'Path must start with / character';
  if (p.length === 1) return null;
  if (p.charCodeAt(p.length - 1) === 0x2f) return 'Path must not end with / character';
  let reason: string | null = null;
  let lastc = 0x2f;
  for (let i = 1; i < p.length; lastc = p.charCodeAt(i), i++) {
    const c = p.charCodeAt(i);
    if (c === 0) {
      reason = `null character not allowed @${i}`;
      break;
    } else if (c === 0x2f && lastc === 0x2f) {
      reason = `empty node name specified @${i}`;
      break;
    } else if (c === 0x2e && lastc === 0x2e) {
      if (p.charCodeAt(i - 2) === 0x2f && (i + 1 === p.length || p.charCodeAt(i + 1) === 0x2f)) {
        reason = `relative paths not allowed @${i}`;
        break;
      }
    } else if (c === 0x2e) {
      if (p.charCodeAt(i - 1) === 0x2f && (i + 1 === p.length || p.charCodeAt(i + 1) === 0x2f)) {
        reason = `relative paths not allowed @${i}`;
        break;
      }
    } else if (
      (c > 0x0000 && c <= 0x001f) ||
      (c >= 0x007f && c <= 0x009f) ||
      (c >= 0xd800 && c <= 0xf8ff) ||
      (c >= 0xfff0 && c <= 0xffff)
    ) {
      reason = `invalid character @${i}`;
      break;
    }
  }
  return reason === null ? null : `Invalid path string "${p}" caused by ${reason}`;
}

/** True when `path` passes `PathUtils.validatePath(path, isSequential)`. */
export function isValidPath(path: string, isSequential = false): boolean {
  return pathProblem(path, isSequential) === null;
}

/** Parent path of a valid non-root path: `/a/b` → `/a`, `/a` → `/`. */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Last segment of a path: `/a/b` → `b`. */
export function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Compare strings by UTF-16 code units (never locale-aware). */
export function compareUtf16(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
