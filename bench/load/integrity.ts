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
    } else if (!outcome.textMatches) {
      textMismatches += 1;
      if (errors.size < 6) errors.add(`wrong text: ${outcome.mismatch}`);
    }
    missingSeqs += outcome.missingSeqs;
    duplicateSeqs += outcome.duplicateSeqs;
  }
  return { streams: outcomes.length, failed, textMismatches, missingSeqs, duplicateSeqs, errors: [...errors] };
}

export const isIntact = (integrity: Integrity) =>
  integrity.failed + integrity.textMismatches + integrity.missingSeqs + integrity.duplicateSeqs === 0;

const garbled = (integrity: Integrity) => integrity.textMismatches + integrity.missingSeqs + integrity.duplicateSeqs;

/**
 * Every measurement of Slipstream in a run whose streams did not all arrive whole, by where it sits in the results
 * (the peers' own failures are theirs to fix: the report shows them). A capacity level past what a target sustains
 * is expected to fail streams (that is how capacity is found), but never to deliver a wrong text: there only lost,
 * repeated or garbled events count.
 */
export function integrityViolations(results: unknown, path = "", target = ""): string[] {
  if (Array.isArray(results)) {
    return results.flatMap((item, index) => integrityViolations(item, `${path}[${index}]`, target));
  }
  if (typeof results !== "object" || results === null) return [];
  const record = results as Record<string, unknown> & { integrity?: Integrity; passed?: boolean; target?: unknown };
  const subject = typeof record.target === "string" ? record.target : target;
  const broken =
    record.integrity && (record.passed === false ? garbled(record.integrity) > 0 : !isIntact(record.integrity));
  const own =
    broken && subject.startsWith("slipstream") ? [`${path} ${subject}: ${JSON.stringify(record.integrity)}`] : [];
  return own.concat(
    Object.entries(record)
      .filter(([key]) => key !== "integrity")
      .flatMap(([key, value]) => integrityViolations(value, `${path}.${key}`, subject)),
  );
}
