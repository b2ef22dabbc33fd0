/**
 * Setup for every unit test file (vitest.config.ts, project `unit`): durable storage in checked
 * mode, so a node that mutates a value after persisting it (or after reading it back) fails
 * its tests. See playground/sim/durable.ts for the contract.
 */
import { setDurableChecks } from '../../../playground/sim/durable.ts';

setDurableChecks(true);
