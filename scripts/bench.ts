/**
 * `npm run bench`: prints the project's performance figures, one per line.
 * Each bench module returns figures; this file only runs them and prints.
 * Speed is measured here, never asserted in tests.
 */
import { siteBench, type Figure } from './bench/site.ts';

const benches: Array<[string, () => Promise<Figure[]>]> = [['site', siteBench]];
const only = process.argv[2];

for (const [name, run] of benches) {
  if (only && only !== name) continue;
  console.log(`## ${name}`);
  for (const f of await run()) console.log(`${f.name.padEnd(48)} ${String(f.value).padStart(10)} ${f.unit}`);
}
