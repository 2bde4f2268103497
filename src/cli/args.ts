import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import yargs from 'yargs';
import { allowedHostProblem, audienceProblem } from '../catalog/audience';
import { parseScopeList, scopesProblem } from '../catalog/scopes';
import { commandLineProblem, type DeclaredFlags, positionalProblem, splitOperands } from './strict-argv';
import { endsWithSeparator } from '../runner/discover';
import { FINDING_CODES, type ScopeMode } from '../types';
import { ALL_ID, TRANSFORMS } from '../../transforms/index';
import { editDistance, unknownFlagsMessage } from './did-you-mean';

/** A command line that cannot run as given; the message says why. Exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface RunArguments {
  /** `all` or a transform id */
  transform: string;
  paths: string[];
  dry: boolean;
  check: boolean;
  json: boolean;
  audience?: string;
  scopeMode: ScopeMode;
  scopes?: string[];
  todoComments: boolean;
  ignore: string[];
  workers: number;
  /** whether --workers was given (else it is only a ceiling) */
  workersExplicit: boolean;
  force: boolean;
  /** what stdout carries: `json` also when --json was given */
  format: OutputFormat;
  /** --package names (empty: every package) */
  packages: string[];
  since?: string;
  interactive: boolean;
  /** private-cloud hosts the user allowed in `--audience` */
  allowAudienceHosts?: string[];
  /** print each changed file whole on stdout (`-p`, as jscodeshift does) */
  print: boolean;
  /** show every file, finding and package instead of the first few */
  verbose: boolean;
  /** `--color` / `--no-color`; undefined: decide by the terminal and the environment */
  color?: boolean;
  /** whether a path (or a transform taken as a path) was given; a write run without one asks first */
  pathsGiven: boolean;
}

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type ParsedCommand =
  /** --help or --version: print this on stdout */
  | { kind: 'output'; text: string }
  | { kind: 'list' }
  | { kind: 'run'; args: RunArguments };

export interface ParseContext {
  cwd: string;
  version: string;
  defaultWorkers: number;
  /** terminal width for help text */
  columns?: number;
}

const SCOPE_MODES: readonly ScopeMode[] = ['current-user', 'any-user'];

function transformIds(): string[] {
  return [ALL_ID, ...TRANSFORMS.map((t) => t.meta.id)];
}

function buildParser(context: ParseContext) {
  const ids = transformIds();
  return yargs()
    .scriptName('auth0-mgmt-codemod')
    .usage(
      [
        '$0 [transform] [paths..] [options]',
        '',
        'Moves code that calls the Auth0 Management API v2 with ID tokens onto access tokens:',
        'login configs get the Management API audience, the scopes their package needs and an',
        'access-token response type; Management API calls get the access token.',
      ].join('\n'),
    )
    .command('list', 'List the transforms with one-line descriptions')
    .command('$0 [transform] [paths..]', 'Migrate the given files and folders', (y) =>
      y
        .positional('transform', {
          type: 'string',
          describe: `${ids.join(' | ')} (default: all). May be left out: a first argument that is a path is a path.`,
        })
        .positional('paths', {
          type: 'string',
          array: true,
          describe: 'Files or folders. A write run without one asks on a terminal (a usage error elsewhere); --dry and --check default to .',
        }),
    )
    .options({
      dry: {
        type: 'boolean',
        default: false,
        alias: ['dry-run', 'd'],
        describe: 'Write nothing; print a unified diff on stdout, paths as `git diff` writes them, for `git apply`',
      },
      check: {
        type: 'boolean',
        default: false,
        describe: 'Write nothing; print the summary; exit 1 if any file would change or any finding is open (CI gate)',
      },
      json: { type: 'boolean', default: false, describe: 'Print the JSON report (version 1) on stdout; with --dry each changed file carries its patch' },
      audience: {
        type: 'string',
        describe: 'Management API audience, https://TENANT[.REGION].auth0.com/api/v2/ (needed when the app logs in through a custom domain)',
      },
      'scope-mode': {
        choices: SCOPE_MODES,
        default: 'current-user' as ScopeMode,
        describe: 'current-user: scopes limited to the signed-in user (browser apps); any-user: read:users etc. (servers only)',
      },
      scopes: { type: 'string', describe: 'Request this scope list (comma- or space-separated) instead of inferring it' },
      'todo-comments': {
        type: 'boolean',
        default: false,
        describe: 'Leave a `// TODO(auth0-mgmt-codemod): <code> …` comment above each finding',
      },
      ignore: { type: 'string', describe: 'Leave out paths matching this gitignore-style pattern (relative to this folder; repeatable)' },
      workers: { type: 'number', describe: `Threads that process files in parallel, this one included (default: CPU count, ${context.defaultWorkers})` },
      force: { type: 'boolean', default: false, describe: 'Write even when target files have uncommitted git changes' },
      format: {
        choices: OUTPUT_FORMATS,
        describe: 'What stdout carries: text (default: the diff with --dry), json (= --json), sarif (SARIF 2.1.0), markdown (a pull-request report)',
      },
      package: { type: 'string', describe: 'Only the package with this name (workspace package or package.json "name"); repeatable' },
      since: { type: 'string', describe: 'Only files changed since this git revision (merge base), plus untracked ones' },
      interactive: { type: 'boolean', default: false, describe: 'Review each hunk and write only what you accept (y/n/a/d/q, like git add -p); needs a terminal' },
      'allow-audience-host': {
        type: 'string',
        describe: 'Private cloud: accept --audience https://HOST/api/v2/ for this tenant host, which is no *.auth0.com host (repeatable)',
      },
      print: { type: 'boolean', default: false, alias: 'p', describe: 'Print each changed file whole on stdout (instead of the diff with --dry), as jscodeshift does' },
      verbose: { type: 'boolean', default: false, describe: 'List every changed file, finding and package (long lists are cut short otherwise)' },
      color: { type: 'boolean', describe: 'Colour the output even when it is not a terminal; --no-color never colours (also: FORCE_COLOR, NO_COLOR)' },
    })
    .example('$0 . --dry', 'Preview every change in this repository as a diff')
    .example('$0 --dry > migration.patch && git apply migration.patch', 'Review the patch, then apply exactly that')
    .example('$0 .', 'Migrate this repository (files with uncommitted changes are refused)')
    .example('$0 webauth-config packages/web', 'Only the login configs of one package, scopes inferred from all its files')
    .example('$0 --check', 'CI: fail while anything is left to migrate or review')
    .example('$0 --dry --json > report.json', 'Machine-readable report with every patch')
    .example('$0 --check --since origin/main --format sarif > codemod.sarif', 'CI: only what the pull request changed, for code scanning')
    .example('$0 management-token --package @acme/web', 'One transform on one workspace package')
    .example('$0 . --audience https://acme.eu.auth0.com/api/v2/', 'Apps that log in through a custom domain')
    .example('$0 list', 'What each transform does')
    .epilogue(
      [
        'Exit codes: 0 done; 1 --check found pending changes, open findings or skipped files; 2 usage error,',
        'or a file could not be parsed, transformed or written, or was skipped (all other files are still',
        'processed); 130 Ctrl-C, 143 SIGTERM.',
        `Finding codes: ${FINDING_CODES.join(', ')}.`,
        'A line (or the line above it) carrying `auth0-mgmt-codemod-ignore` is left out of the findings.',
      ].join('\n'),
    )
    .strict()
    // `--force.js` must be an unknown option, not `force: { js: true }` (which is truthy).
    .parserConfiguration({ 'dot-notation': false })
    .help()
    .alias('h', 'help')
    .version(context.version)
    .wrap(Math.min(110, context.columns ?? 100))
    .exitProcess(false)
    .fail((message: string | undefined, error: Error | undefined) => {
      throw new UsageError(message ?? error?.message ?? 'invalid command line');
    });
}

/** Parses and validates a command line; throws UsageError with a message meant for the user. */
export function parseCommandLine(argv: readonly string[], context: ParseContext): ParsedCommand {
  const parser = buildParser(context);
  try {
    return parseWith(parser, argv, context);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const flags = unknownFlagsMessage(error.message, knownFlags(parser), argv);
    throw flags === undefined ? error : new UsageError(flags);
  }
}

/** Every option name and alias the parser knows (yargs keeps them in `getOptions().key`, which its types omit). */
function knownFlags(parser: object): string[] {
  const options = (parser as { getOptions?: () => { key?: Record<string, unknown> } }).getOptions?.();
  return Object.keys(options?.key ?? {});
}

function parseWith(parser: ReturnType<typeof buildParser>, argv: readonly string[], context: ParseContext): ParsedCommand {
  let outcome: ParsedCommand | undefined;
  const { options, operands } = splitOperands(argv);
  const problem = commandLineProblem(options, declaredFlags(parser));
  if (problem !== null) throw new UsageError(problem);
  parser.parse(options, {}, (error, parsed, output) => {
    if (error) throw new UsageError(error.message);
    if (output !== '') {
      outcome = { kind: 'output', text: output.endsWith('\n') ? output : `${output}\n` };
      return;
    }
    if (parsed._[0] === 'list') {
      outcome = { kind: 'list' };
      return;
    }
    outcome = { kind: 'run', args: toRunArguments(withOperands(parsed as unknown as RawArguments, operands), context) };
  });
  if (!outcome) throw new UsageError('invalid command line');
  return outcome;
}

/** The options as yargs itself declares them, aliases included. */
function declaredFlags(parser: ReturnType<typeof buildParser>): DeclaredFlags {
  // getOptions() is public yargs API that @types/yargs leaves out.
  type Declared = { boolean: string[]; key: Record<string, boolean>; alias: Record<string, string[]> };
  const declared = (parser as unknown as { getOptions(): Declared }).getOptions();
  const withAliases = (names: readonly string[]): Set<string> => new Set(names.flatMap((name) => [name, ...(declared.alias[name] ?? [])]));
  return { booleans: withAliases(declared.boolean), all: withAliases(Object.keys(declared.key)) };
}

/** The arguments after `--` are transforms or paths, whatever they look like. */
function withOperands(raw: RawArguments, operands: readonly string[]): RawArguments {
  const positionals = [...(raw.transform !== undefined ? [raw.transform] : []), ...(raw.paths ?? []), ...operands];
  const problem = positionalProblem(positionals);
  if (problem !== null) throw new UsageError(problem);
  if (operands.length === 0) return raw;
  return { ...raw, transform: positionals[0], paths: positionals.slice(1) };
}

interface RawArguments {
  transform?: string;
  paths?: string[];
  dry: boolean;
  check: boolean;
  json: boolean;
  audience?: string;
  'scope-mode': ScopeMode;
  scopes?: string | string[];
  'todo-comments': boolean;
  ignore?: string | string[];
  workers?: number | number[] | null;
  force: boolean;
  format?: OutputFormat | OutputFormat[];
  package?: string | string[];
  since?: string | string[];
  interactive: boolean;
  'allow-audience-host'?: string | string[];
  print: boolean;
  verbose: boolean;
  color?: boolean | boolean[];
}

function single<T>(value: T | T[] | undefined, name: string): T | undefined {
  if (!Array.isArray(value)) return value;
  if (value.length > 1) throw new UsageError(`--${name} was given ${value.length} times; give it once`);
  return value[0];
}

function toRunArguments(raw: RawArguments, context: ParseContext): RunArguments {
  let transform = raw.transform ?? ALL_ID;
  let paths = [...(raw.paths ?? [])];
  if (!transformIds().includes(transform)) {
    if (existsSync(path.resolve(context.cwd, transform))) {
      // `auth0-mgmt-codemod src/` — the transform was left out and the first argument is a path.
      paths = [transform, ...paths];
      transform = ALL_ID;
    } else {
      throw new UsageError(unknownTransformMessage(transform));
    }
  }
  const pathsGiven = paths.length > 0;
  if (paths.length === 0) paths = ['.'];
  for (const p of paths) {
    const resolved = path.resolve(context.cwd, p);
    if (!existsSync(resolved)) throw new UsageError(`no such file or directory: ${p}`);
    if (endsWithSeparator(p) && !statSync(resolved).isDirectory()) throw new UsageError(`not a directory: ${p}`);
  }

  const allowedHosts = raw['allow-audience-host'] === undefined ? [] : ([] as string[]).concat(raw['allow-audience-host']);
  for (const host of allowedHosts) {
    const problem = allowedHostProblem(host);
    if (problem !== null) throw new UsageError(problem);
  }
  const audience = single(raw.audience, 'audience');
  const audienceError = audience === undefined ? null : audienceProblem(audience, allowedHosts);
  if (audienceError !== null) throw new UsageError(audienceError);

  const scopesRaw = raw.scopes === undefined ? undefined : ([] as string[]).concat(raw.scopes);
  const scopes = scopesRaw === undefined ? undefined : parseScopeList(scopesRaw);
  if (scopes !== undefined && scopes.length === 0) throw new UsageError('--scopes needs at least one scope, e.g. --scopes read:current_user');
  const scopesError = scopes === undefined ? null : scopesProblem(scopes);
  if (scopesError !== null) throw new UsageError(scopesError);

  const workersRaw = single(raw.workers ?? undefined, 'workers');
  if (workersRaw !== undefined && (workersRaw === null || !Number.isInteger(workersRaw) || workersRaw < 1)) {
    throw new UsageError('--workers needs a whole number of at least 1');
  }

  const format = outputFormat(raw);
  const since = single(raw.since, 'since');
  if (since !== undefined && since.trim() === '') throw new UsageError('--since needs a git revision, e.g. --since origin/main');
  const packages = raw.package === undefined ? [] : ([] as string[]).concat(raw.package);
  if (packages.some((name) => name.trim() === '')) throw new UsageError('--package needs a package name, e.g. --package @acme/web');
  if (raw.interactive) {
    const clash = raw.dry ? '--dry' : raw.check ? '--check' : format !== 'text' ? `--format ${format}` : undefined;
    if (clash !== undefined) throw new UsageError(`--interactive writes what you accept; it cannot be combined with ${clash}`);
  }

  return {
    transform,
    paths,
    dry: raw.dry,
    check: raw.check,
    json: format === 'json',
    ...(audience !== undefined ? { audience } : {}),
    scopeMode: single(raw['scope-mode'], 'scope-mode') ?? 'current-user',
    ...(scopes !== undefined ? { scopes } : {}),
    todoComments: raw['todo-comments'],
    ignore: raw.ignore === undefined ? [] : ([] as string[]).concat(raw.ignore),
    workers: workersRaw ?? context.defaultWorkers,
    workersExplicit: workersRaw !== undefined,
    force: raw.force,
    format,
    packages,
    ...(since !== undefined ? { since } : {}),
    interactive: raw.interactive,
    ...(allowedHosts.length > 0 ? { allowAudienceHosts: allowedHosts } : {}),
    print: raw.print,
    verbose: raw.verbose,
    ...(raw.color !== undefined ? { color: single(raw.color, 'color') as boolean } : {}),
    pathsGiven,
  };
}

/** `--format`, with `--json` as its alias for `--format json`. */
function outputFormat(raw: RawArguments): OutputFormat {
  const given = single(raw.format, 'format');
  if (raw.json && given !== undefined && given !== 'json') throw new UsageError(`--json means --format json; it cannot be combined with --format ${given}`);
  return raw.json ? 'json' : (given ?? 'text');
}

function unknownTransformMessage(given: string): string {
  const ids = transformIds();
  const close = ids.filter((id) => editDistance(id, given) <= 3);
  const hint = close.length > 0 ? ` Did you mean ${close.join(' or ')}?` : '';
  return `unknown transform "${given}" (and no such file or directory).${hint} Transforms: ${ids.join(', ')}.`;
}
