/**
 * A playground as a link: the page hash that carries a reader's code, seed and fault
 * schedule, so someone else sees the same code and, when they press Run, the same run.
 *
 *   #pg=<playground id>&v=1&seed=<n>&code=<base64url of deflate-raw(UTF-8 code)>[&faults=<base64url of JSON>]
 *
 * Parsing never throws: a malformed or oversized link gives `{ ok: false, error }` in plain
 * words, and the caller leaves the reader's saved code alone. A link's code is data: the
 * page shows it and runs it only when the reader presses Run.
 *
 * Uses CompressionStream (browsers, Node 18+); imports the fault-schedule validator.
 */
import { validateFaultSchedule } from '../../playground/zab/fault-schedule.ts';
import type { FaultSchedule } from '../../playground/zab/fault-schedule.ts';

export const PLAYGROUND_LINK_VERSION = 1;
/** Longest hash accepted (characters). */
export const MAX_LINK_CHARS = 32_000;
/** Longest program a link may carry (characters, decompressed). */
export const MAX_CODE_CHARS = 50_000;

export interface PlaygroundLink {
  readonly id: string;
  readonly code: string;
  readonly seed: number;
  readonly faults: FaultSchedule;
}

export type LinkParse = { readonly ok: true; readonly link: PlaygroundLink } | { readonly ok: false; readonly error: string } | { readonly ok: 'none' };

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('it contains characters that base64url does not use');
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit: number): Promise<Uint8Array> {
  const input = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  const reader = input.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new Error(`it is longer than ${limit} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The hash (with `#`) for a playground's code, seed and faults. */
export async function formatPlaygroundLink(link: PlaygroundLink): Promise<string> {
  const code = toBase64Url(await pipe(new TextEncoder().encode(link.code), new CompressionStream('deflate-raw'), Infinity));
  const params = [`pg=${link.id}`, `v=${PLAYGROUND_LINK_VERSION}`, `seed=${link.seed}`, `code=${code}`];
  if (link.faults.events.length > 0) params.push(`faults=${toBase64Url(new TextEncoder().encode(JSON.stringify(link.faults)))}`);
  return `#${params.join('&')}`;
}

/** Read a hash. `ok: 'none'` when it is not a playground link at all. */
export async function parsePlaygroundLink(hash: string): Promise<LinkParse> {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!text.startsWith('pg=')) return { ok: 'none' };
  if (text.length > MAX_LINK_CHARS) return { ok: false, error: `This link is too long (${text.length} characters; at most ${MAX_LINK_CHARS}). Its code was not loaded.` };
  const params = new Map<string, string>();
  for (const part of text.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return { ok: false, error: `This link is malformed (a part without a value: "${part.slice(0, 40)}"). Its code was not loaded.` };
    params.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const id = params.get('pg') ?? '';
  if (!ID.test(id)) return { ok: false, error: 'This link names no playground. Its code was not loaded.' };
  if (params.get('v') !== String(PLAYGROUND_LINK_VERSION)) return { ok: false, error: `This link has format version ${params.get('v') ?? '(none)'}; this page reads version ${PLAYGROUND_LINK_VERSION}. Its code was not loaded.` };
  const seedText = params.get('seed') ?? '';
  if (!/^\d{1,9}$/.test(seedText)) return { ok: false, error: `This link's seed "${seedText.slice(0, 20)}" is not a number. Its code was not loaded.` };
  let code: string;
  try {
    const bytes = await pipe(fromBase64Url(params.get('code') ?? ''), new DecompressionStream('deflate-raw'), MAX_CODE_CHARS * 4);
    code = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    return { ok: false, error: `This link's code cannot be read (${(err as Error).message}). Its code was not loaded; your saved code is untouched.` };
  }
  if (code.length > MAX_CODE_CHARS) return { ok: false, error: `This link's code is too long (${code.length} characters; at most ${MAX_CODE_CHARS}). It was not loaded.` };
  let faults: FaultSchedule = { version: 1, events: [] };
  const faultsText = params.get('faults');
  if (faultsText !== undefined) {
    try {
      faults = validateFaultSchedule(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(fromBase64Url(faultsText))));
    } catch (err) {
      return { ok: false, error: `This link's fault schedule is not valid (${(err as Error).message.split('\n')[0]}). Its code was not loaded.` };
    }
  }
  return { ok: true, link: { id, code, seed: Number(seedText), faults } };
}
