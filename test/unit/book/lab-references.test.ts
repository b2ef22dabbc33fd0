/**
 * The book's lab references (src/book/lab-references.ts) and the ids they are typed by:
 * planted pages with a wrong scenario, a moment of another scenario, a moment of a lab that
 * is not on the page, a Tour step's typo and a Predict without its lab are each refused with
 * a message naming the file, line and id, and so is a lab's opening moment that is not one of
 * its scenario's; and a snippet that gives a component's props a
 * wrong scenario or moment id does not type-check (ScenarioId, MomentId), while the right
 * ids do.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { typeCheckModules } from '../../../node/reader-types/type-check.ts';
import { labReferenceProblems, openingTags } from '../../../src/book/lab-references.ts';

const page = (...lines: string[]) => ({ path: 'content/chapters/planted.mdx', text: lines.join('\n') });

describe('lab references', () => {
  it('reads opening tags with quotes, braces and > inside them', () => {
    const [tag] = openingTags('<Predict id="p" question="a > b?" choices={[{ text: "x => y", why: \'}\' }]} lab="l" moment="m">', ['Predict']);
    expect(tag?.attrs.get('lab')).toBe('l');
    expect(tag?.attrs.get('moment')).toBe('m');
    expect(tag?.attrs.get('question')).toBe('a > b?');
  });

  it('lets a right page pass', () => {
    expect(labReferenceProblems([page('<EnsembleLab id="s" scenario="sessions" seed={1} />', '<MomentLink lab="s" moment="c1-expired">x</MomentLink>')])).toEqual([]);
  });

  it('refuses an unknown scenario, naming it and the known ones', () => {
    const problems = labReferenceProblems([page('text', '<EnsembleLab id="f" scenario="failurez" seed={1} />')]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^content\/chapters\/planted\.mdx:2: <EnsembleLab id="f"> names scenario "failurez", which is not a scenario \(known: intro, basic, zab,/);
  });

  it('refuses a moment of another scenario, of a lab not on the page, a Tour typo and a moment without its lab', () => {
    expect(labReferenceProblems([page(
      '<EnsembleLab id="s" scenario="sessions" />',
      '<MomentLink lab="s" moment="first-leader">x</MomentLink>',
      '<MomentLink lab="zab-lab" moment="first-leader">x</MomentLink>',
      '<Tour lab="s" steps={[{ moment: \'member-joined\', target: \'x\', text: \'a\' }, { moment: "sever-crash", target: \'y\', text: \'b\' }]} />',
      '<Predict id="p" question="q" choices={[]} moment="server-crash" />',
    )])).toEqual([
      'content/chapters/planted.mdx:2: <MomentLink lab="s"> moment "first-leader": not a moment of scenario "sessions" (its moments: serving, member-joined, server-crash, c1-expired, c1-rejoins, heal-after-1s, heal-after-3s)',
      'content/chapters/planted.mdx:3: <MomentLink lab="zab-lab"> moment "first-leader": this page has no <EnsembleLab id="zab-lab"> (its labs: s)',
      'content/chapters/planted.mdx:4: <Tour lab="s"> moment "sever-crash": not a moment of scenario "sessions" (its moments: serving, member-joined, server-crash, c1-expired, c1-rejoins, heal-after-1s, heal-after-3s)',
      'content/chapters/planted.mdx:5: <Predict> moment "server-crash": give the lab it moves (lab="…")',
    ]);
  });
});

describe("a lab's opening moment", () => {
  it('passes a moment of its own scenario, and refuses one of another scenario or a typo', () => {
    expect(labReferenceProblems([page('<EnsembleLab id="s" scenario="sessions" opening="serving" speed={1000} />')])).toEqual([]);
    expect(labReferenceProblems([page(
      '<EnsembleLab id="s" scenario="sessions" opening="first-leader" />',
      '<EnsembleLab id="i" scenario="intro" opening="servign" />',
    )])).toEqual([
      'content/chapters/planted.mdx:1: <EnsembleLab lab="s"> moment "first-leader": not a moment of scenario "sessions" (its moments: serving, member-joined, server-crash, c1-expired, c1-rejoins, heal-after-1s, heal-after-3s)',
      'content/chapters/planted.mdx:2: <EnsembleLab lab="i"> moment "servign": not a moment of scenario "intro" (its moments: serving, write-in-flight, write-proposed, write-committed, watch-fired)',
    ]);
  });
});

describe('scenario and moment ids are types', () => {
  // One compile of the scenarios and what they import: seconds, not milliseconds.
  it('a wrong id does not type-check; the right ones do', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    const snippet = [
      "import type { ScenarioId } from '../../../playground/timeline/scenarios/index.ts';",
      "import type { MomentId } from '../../../playground/timeline/scenario-moments.ts';",
      "export const good: ScenarioId = 'failures';",
      "export const goodMoment: MomentId = 'server-crash';",
      "export const goodOfSessions: MomentId<'sessions'> = 'c1-expired';",
      "export const badScenario: ScenarioId = 'failurez';",
      "export const badMoment: MomentId = 'sever-crash';",
      "export const otherScenarios: MomentId<'zab'> = 'c1-expired';",
    ].join('\n');
    const errors = typeCheckModules(new Map([['snippet.ts', snippet]]), dir).map((e) => `${e.program}:${e.line}: ${e.message}`);
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/^snippet\.ts:6: Type '"failurez"' is not assignable to type /);
    expect(errors[1]).toMatch(/^snippet\.ts:7: Type '"sever-crash"' is not assignable to type /);
    expect(errors[2]).toMatch(/^snippet\.ts:8: Type '"c1-expired"' is not assignable to type /);
  }, 60_000);
});
