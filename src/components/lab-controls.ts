/**
 * The controls an <EnsembleLab> can offer, by name, in the order the "More controls…" panel
 * lists them. A chapter declares the few its prose uses (`controls={['kill-leader', 'heal']}`);
 * those sit in the lab's bar, under the picture, and the rest are one click away. Pure: used
 * at build time by EnsembleLab.astro (and tested in Node).
 */

export const LAB_CONTROLS = [
  'next-election',
  'next-commit',
  'next-fault',
  'crash',
  'kill-leader',
  'freeze',
  'freeze-leader',
  'partition',
  'partition-leader',
  'heal',
  'latency',
  'link',
  'skew',
  'workloads',
  'undo',
  'hide-pings',
  'copy-link',
] as const;

export type LabControlName = (typeof LAB_CONTROLS)[number];

/** The controls that change the run (a fault or a workload): with any of them, Undo is offered too. */
const CHANGES_THE_RUN: ReadonlySet<LabControlName> = new Set(['crash', 'kill-leader', 'freeze', 'freeze-leader', 'partition', 'partition-leader', 'heal', 'latency', 'link', 'skew', 'workloads']);

export function isLabControl(name: string): name is LabControlName {
  return (LAB_CONTROLS as readonly string[]).includes(name);
}

/**
 * The bar's controls (as declared, plus Undo when any of them changes the run) and the rest,
 * in catalogue order. An unknown or repeated name is an error that lists the known ones.
 */
export function splitControls(declared: readonly string[], where: string): { bar: LabControlName[]; more: LabControlName[] } {
  const bar: LabControlName[] = [];
  for (const name of declared) {
    if (!isLabControl(name)) throw new Error(`${where}: unknown lab control "${name}"; known: ${LAB_CONTROLS.join(', ')}`);
    if (bar.includes(name)) throw new Error(`${where}: lab control "${name}" is declared twice`);
    bar.push(name);
  }
  if (bar.some((n) => CHANGES_THE_RUN.has(n)) && !bar.includes('undo')) bar.push('undo');
  return { bar, more: LAB_CONTROLS.filter((n) => !bar.includes(n)) };
}
