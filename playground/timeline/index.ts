/**
 * The timeline: a reader's run of a scenario with time travel, forks and links.
 * Imports this folder only.
 */
export { applyAction, parseAction, printAction, type ReaderAction, type ReaderInput } from './actions.ts';
export type { BuiltScenario, Scenario } from './scenario.ts';
export { SCENARIOS, SCENARIO_IDS, isScenarioId, type ScenarioId } from './scenarios/index.ts';
export { scenarioFromRunSpec } from './explorer-scenario.ts';
export { Timeline, forkInputs, type InputLog, type TimelineOptions } from './timeline.ts';
export { LINK_VERSION, decodeInputs, encodeInputs, formatLink, linkForRunSpec, parseLink, type LinkParse, type LinkState } from './link.ts';
