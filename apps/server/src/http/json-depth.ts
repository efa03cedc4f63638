/**
 * Measures how deeply a JSON text nests, without parsing it, so that pathological nesting is refused
 * before JSON.parse spends stack on it. Brackets inside strings do not count.
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 92 /* \ */) index += 1;
      else if (char === 34 /* " */) inString = false;
    } else if (char === 34) {
      inString = true;
    } else if (char === 123 /* { */ || char === 91 /* [ */) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (char === 125 /* } */ || char === 93 /* ] */) {
      depth -= 1;
    }
  }
  return false;
}
