import type { StreamOutcome } from "./stream-record.ts";

/** Whether every stream arrived whole: no error, exactly the expected text, no sequence number skipped or repeated. */
export type Integrity = {
  streams: number;
  failed: number;
  textMismatches: number;
  missingSeqs: number;
  duplicateSeqs: number;
  /** A few distinct errors, to say why streams failed. */
  errors: string[];
};

export function integrityOf(outcomes: StreamOutcome[]): Integrity {
  const errors = new Set<string>();
  let failed = 0;
  let textMismatches = 0;
  let missingSeqs = 0;
  let duplicateSeqs = 0;
  for (const outcome of outcomes) {
    if (outcome.error) {
      failed += 1;
      if (errors.size < 3) errors.add(outcome.error.slice(0, 200));
    } else if (!outcome.textMatches) textMismatches += 1;
    missingSeqs += outcome.missingSeqs;
    duplicateSeqs += outcome.duplicateSeqs;
  }
  return { streams: outcomes.length, failed, textMismatches, missingSeqs, duplicateSeqs, errors: [...errors] };
}

export const isIntact = (integrity: Integrity) =>
  integrity.failed + integrity.textMismatches + integrity.missingSeqs + integrity.duplicateSeqs === 0;
