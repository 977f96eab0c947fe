// A case is what the runner measures once per implementation and round: a table row (its id) or
// a sweep point (`<op>@<n>`). Runs in Node and in browsers.
import { isRowId, type OpSet, type Prepared } from './rows.js';
import { parseCase, type SweepOpSet } from './sweep.js';

/** The operation for a case: a row of `ops`, or a sweep point of `sweep`; undefined: n/a. */
export function opFor(ops: OpSet, sweep: SweepOpSet, caseId: string): (() => Prepared) | undefined {
  if (isRowId(caseId)) return ops[caseId];
  const point = parseCase(caseId);
  const make = point && sweep[point.op];
  return make && point ? () => make(point.n) : undefined;
}
