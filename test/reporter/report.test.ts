import { describe, expect, it } from 'vitest';
import { EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_PENDING, exitCodeFor } from '../../src/reporter/exit-code';
import { toJsonReport } from '../../src/reporter/json';
import { ProgressLine } from '../../src/reporter/progress';
import { colorEnabled, createStyle } from '../../src/reporter/style';
import { formatDashboard } from '../../src/reporter/dashboard';
import { formatNextLines } from '../../src/reporter/next-steps';
import { formatDirtyRefusal, formatSummary } from '../../src/reporter/text';
import { count, wrapLine } from '../../src/reporter/layout';
import { emptySkipCounts, type FileResult, type PackageSummary, type RunReport } from '../../src/runner/types';
import type { Finding } from '../../src/types';

function file(overrides: Partial<FileResult>): FileResult {
  return {
    path: 'src/a.js',
    absolutePath: '/repo/src/a.js',
    packagePath: '.',
    status: 'unchanged',
    transforms: [],
    findings: [],
    error: null,
    before: 'a\n',
    after: 'a\n',
    written: false,
    ...overrides,
  };
}

function pkg(path: string, scopes: string[], more: Partial<PackageSummary> = {}): PackageSummary {
  return { path, scopes, endpoints: [], versions: {}, flows: [], clientIds: [], tenantHosts: [], embeddedLogin: false, ...more };
}

function report(files: FileResult[], overrides: Partial<RunReport> = {}): RunReport {
  const totals = { scanned: files.length + 3, candidates: files.length, changed: 0, unchanged: 0, errors: 0, findings: 0, notes: 0, reparsed: 0, skipped: 0 };
  for (const f of files) {
    if (f.status === 'changed') totals.changed++;
    if (f.status === 'unchanged') totals.unchanged++;
    if (f.status === 'error') totals.errors++;
    if (f.status === 'skipped') totals.skipped++;
    totals.findings += f.findings.length;
  }
  return {
    mode: 'dry',
    transform: 'all',
    totals,
    skipped: emptySkipCounts(),
    packages: [pkg('.', ['read:current_user'], { endpoints: ['GET /api/v2/users/{id}'] })],
    files,
    interrupted: false,
    refusedDirty: [],
    refusedBecause: null,
    outsideGit: [],
    elapsedMs: 1234,
    ...overrides,
  };
}

const changed = file({ status: 'changed', transforms: ['webauth-config'], after: 'b\n' });
const finding = { code: 'custom-audience' as const, transform: 'webauth-config' as const, line: 3, column: 5, message: 'has its own API audience' };

describe('exitCodeFor', () => {
  it('is 0 for a finished run, whatever changed, without --check', () => {
    expect(exitCodeFor(report([changed, file({ findings: [finding] })]), false)).toBe(EXIT_OK);
  });

  it('is 1 with --check when a file would change or a finding is open', () => {
    expect(exitCodeFor(report([changed]), true)).toBe(EXIT_PENDING);
    expect(exitCodeFor(report([file({ findings: [finding] })]), true)).toBe(EXIT_PENDING);
    expect(exitCodeFor(report([file({})]), true)).toBe(EXIT_OK);
  });

  it('is 2 when a file failed, even with --check, and when a write was refused', () => {
    const failed = file({ status: 'error', error: { message: 'Unexpected token', line: 1, column: 5 } });
    expect(exitCodeFor(report([changed, failed]), true)).toBe(EXIT_ERROR);
    expect(exitCodeFor(report([changed], { refusedDirty: ['src/a.js'] }), false)).toBe(EXIT_ERROR);
  });

  it('is 130 after Ctrl-C', () => {
    expect(exitCodeFor(report([changed], { interrupted: true }), false)).toBe(EXIT_INTERRUPTED);
  });
});

describe('toJsonReport', () => {
  it('has exactly the version 1 keys, with a patch per changed file under --dry', () => {
    const json = toJsonReport(
      report([changed, file({ path: 'src/b.js', findings: [finding] }), file({ path: 'src/c.js', status: 'error', error: { message: 'Unexpected token', line: 2, column: 7 } })]),
      { patches: true },
    );
    expect(Object.keys(json)).toEqual(['version', 'totals', 'packages', 'files', 'refusal']);
    expect(json.version).toBe(1);
    expect(Object.keys(json.totals)).toEqual(['scanned', 'candidates', 'changed', 'unchanged', 'errors', 'findings', 'notes', 'reparsed', 'skipped']);
    expect(json.packages).toEqual([{ path: '.', name: null, scopes: ['read:current_user'], endpoints: ['GET /api/v2/users/{id}'], flows: [] }]);
    expect(json.files[0]).toEqual({
      path: 'src/a.js',
      status: 'changed',
      transforms: ['webauth-config'],
      findings: [],
      patch: 'diff --git a/src/a.js b/src/a.js\n--- a/src/a.js\n+++ b/src/a.js\n@@ -1 +1 @@\n-a\n+b\n',
      error: null,
      reason: null,
    });
    expect(json.files[1]).toMatchObject({
      status: 'unchanged',
      findings: [{ ...finding, severity: 'warning', cause: null, docs: 'README.md#custom-audience' }],
      patch: null,
    });
    expect(json.files[2]).toMatchObject({ status: 'error', error: '2:7 Unexpected token', patch: null });
  });

  it('carries no patches without --dry', () => {
    expect(toJsonReport(report([changed]), { patches: false }).files[0].patch).toBeNull();
  });
});

describe('text summary', () => {
  const plain = createStyle(false);

  it('lists changed files, errors, findings grouped by code with their advice, package scopes, totals and skips', () => {
    const text = formatSummary(
      report(
        [changed, file({ path: 'src/b.js', findings: [finding] }), file({ path: 'src/c.js', status: 'error', error: { message: 'Unexpected token', line: 2, column: 7 } })],
        { skipped: { ...emptySkipCounts(), dependencies: 1, minified: 2 } },
      ),
      plain,
    );
    expect(text).toContain('would change  src/a.js  webauth-config');
    expect(text).toContain(`${'error'.padEnd(12)}  src/c.js:2:7  Unexpected token`);
    expect(text).toContain('  custom-audience (1)  README.md#custom-audience\n    src/b.js:3:5  has its own API audience\n    What to do:\n');
    expect(text).toMatch(/Keep that token for your API\. Get a second token for the Management API/);
    expect(text).toContain('.  read:current_user');
    expect(text).toContain('scanned 6 files · 3 candidates · 1 to change · 1 unchanged · 1 error · 1 finding');
    expect(text).toContain('findings by code: custom-audience 1');
    expect(text).toContain('skipped: 1 dependency folder, 2 minified files');
  });

  it('says which packages are left alone', () => {
    const text = formatSummary(report([file({})], { packages: [pkg('packages/site', [])] }), plain);
    expect(text).toContain('packages/site  none: no Management API call, left alone');
  });

  it('names a file changed only by TODO comments as such, not with an empty transforms column', () => {
    const text = formatSummary(report([file({ status: 'changed', written: true, transforms: [], after: '// TODO\na\n' })], { mode: 'write' }), plain);
    expect(text).toContain('written       src/a.js  TODO comments only');
  });

  it('gives each cause of a code its own advice, and findings without a cause the code’s', () => {
    const at = (line: number, cause?: Finding['cause']): Finding => ({
      code: 'unresolved-config',
      transform: 'webauth-config',
      line,
      column: 1,
      message: `message ${line}`,
      ...(cause ? { cause } : {}),
    });
    const text = formatSummary(report([file({ findings: [at(1, 'lock10-oidc-flag'), at(2, 'spread-options'), at(3, 'spread-options'), at(4)] })]), plain);
    expect(text).toContain('- Lock 10 without oidcConformant (1): Lock 10 accepts an audience only with oidcConformant: true.');
    expect(text).toContain('- options from a spread or computed key (2): The spread (or computed key)');
    expect(text).toContain("- other cases (1): Add audience, scope and responseType: 'token id_token' where the options are built");
    // The generic advice for spreads and other modules is not what a Lock 10 finding gets.
    expect(text.match(/What to do:/g)).toHaveLength(1);
  });

  it('shows notes apart from findings; they count in the totals but not as findings', () => {
    const note: Finding = { code: 'consent-required', transform: 'webauth-config', line: 1, column: 1, message: 'users will be asked' };
    const r = report([file({ findings: [note] })]);
    r.totals.findings = 0;
    r.totals.notes = 1;
    const text = formatSummary(r, plain);
    expect(text).not.toContain('Findings:');
    expect(text).toContain('Notes: migrated, but mind this (they never fail --check)');
    expect(text).toContain('consent-required (1)  README.md#consent-required');
    expect(text).toContain('0 findings · 1 note');
  });

  it('cuts long lists short unless verbose: files, findings per code, packages', () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      file({ path: `src/f${String(i).padStart(2, '0')}.js`, status: 'changed', transforms: ['management-token'], findings: [{ ...finding, line: i + 1 }] }),
    );
    const packages = Array.from({ length: 30 }, (_, i) => pkg(`packages/p${String(i).padStart(2, '0')}`, i % 3 === 0 ? [] : ['read:current_user']));
    const short = formatSummary(report(many, { packages }), plain);
    expect(short).toContain('src/f09.js');
    expect(short).not.toContain('src/f10.js  management-token');
    expect(short).toContain('… 15 more files would change (--verbose lists them all)');
    expect(short).toContain('custom-audience (25)');
    // Places that share a message show it once.
    expect(short).toContain('    src/f00.js:1:5  has its own API audience\n    src/f01.js:2:5  (the same message)\n');
    expect(short).toContain('… 20 more (--verbose lists every one)');
    expect(short).toMatch(/20 packages {2}read:current_user {2}packages\/p01, packages\/p02, packages\/p04, … \(17 more\)/);
    expect(short).toMatch(/10 packages {2}none: no Management API call, left alone/);
    const full = formatSummary(report(many, { packages }), plain, { verbose: true });
    expect(full).toContain('src/f24.js  management-token');
    expect(full).toContain('src/f24.js:25:5');
    expect(full).toContain('packages/p29  read:current_user');
  });

  it('wraps long lines to the width, continuing under the text they belong to', () => {
    const long = { ...finding, message: 'word '.repeat(40).trim() };
    const text = formatSummary(report([file({ findings: [long] })]), plain, { width: 60 });
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(60);
    expect(text).toContain('    src/a.js:3:5  word word');
    expect(text).toMatch(/\n {18}word word/);
    expect(wrapLine('ab ', 'c d e', undefined)).toBe('ab c d e');
    expect([0, 999, 1000, 1234567].map(count)).toEqual(['0', '999', '1,000', '1,234,567']);
    // Runs of spaces stay inside a line and go where it breaks.
    expect(wrapLine('', 'aaaa  bbbb  cccc', 11)).toBe('aaaa  bbbb\ncccc');
  });

  it('lists the refused files and the ways forward', () => {
    const text = formatDirtyRefusal(report([changed], { refusedDirty: ['src/a.js'] }), plain);
    expect(text).toContain('Nothing was written');
    expect(text).toContain('  src/a.js');
    expect(text).toContain('--force');
  });
});

describe('dashboard steps', () => {
  const plain = createStyle(false);
  const written = file({ status: 'changed', transforms: ['webauth-config'], after: 'b\n', written: true });

  it('after a complete write run: per application its client ID, tenant and settings, consent, and the toggle last', () => {
    const text = formatDashboard(
      report([written], {
        mode: 'write',
        packages: [
          pkg('packages/web', ['read:current_user', 'update:current_user_metadata'], {
            name: '@acme/web',
            clientIds: ['k5u3o2fiAA8XweXEEX604KCwCjzjtMU6'],
            tenantHosts: ['acme.auth0.com'],
            embeddedLogin: true,
          }),
          pkg('packages/admin', ['read:users']),
          pkg('packages/site', []),
        ],
      }),
      plain,
    );
    expect(text).toContain('Next steps in the Auth0 Dashboard (https://manage.auth0.com):');
    expect(text).toContain('Applications > Applications > (the application) > Settings');
    expect(text).toContain('packages/web (package @acme/web): client ID k5u3o2fiAA8XweXEEX604KCwCjzjtMU6, tenant acme.auth0.com');
    expect(text).toContain('"Allow Cross-Origin Authentication"');
    expect(text).toContain('"Allowed Web Origins"');
    expect(text).toContain('packages/admin: client ID not in the code');
    expect(text).toContain('read:users: any-user scopes must never reach a browser');
    expect(text).not.toContain('packages/site');
    expect(text).toContain('on localhost they always are');
    expect(text).toContain('Settings > Advanced (https://manage.auth0.com/#/tenant/advanced)');
    expect(text).toContain('only after every app using this tenant is deployed');
    // Cross-origin authentication is named only for the app that logs in embedded.
    expect(text.match(/Allow Cross-Origin Authentication/g)).toHaveLength(1);
  });

  it('while anything is open: "do not turn off the toggle yet", with the places, and no steps', () => {
    const failed = file({ path: 'src/c.js', status: 'error', error: { message: 'Unexpected token' } });
    const text = formatDashboard(report([written, file({ path: 'src/b.js', findings: [finding] }), failed], { mode: 'write' }), plain);
    expect(text).toContain('Do not turn off "Allow ID Tokens for Management API v2 Authentication" yet: 2 places remain:');
    expect(text).toContain('  src/b.js:3:5  custom-audience');
    expect(text).toContain('  src/c.js  error: Unexpected token');
    expect(text).not.toContain('Settings > Advanced');
  });

  it('after an interrupted run, and never for notes alone', () => {
    expect(formatDashboard(report([written], { mode: 'write', interrupted: true }), plain)).toContain('the run was interrupted');
    const note: Finding = { code: 'rs256-required', transform: 'management-token', line: 1, column: 1, message: 'RS256' };
    expect(formatDashboard(report([written, file({ path: 'src/n.js', findings: [note] })], { mode: 'write' }), plain)).toContain('Next steps in the Auth0 Dashboard');
  });

  it('with --dry or --check: "after you apply this"; nothing when no package calls the Management API', () => {
    expect(formatDashboard(report([changed]), plain)).toContain('After you apply this, in the Auth0 Dashboard');
    expect(formatDashboard(report([changed], { mode: 'check' }), plain)).toContain('After you apply this');
    expect(formatDashboard(report([file({})], { mode: 'check' }), plain)).toContain('Nothing is left to change in the code.');
    expect(formatDashboard(report([changed], { packages: [pkg('.', [])] }), plain)).toBe('');
  });
});

describe('next-step lines', () => {
  const plain = createStyle(false);
  const context = { diffPrinted: true, todoComments: false, verbose: false };

  it('dry: how to apply; write: review and gate; findings: the README and --todo-comments', () => {
    expect(formatNextLines(report([changed]), plain, context)).toContain('"git apply migration.patch"');
    expect(formatNextLines(report([changed], { mode: 'check' }), plain, context)).toContain('without --check');
    const write = formatNextLines(report([file({ status: 'changed', written: true })], { mode: 'write' }), plain, context);
    expect(write).toContain('"git diff"');
    expect(write).toContain('auth0-mgmt-codemod --check');
    const findings = formatNextLines(report([file({ findings: [finding] })]), plain, context);
    expect(findings).toContain('README.md#custom-audience');
    expect(findings).toContain('--todo-comments');
    expect(formatNextLines(report([file({})]), plain, context)).toBe('');
    expect(formatNextLines(report([changed], { interrupted: true }), plain, context)).toBe('');
  });
});

describe('colour and progress', () => {
  it('colours only a terminal, never with NO_COLOR or TERM=dumb', () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });

  it('follows --color / --no-color first, then FORCE_COLOR as Node and chalk read it', () => {
    expect(colorEnabled({ isTTY: false }, {}, true)).toBe(true);
    expect(colorEnabled({ isTTY: true }, { FORCE_COLOR: '1' }, false)).toBe(false);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '' })).toBe(true);
    expect(colorEnabled({ isTTY: true }, { FORCE_COLOR: '0' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { FORCE_COLOR: 'false' })).toBe(false);
    expect(colorEnabled({ isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
  });

  it('shows a progress line on a terminal only after a second, and clears it', () => {
    const written: string[] = [];
    let now = 0;
    const line = new ProgressLine({ isTTY: true, write: (t: string) => written.push(t) }, () => now);
    line.onEvent({ type: 'progress', phase: 'scan', done: 1, total: 10 });
    expect(written).toEqual([]);
    now = 1500;
    line.onEvent({ type: 'progress', phase: 'scan', done: 5, total: 10 });
    expect(written).toEqual(['\r\u001b[2Kparsing 5/10 candidates']);
    line.clear();
    expect(written[1]).toBe('\r\u001b[2K');

    const piped: string[] = [];
    const quiet = new ProgressLine({ isTTY: false, write: (t: string) => piped.push(t) }, () => now);
    now = 5000;
    quiet.onEvent({ type: 'progress', phase: 'scan', done: 5, total: 10 });
    expect(piped).toEqual([]);
  });
});
