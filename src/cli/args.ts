import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import yargs from 'yargs';
import { parseScopeList } from '../catalog/scopes';
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
  /** print each changed file whole on stdout (`-p`, as jscodeshift does) */
  print: boolean;
  /** show every file, finding and package instead of the first few */
  verbose: boolean;
  /** `--color` / `--no-color`; undefined: decide by the terminal and the environment */
  color?: boolean;
  /** whether a path (or a transform taken as a path) was given; a write run without one asks first */
  pathsGiven: boolean;
}

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

/** The Management API audience is the tenant host's `/api/v2/`, trailing slash included. */
const MANAGEMENT_AUDIENCE = /^https:\/\/[^/\s]+\/api\/v2\/$/;

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
        describe: 'Write nothing; print a unified diff on stdout that `git apply` accepts from this folder',
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
    .example('$0 . --audience https://acme.eu.auth0.com/api/v2/', 'Apps that log in through a custom domain')
    .example('$0 list', 'What each transform does')
    .epilogue(
      [
        'Exit codes: 0 done; 1 --check found pending changes or open findings; 2 usage error, or a file',
        'could not be parsed, transformed or written (all other files are still processed); 130 Ctrl-C.',
        `Finding codes: ${FINDING_CODES.join(', ')}.`,
        'A line (or the line above it) carrying `auth0-mgmt-codemod-ignore` is left out of the findings.',
      ].join('\n'),
    )
    .strict()
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
  parser.parse([...argv], {}, (error, parsed, output) => {
    if (error) throw new UsageError(error.message);
    if (output !== '') {
      outcome = { kind: 'output', text: output.endsWith('\n') ? output : `${output}\n` };
      return;
    }
    if (parsed._[0] === 'list') {
      outcome = { kind: 'list' };
      return;
    }
    outcome = { kind: 'run', args: toRunArguments(parsed as unknown as RawArguments, context) };
  });
  if (!outcome) throw new UsageError('invalid command line');
  return outcome;
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

  const audience = single(raw.audience, 'audience');
  if (audience !== undefined) validateAudience(audience);

  const scopesRaw = raw.scopes === undefined ? undefined : ([] as string[]).concat(raw.scopes);
  const scopes = scopesRaw === undefined ? undefined : parseScopeList(scopesRaw);
  if (scopes !== undefined && scopes.length === 0) throw new UsageError('--scopes needs at least one scope, e.g. --scopes read:current_user');

  const workersRaw = single(raw.workers ?? undefined, 'workers');
  if (workersRaw !== undefined && (workersRaw === null || !Number.isInteger(workersRaw) || workersRaw < 1)) {
    throw new UsageError('--workers needs a whole number of at least 1');
  }

  return {
    transform,
    paths,
    dry: raw.dry,
    check: raw.check,
    json: raw.json,
    ...(audience !== undefined ? { audience } : {}),
    scopeMode: single(raw['scope-mode'], 'scope-mode') ?? 'current-user',
    ...(scopes !== undefined ? { scopes } : {}),
    todoComments: raw['todo-comments'],
    ignore: raw.ignore === undefined ? [] : ([] as string[]).concat(raw.ignore),
    workers: workersRaw ?? context.defaultWorkers,
    workersExplicit: workersRaw !== undefined,
    force: raw.force,
    print: raw.print,
    verbose: raw.verbose,
    ...(raw.color !== undefined ? { color: single(raw.color, 'color') as boolean } : {}),
    pathsGiven,
  };
}

function validateAudience(audience: string): void {
  if (MANAGEMENT_AUDIENCE.test(audience)) return;
  if (MANAGEMENT_AUDIENCE.test(`${audience}/`)) {
    throw new UsageError(`--audience ${audience} lacks the trailing slash, which is part of the identifier: use ${audience}/`);
  }
  throw new UsageError(
    `--audience must be the Management API identifier of the tenant, https://TENANT[.REGION].auth0.com/api/v2/ (got ${audience})`,
  );
}

function unknownTransformMessage(given: string): string {
  const ids = transformIds();
  const close = ids.filter((id) => editDistance(id, given) <= 3);
  const hint = close.length > 0 ? ` Did you mean ${close.join(' or ')}?` : '';
  return `unknown transform "${given}" (and no such file or directory).${hint} Transforms: ${ids.join(', ')}.`;
}
