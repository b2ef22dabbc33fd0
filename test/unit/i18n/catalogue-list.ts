/** Every message catalogue of src/i18n, English and Chinese side by side (the tests walk this list). */
import bookEn from '../../../src/i18n/en/book.ts';
import bookZh from '../../../src/i18n/zh-cn/book.ts';
import narrationEn from '../../../src/i18n/en/narration.ts';
import narrationZh from '../../../src/i18n/zh-cn/narration.ts';
import figureEn from '../../../src/i18n/en/figure.ts';
import figureZh from '../../../src/i18n/zh-cn/figure.ts';
import checksEn from '../../../src/i18n/en/checks.ts';
import checksZh from '../../../src/i18n/zh-cn/checks.ts';
import readingEn from '../../../src/i18n/en/reading.ts';
import readingZh from '../../../src/i18n/zh-cn/reading.ts';
import playgroundEn from '../../../src/i18n/en/playground.ts';
import playgroundZh from '../../../src/i18n/zh-cn/playground.ts';
import type { Fault } from '../../../playground/sim/faults.ts';

type Catalogue = Readonly<Record<string, unknown>>;

/** A catalogue of groups (the checks': `run`, one per exercise) as one level, keys `group.key`: the ids checks say. */
const flat = (groups: Readonly<Record<string, Catalogue>>): Catalogue =>
  Object.fromEntries(Object.entries(groups).flatMap(([g, messages]) => Object.entries(messages).map(([k, m]) => [`${g}.${k}`, m])));

/** Arguments to call a message with, for messages that take more than numbers or strings. */
export type Samples = Readonly<Record<string, readonly (readonly unknown[])[]>>;

/** Every kind of fault, with marked node ids, for the narration's `fault`. */
const FAULTS: Fault[] = [
  { kind: 'crash', node: 'ARG0x' },
  { kind: 'restart', node: 'ARG0x' },
  { kind: 'freeze', node: 'ARG0x', forMs: 8000 },
  { kind: 'partition', groups: [['ARG0x', 'ARG1x'], ['ARG2x']] },
  { kind: 'heal' },
  { kind: 'break', a: 'ARG0x', b: 'ARG1x' },
  { kind: 'latency', minMs: 1, maxMs: 20 },
  { kind: 'latency', minMs: 3900, maxMs: 3900, between: ['ARG0x', 'ARG1x'] },
  { kind: 'skew', node: 'ARG0x', byMs: -30000 },
  { kind: 'skew', node: 'ARG0x', byMs: 0 },
];

export const CATALOGUES: { name: string; en: Catalogue; zh: Catalogue; samples?: Samples }[] = [
  { name: 'book', en: bookEn, zh: bookZh },
  { name: 'narration', en: narrationEn, zh: narrationZh, samples: { fault: FAULTS.map((f) => [f]) } },
  { name: 'figure', en: figureEn, zh: figureZh },
  { name: 'playground', en: playgroundEn, zh: playgroundZh },
  { name: 'checks', en: flat(checksEn), zh: flat(checksZh) },
  { name: 'reading', en: readingEn, zh: readingZh },
];
