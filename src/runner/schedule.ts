import { MANAGEMENT_METHODS } from '../catalog/scopes';

/**
 * Text that a file adding to its package's facts is likely to contain: Management API method
 * names and paths, clients, and Web Storage writes. Only the order of work depends on it.
 */
const FACT_HINTS: readonly RegExp[] = [
  ...Object.keys(MANAGEMENT_METHODS).map((name) => new RegExp(`\\b${name}\\b`)),
  /api\/v2\/users/,
  /\/identities\b/,
  /device-credentials/,
  /multifactor/,
  /\bManagement(Client)?\b/,
  /\bsetItem\b/,
  /\bremoveItem\b/,
  /Storage\s*\[/,
];

/** How many kinds of fact-bearing text `text` contains. */
export function factHintScore(text: string): number {
  let score = 0;
  for (const hint of FACT_HINTS) if (hint.test(text)) score++;
  return score;
}

/**
 * The files in the order to parse them: those likely to add most to their package's facts first,
 * otherwise as given. Each file is transformed with the facts of the files parsed before it and
 * parsed again only if the final facts differ in what it read (see fact-reads.ts), so the sooner
 * the facts are complete, the fewer files are parsed twice.
 */
export function orderForFacts<T>(items: readonly T[], textOf: (item: T) => string): T[] {
  const scores = new Map<T, number>(items.map((item) => [item, factHintScore(textOf(item))]));
  return [...items].sort((a, b) => (scores.get(b) as number) - (scores.get(a) as number));
}
