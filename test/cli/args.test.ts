import { afterAll, describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError, type ParsedCommand } from '../../src/cli/args';
import { makeTempDir, removeTempDirs, writeTree } from './helpers';

afterAll(removeTempDirs);

const cwd = makeTempDir();
writeTree(cwd, { 'src/a.js': '', 'packages/web/a.js': '' });

function parse(...argv: string[]): ParsedCommand {
  return parseCommandLine(argv, { cwd, version: '9.9.9', defaultWorkers: 4 });
}

function runArgs(...argv: string[]) {
  const parsed = parse(...argv);
  if (parsed.kind !== 'run') throw new Error(`expected a run, got ${parsed.kind}`);
  return parsed.args;
}

describe('parseCommandLine', () => {
  it('defaults to every transform on the current folder, writing', () => {
    expect(runArgs()).toEqual({
      transform: 'all',
      paths: ['.'],
      dry: false,
      check: false,
      json: false,
      scopeMode: 'current-user',
      todoComments: false,
      ignore: [],
      workers: 4,
      workersExplicit: false,
      force: false,
      format: 'text',
      packages: [],
      interactive: false,
      print: false,
      verbose: false,
      pathsGiven: false,
    });
  });

  it('reads a transform, paths and every option', () => {
    expect(
      runArgs(
        'webauth-config',
        'packages/web',
        'src',
        '--dry',
        '--check',
        '--json',
        '--audience',
        'https://acme.eu.auth0.com/api/v2/',
        '--scope-mode',
        'any-user',
        '--scopes',
        'read:users,update:users',
        '--todo-comments',
        '--ignore',
        '*.spec.js',
        '--ignore',
        'legacy/',
        '--workers',
        '3',
        '--force',
        '--package',
        '@acme/web',
        '--package',
        'site',
        '--since',
        'origin/main',
        '--print',
        '--verbose',
        '--no-color',
      ),
    ).toEqual({
      transform: 'webauth-config',
      paths: ['packages/web', 'src'],
      dry: true,
      check: true,
      json: true,
      audience: 'https://acme.eu.auth0.com/api/v2/',
      scopeMode: 'any-user',
      scopes: ['read:users', 'update:users'],
      todoComments: true,
      ignore: ['*.spec.js', 'legacy/'],
      workers: 3,
      workersExplicit: true,
      force: true,
      format: 'json',
      packages: ['@acme/web', 'site'],
      since: 'origin/main',
      interactive: false,
      print: true,
      verbose: true,
      color: false,
      pathsGiven: true,
    });
  });

  it('takes --json as --format json, and --format as given', () => {
    expect(runArgs('--format', 'json')).toMatchObject({ format: 'json', json: true });
    expect(runArgs('--json', '--format', 'json')).toMatchObject({ format: 'json', json: true });
    expect(runArgs('--format', 'sarif', '--check')).toMatchObject({ format: 'sarif', json: false, check: true });
    expect(runArgs('--format', 'markdown')).toMatchObject({ format: 'markdown', json: false });
    expect(runArgs('--interactive')).toMatchObject({ interactive: true, format: 'text' });
  });

  it('takes a first argument that is a path, not a transform, as a path', () => {
    expect(runArgs('src', '--dry')).toMatchObject({ transform: 'all', paths: ['src'] });
  });

  it('does not let a repeated --ignore swallow the paths after it', () => {
    expect(runArgs('--ignore', 'a/', 'src')).toMatchObject({ transform: 'all', paths: ['src'], ignore: ['a/'] });
  });

  it('reads what follows -- as transforms and paths, and --switch=true/false as the switch', () => {
    expect(runArgs('--', 'src')).toMatchObject({ transform: 'all', paths: ['src'] });
    expect(runArgs('webauth-config', '--', 'src', 'packages/web')).toMatchObject({ transform: 'webauth-config', paths: ['src', 'packages/web'] });
    expect(runArgs('--dry=true', '--check=false')).toMatchObject({ dry: true, check: false });
  });

  it('accepts a private-cloud audience host only when it is allowed', () => {
    expect(runArgs('--allow-audience-host', 'auth.example.com', '--audience', 'https://auth.example.com/api/v2/')).toMatchObject({
      audience: 'https://auth.example.com/api/v2/',
      allowAudienceHosts: ['auth.example.com'],
    });
  });

  it('lists, prints help with examples, and the version', () => {
    expect(parse('list')).toEqual({ kind: 'list' });
    const help = parse('--help');
    expect(help.kind).toBe('output');
    if (help.kind === 'output') {
      expect(help.text).toContain('Examples:');
      expect(help.text).toContain('--todo-comments');
      expect(help.text).toContain('Exit codes');
    }
    expect(parse('--version')).toEqual({ kind: 'output', text: '9.9.9\n' });
  });

  it.each([
    [['webauth-confg'], /unknown transform "webauth-confg".*Did you mean webauth-config\?/],
    [['all', 'no-such-dir'], /no such file or directory: no-such-dir/],
    [['--bogus'], /unknown option --bogus$/],
    [['--dry-rn'], /unknown option --dry-rn \(did you mean --dry-run\?\)/],
    [['--todo-coments', '--audiance=x'], /unknown option --todo-coments \(did you mean --todo-comments\?\); unknown option --audiance \(did you mean --audience\?\)/],
    [['--scope-mode', 'everyone'], /Invalid values/],
    [['--workers', '0'], /--workers needs a whole number/],
    [['--workers', 'many'], /--workers needs a whole number/],
    [['--audience', 'https://acme.auth0.com/api/v2'], /lacks the trailing slash.*use https:\/\/acme\.auth0\.com\/api\/v2\//],
    [['--audience', 'https://my-api.example.com'], /Management API identifier/],
    [['--scopes', ','], /--scopes needs at least one scope/],
    [['list', 'extra'], /unexpected argument "extra"/],
    [['--format', 'xml'], /Invalid values/],
    [['--json', '--format', 'sarif'], /--json means --format json/],
    [['--format', 'sarif', '--format', 'json'], /--format was given 2 times/],
    [['--since', ''], /--since needs a git revision/],
    [['--package', ''], /--package needs a package name/],
    [['--interactive', '--dry'], /cannot be combined with --dry/],
    [['--interactive', '--check'], /cannot be combined with --check/],
    [['--interactive', '--format', 'markdown'], /cannot be combined with --format markdown/],
    [['--dry=1'], /--dry is a switch/],
    [['--todoComments=yes'], /--todoComments is a switch/],
    [['--no-check=false'], /--no-check takes no value/],
    [['--no-ignore'], /--ignore is not a switch/],
    [['--force.js'], /unknown option --force\.js/],
    [[''], /empty argument/],
    [['--', ''], /empty argument/],
    [['--audience', 'https://ACME.auth0.com/api/v2/'], /lower case, https:\/\/acme\.auth0\.com\/api\/v2\//],
    [['--audience', 'https://acme.auth0.com/api/v2/?x'], /Management API identifier/],
    [['--audience', 'https://acme.example.com/api/v2/'], /not an Auth0 tenant host.*--allow-audience-host/],
    [['--allow-audience-host', 'Auth.Example.com', '--audience', 'https://Auth.Example.com/api/v2/'], /lower-case host name/],
    [['--scopes', 'read:current_user,"x"'], /is not a scope/],
  ])('rejects %j', (argv, message) => {
    expect(() => parse(...argv)).toThrow(UsageError);
    expect(() => parse(...argv)).toThrow(message);
  });
});

describe('flags people type from other tools', () => {
  it('takes --dry-run and -d for --dry, -p for --print, and --color / --no-color', () => {
    expect(runArgs('--dry-run').dry).toBe(true);
    expect(runArgs('-d', '-p')).toMatchObject({ dry: true, print: true });
    expect(runArgs('--color').color).toBe(true);
    expect(runArgs('--no-color').color).toBe(false);
    expect(runArgs().color).toBeUndefined();
  });

  it('says whether a path was given', () => {
    expect(runArgs('src').pathsGiven).toBe(true);
    expect(runArgs('webauth-config').pathsGiven).toBe(false);
  });
});
