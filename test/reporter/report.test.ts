import { describe, expect, it } from 'vitest';
import { EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_PENDING, exitCodeFor } from '../../src/reporter/exit-code';
import { toJsonReport } from '../../src/reporter/json';
import { ProgressLine } from '../../src/reporter/progress';
import { colorEnabled, createStyle } from '../../src/reporter/style';
import { formatDirtyRefusal, formatNextSteps, formatSummary } from '../../src/reporter/text';
import { emptySkipCounts, type FileResult, type RunReport } from '../../src/runner/types';

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
    packages: [{ path: '.', scopes: ['read:current_user'], endpoints: ['GET /api/v2/users/{id}'], versions: {}, flows: [] }],
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
    expect(json.files[1]).toMatchObject({ status: 'unchanged', findings: [{ ...finding, severity: 'warning', cause: null }], patch: null });
    expect(json.files[2]).toMatchObject({ status: 'error', error: '2:7 Unexpected token', patch: null });
  });

  it('carries no patches without --dry', () => {
    expect(toJsonReport(report([changed]), { patches: false }).files[0].patch).toBeNull();
  });
});

describe('text summary', () => {
  const plain = createStyle(false);

  it('lists changed files, errors, findings with advice, package scopes, totals and skips', () => {
    const text = formatSummary(
      report(
        [changed, file({ path: 'src/b.js', findings: [finding] }), file({ path: 'src/c.js', status: 'error', error: { message: 'Unexpected token', line: 2, column: 7 } })],
        { skipped: { ...emptySkipCounts(), dependencies: 1, minified: 2 } },
      ),
      plain,
    );
    expect(text).toContain('would change  src/a.js  webauth-config');
    expect(text).toContain(`${'error'.padEnd(12)}  src/c.js:2:7  Unexpected token`);
    expect(text).toContain('src/b.js:3:5  custom-audience  has its own API audience');
    expect(text).toMatch(/custom-audience: the app already requests a token for another API/);
    expect(text).toContain('.  read:current_user');
    expect(text).toContain('scanned 6 files · 3 candidates · 1 to change · 1 unchanged · 1 error · 1 finding');
    expect(text).toContain('findings by code: custom-audience 1');
    expect(text).toContain('skipped: 1 dependency folder, 2 minified files');
  });

  it('says which packages are left alone', () => {
    const text = formatSummary(report([file({})], { packages: [{ path: 'packages/site', scopes: [], endpoints: [], versions: {}, flows: [] }] }), plain);
    expect(text).toContain('packages/site  none (no Management API call; left alone)');
  });

  it('lists the refused files and the ways forward', () => {
    const text = formatDirtyRefusal(report([changed], { refusedDirty: ['src/a.js'] }), plain);
    expect(text).toContain('Nothing was written');
    expect(text).toContain('  src/a.js');
    expect(text).toContain('--force');
  });

  it('prints the dashboard steps with each package’s scopes, warning about any-user scopes', () => {
    const text = formatNextSteps(
      report([changed], {
        mode: 'write',
        packages: [
          { path: 'packages/web', scopes: ['read:current_user', 'update:current_user_metadata'], endpoints: [], versions: {}, flows: [] },
          { path: 'packages/admin', scopes: ['read:users'], endpoints: [], versions: {}, flows: [] },
          { path: 'packages/site', scopes: [], endpoints: [], versions: {}, flows: [] },
        ],
      }),
      plain,
    );
    expect(text).toContain('packages/web    read:current_user update:current_user_metadata');
    expect(text).toContain('packages/admin  read:users');
    expect(text).not.toContain('packages/site');
    expect(text).toContain('Any-user scopes (read:users) must never ship to a browser');
    expect(text).toContain('Allow ID Tokens for Management API v2 Authentication');
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

  it('shows a progress line on a terminal only after a second, and clears it', () => {
    const written: string[] = [];
    let now = 0;
    const line = new ProgressLine({ isTTY: true, write: (t: string) => written.push(t) }, () => now);
    line.onEvent({ type: 'progress', phase: 'scan', done: 1, total: 10 });
    expect(written).toEqual([]);
    now = 1500;
    line.onEvent({ type: 'progress', phase: 'scan', done: 5, total: 10 });
    expect(written).toEqual(['\r\u001b[2Kparsing 5/10']);
    line.clear();
    expect(written[1]).toBe('\r\u001b[2K');

    const piped: string[] = [];
    const quiet = new ProgressLine({ isTTY: false, write: (t: string) => piped.push(t) }, () => now);
    now = 5000;
    quiet.onEvent({ type: 'progress', phase: 'scan', done: 5, total: 10 });
    expect(piped).toEqual([]);
  });
});
