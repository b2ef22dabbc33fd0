/**
 * The fault-schedule format moved to the kernel (`playground/sim/fault-schedule.ts`, with the
 * fault language of `playground/sim/faults.ts`). This name stays for the page's sandbox
 * (`src/sandbox`), which imports the validator and the type from here.
 */
export { applyFaultSchedule, parseFaultSchedule, validateFaultSchedule, type FaultEvent, type FaultSchedule } from '../sim/fault-schedule.ts';
