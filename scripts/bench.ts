/**
 * `npm run bench [name...]`: prints the project's performance figures, one per line.
 * Every `scripts/bench/<name>.ts` that exports `bench(): Promise<Figure[]>` is a bench
 * module; this file only finds, runs and prints them (all, or the names given).
 * Speed is measured here, never asserted in tests.
 */
import { readdirSync } from 'node:fs';
import type { Figure } from './bench/figure.ts';

const wanted = process.argv.slice(2);
const names = readdirSync(new URL('./bench/', import.meta.url))
  .filter((f) => f.endsWith('.ts') && f !== 'figure.ts')
  .map((f) => f.slice(0, -3))
  .filter((n) => wanted.length === 0 || wanted.includes(n))
  .sort();

for (const name of names) {
  const mod = (await import(`./bench/${name}.ts`)) as { bench?: () => Promise<Figure[]> };
  if (!mod.bench) continue;
  console.log(`## ${name}`);
  for (const f of await mod.bench()) console.log(`${f.name.padEnd(52)} ${String(f.value).padStart(12)} ${f.unit}`);
}
