/** Suggestions for what was mistyped on the command line, as git and yargs' own commands offer. */

/** Levenshtein distance: insertions, deletions and substitutions of one character each. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let k = 1; k <= b.length; k++) {
      const above = row[k];
      row[k] = Math.min(row[k] + 1, row[k - 1] + 1, diagonal + (a[i - 1] === b[k - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The known names closest to `given`, nearest first; none when nothing is close. */
export function closestNames(given: string, known: readonly string[], maxDistance = 3): string[] {
  const scored = known
    .map((name) => ({ name, distance: editDistance(name, given) }))
    .filter(({ distance }) => distance <= Math.min(maxDistance, Math.max(1, Math.floor(given.length / 2))))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name));
  return scored.map(({ name }) => name);
}

const UNKNOWN = /^Unknown arguments?: (.*)$/s;

/**
 * yargs' "Unknown arguments: dry-rn, dryRn" made helpful: each unknown flag once, as it was
 * typed, with the closest known flag. `flags` are the known long and short option names;
 * `argv` tells a mistyped flag (`--dry-rn`) from a word that was not expected (`list extra`).
 */
export function unknownFlagsMessage(message: string, flags: readonly string[], argv: readonly string[]): string | undefined {
  const match = UNKNOWN.exec(message);
  if (!match) return undefined;
  const names = match[1].split(', ');
  // yargs also lists the camelCase twin of every dashed name (dry-rn → dryRn).
  const camel = (name: string): string => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const typed = names.filter((name) => !names.some((other) => other !== name && other.includes('-') && camel(other) === name));
  const longFlags = flags.filter((f) => f.length > 1);
  const givenAsFlag = (name: string): boolean =>
    argv.some((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`) || arg === `--no-${name}` || (name.length === 1 && /^-[^-]/.test(arg) && arg.includes(name)));
  const parts = typed.map((name) => {
    if (!givenAsFlag(name)) return `unexpected argument "${name}"`;
    const shown = name.length === 1 ? `-${name}` : `--${name}`;
    const [best] = name.length > 1 ? closestNames(name, longFlags) : [];
    return best === undefined ? `unknown option ${shown}` : `unknown option ${shown} (did you mean --${best}?)`;
  });
  return parts.join('; ');
}
