/**
 * The checks yargs does not make, applied to the raw command line before yargs reads it. Each
 * closes a way a mistyped command could turn into a write nobody asked for:
 *
 * - yargs reads `--dry=1` or `--check=yes` as false, so a preview became a write run. A boolean
 *   flag takes no value but `true` or `false`; anything else is a usage error.
 * - yargs puts what follows `--` aside, so `auth0-mgmt-codemod -- web` migrated the whole
 *   repository. Here everything after `--` is a transform or path, as POSIX tools read it.
 * - An empty argument (`''`, often an unset shell variable) resolves to the current folder.
 */

export interface SplitCommandLine {
  /** what yargs reads: the arguments before `--` */
  options: string[];
  /** the arguments after `--`: transforms or paths, even when they start with `-` */
  operands: string[];
}

export function splitOperands(argv: readonly string[]): SplitCommandLine {
  const end = argv.indexOf('--');
  if (end === -1) return { options: [...argv], operands: [] };
  return { options: argv.slice(0, end), operands: argv.slice(end + 1) };
}

/** `todoComments` → `todo-comments`, the spelling yargs also accepts. */
function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** The long options a command line declares, aliases included. */
export interface DeclaredFlags {
  booleans: ReadonlySet<string>;
  all: ReadonlySet<string>;
}

/** Why the command line cannot be read as given, or null. */
export function commandLineProblem(options: readonly string[], flags: DeclaredFlags): string | null {
  const booleanFlags = flags.booleans;
  for (const argument of options) {
    // yargs would read `--no-ignore` as `ignore: false`, a value no option of another type expects.
    const negation = /^--no-([^=]+)$/.exec(argument);
    if (negation && !booleanFlags.has(kebabCase(negation[1])) && flags.all.has(kebabCase(negation[1]))) {
      return `--${negation[1]} is not a switch; ${argument} means nothing`;
    }
    const match = /^--([^=]+)=(.*)$/s.exec(argument);
    if (!match) continue;
    const [, rawName, value] = match;
    const name = kebabCase(rawName);
    const negated = name.startsWith('no-') && booleanFlags.has(name.slice(3));
    if (negated) return `--${rawName} takes no value (got "${value}"); write --${rawName} alone`;
    if (!booleanFlags.has(name)) continue;
    if (value !== 'true' && value !== 'false') {
      return `--${rawName} is a switch: give it alone, or as --${rawName}=true / --${rawName}=false (got "${value}")`;
    }
  }
  return null;
}

/** Why these transform and path arguments cannot be read, or null. */
export function positionalProblem(positionals: readonly string[]): string | null {
  return positionals.includes('') ? 'an empty argument names no path (use . for the current folder)' : null;
}
