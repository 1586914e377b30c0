/**
 * Text helpers for "did you mean" suggestions, shared by the rule and name format editors.
 */

/**
 * Levenshtein distance between two strings compared in lower case (Apex: `a.toLowerCase().getLevenshteinDistance(
 * b.toLowerCase())`).
 */
export function levenshtein(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    for (let j = 1; j <= t.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[t.length];
}
