/**
 * Every exercise's check (`content/exercises/<name>/check.ts`), by folder name, bundled
 * into the sandbox's run worker (its harness, faults) and its gate (the same, and the
 * judge). Imports the check modules through Vite's glob import.
 */
import type { ExerciseCheck } from '../../playground/exercises/exercise.ts';

const modules = import.meta.glob<{ default: ExerciseCheck }>('../../content/exercises/*/check.ts', { eager: true });

export const EXERCISE_CHECKS: ReadonlyMap<string, ExerciseCheck> = new Map(
  Object.entries(modules).map(([path, m]) => [path.split('/').at(-2)!, m.default]),
);
