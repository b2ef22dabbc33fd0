/**
 * The book's references to its labs, checked against the scenarios' typed tables: every
 * `<EnsembleLab scenario="…">` names a scenario (`playground/timeline/scenarios`), and every
 * moment a page names — `<MomentLink lab moment>`, `<Predict lab moment>`, a `<Tour lab>`
 * step's `moment`, an `<EnsembleLab opening>` — is a moment of the scenario of the lab of that id on the same page.
 * MDX is not type-checked (`astro check` reads `.astro` and `.ts` only), so the components'
 * props, typed by `ScenarioId` and `MomentId`, cannot catch a typo in a chapter by
 * themselves; `lab-ids.mjs` runs this at config time, so a typo fails `npm run check`
 * (whose `astro sync` loads the config) and the build, naming the file, line and the ids.
 *
 * A small scanner, not an MDX parser: it finds a component's opening tag (quotes and braces
 * balanced) and reads its `name="…"` and `name={…}` attributes. Pure: the caller reads the
 * files. Imports the scenario and moment tables.
 */
import { MOMENTS } from '../../playground/timeline/scenario-moments.ts';
import { SCENARIO_IDS, isScenarioId } from '../../playground/timeline/scenarios/index.ts';

/** One page of the book: its repository path and text. */
export interface BookPage {
  readonly path: string;
  readonly text: string;
}

/** A component's opening tag: its name, 1-based line and attributes (value text without quotes or braces). */
export interface OpeningTag {
  readonly name: string;
  readonly line: number;
  readonly attrs: ReadonlyMap<string, string>;
}

/** An `<EnsembleLab>` of a page. */
export interface LabUse {
  readonly path: string;
  readonly line: number;
  readonly lab: string;
  readonly scenario: string;
  readonly seed: number;
}

/** A moment a page names, with the lab it moves. */
export interface MomentUse {
  readonly path: string;
  readonly line: number;
  readonly component: string;
  readonly lab: string | undefined;
  readonly moment: string;
}

const CLOSE: Readonly<Record<string, string>> = { '{': '}', '[': ']', '(': ')' };

/** The index just past a quoted string or balanced bracket starting at `i`. */
function skipGroup(text: string, i: number): number {
  const open = text[i]!;
  if (open === '"' || open === "'" || open === '`') {
    let j = i + 1;
    while (j < text.length && text[j] !== open) j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  const stack = [CLOSE[open]!];
  let j = i + 1;
  while (j < text.length && stack.length > 0) {
    const c = text[j]!;
    if (c === '"' || c === "'" || c === '`') j = skipGroup(text, j);
    else {
      if (c in CLOSE) stack.push(CLOSE[c]!);
      else if (c === stack.at(-1)) stack.pop();
      j++;
    }
  }
  return j;
}

/** Every opening tag of the named components in `text`. */
export function openingTags(text: string, names: readonly string[]): OpeningTag[] {
  const tags: OpeningTag[] = [];
  for (const m of text.matchAll(new RegExp(`<(${names.join('|')})(?=[\\s/>])`, 'g'))) {
    const attrs = new Map<string, string>();
    let i = m.index + m[0].length;
    while (i < text.length && text[i] !== '>' && !(text[i] === '/' && text[i + 1] === '>')) {
      const attr = /^([A-Za-z][\w-]*)=/.exec(text.slice(i, i + 64));
      if (attr !== null && /["'{]/.test(text[i + attr[0].length] ?? '')) {
        const start = i + attr[0].length;
        const end = skipGroup(text, start);
        attrs.set(attr[1]!, text.slice(start + 1, end - 1));
        i = end;
      } else i++;
    }
    tags.push({ name: m[1]!, line: text.slice(0, m.index).split('\n').length, attrs });
  }
  return tags;
}

/** A page's labs. */
export function labUses(page: BookPage): LabUse[] {
  return openingTags(page.text, ['EnsembleLab']).map((t) => ({
    path: page.path,
    line: t.line,
    lab: t.attrs.get('id') ?? '',
    scenario: t.attrs.get('scenario') ?? '',
    seed: Number(t.attrs.get('seed') ?? '1'),
  }));
}

/**
 * The moments a page names: `<MomentLink>` and `<Predict>` with `moment`, each `<Tour>` step,
 * and an `<EnsembleLab>`'s `opening` (a moment of its own scenario).
 */
export function momentUses(page: BookPage): MomentUse[] {
  return openingTags(page.text, ['MomentLink', 'Predict', 'Tour', 'EnsembleLab']).flatMap((t): MomentUse[] => {
    if (t.name === 'EnsembleLab') {
      const opening = t.attrs.get('opening');
      return opening === undefined ? [] : [{ path: page.path, line: t.line, component: t.name, lab: t.attrs.get('id') ?? '', moment: opening }];
    }
    const lab = t.attrs.get('lab');
    if (t.name === 'Tour') {
      return [...(t.attrs.get('steps') ?? '').matchAll(/\bmoment:\s*(["'])(.*?)\1/g)].map((s) => ({ path: page.path, line: t.line, component: t.name, lab, moment: s[2]! }));
    }
    const moment = t.attrs.get('moment');
    return moment === undefined ? [] : [{ path: page.path, line: t.line, component: t.name, lab, moment }];
  });
}

/** What is wrong with the pages' lab references, one `path:line: …` sentence each. */
export function labReferenceProblems(pages: readonly BookPage[]): string[] {
  const problems: string[] = [];
  for (const page of pages) {
    const labs = labUses(page);
    for (const l of labs) {
      if (l.lab === '') problems.push(`${l.path}:${l.line}: <EnsembleLab> needs an id="…"`);
      if (!isScenarioId(l.scenario)) problems.push(`${l.path}:${l.line}: <EnsembleLab id="${l.lab}"> names scenario "${l.scenario}", which is not a scenario (known: ${SCENARIO_IDS.join(', ')})`);
    }
    for (const u of momentUses(page)) {
      const where = `${u.path}:${u.line}: <${u.component}${u.lab === undefined ? '' : ` lab="${u.lab}"`}> moment "${u.moment}"`;
      const lab = labs.find((l) => l.lab === u.lab);
      if (u.lab === undefined) problems.push(`${where}: give the lab it moves (lab="…")`);
      else if (lab === undefined) problems.push(`${where}: this page has no <EnsembleLab id="${u.lab}"> (its labs: ${labs.map((l) => l.lab).join(', ') || 'none'})`);
      else if (isScenarioId(lab.scenario)) {
        const known = (MOMENTS.get(lab.scenario) ?? []).map((m) => m.id);
        if (!known.includes(u.moment)) problems.push(`${where}: not a moment of scenario "${lab.scenario}" (its moments: ${known.join(', ') || 'none'})`);
      }
    }
  }
  return problems;
}
