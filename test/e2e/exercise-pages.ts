/**
 * Where each exercise lives in the book: the chapters' `<Playground id=… exercise=…>` tags,
 * read from `content/chapters/*.mdx`. The e2e tests and the browser bench visit every one;
 * a unit test makes sure every exercise folder is embedded somewhere. Node only.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ExercisePage {
  /** The chapter's slug (its URL path). */
  readonly chapter: string;
  /** The playground's element id on that page. */
  readonly id: string;
  /** The exercise folder under `content/exercises/`. */
  readonly exercise: string;
}

const CHAPTERS = new URL('../../content/chapters/', import.meta.url);

export function exercisePages(): ExercisePage[] {
  const pages: ExercisePage[] = [];
  for (const file of readdirSync(CHAPTERS).filter((f) => f.endsWith('.mdx')).sort()) {
    const text = readFileSync(new URL(file, CHAPTERS), 'utf8');
    for (const m of text.matchAll(/<Playground\b([^>]*)\/>/g)) {
      const id = /\bid="([^"]+)"/.exec(m[1]!)?.[1];
      const exercise = /\bexercise="([^"]+)"/.exec(m[1]!)?.[1];
      if (id !== undefined && exercise !== undefined) pages.push({ chapter: file.slice(0, -'.mdx'.length), id, exercise });
    }
  }
  return pages;
}
