import * as path from 'node:path';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { FINDING_CODES, FINDING_KINDS } from '../../src/catalog/findings';
import type { ReportContext } from '../../src/reporter/context';
import { ANNOTATIONS_PER_STEP, escapeData, escapeProperty, githubAnnotations } from '../../src/reporter/github';
import { toMarkdown } from '../../src/reporter/markdown';
import { FINGERPRINT_KEY, PENDING_CHANGE_RULE, toSarifLog } from '../../src/reporter/sarif';
import { emptySkipCounts, type FileResult, type RunReport } from '../../src/runner/types';
import type { Finding } from '../../src/types';
import { sarifValidator } from '../helpers/sarif-schema';

const ROOT = path.resolve('/repo');

const context: ReportContext = {
  toolName: 'auth0-mgmt-codemod',
  toolVersion: '1.2.3',
  homepage: 'https://example.com/auth0-mgmt-codemod',
  cwd: ROOT,
  repositoryPath: (absolutePath) => path.relative(ROOT, absolutePath).split(path.sep).join('/') || '.',
};

function file(rel: string, overrides: Partial<FileResult>): FileResult {
  return {
    path: rel,
    absolutePath: path.join(ROOT, rel),
    packagePath: '.',
    status: 'unchanged',
    transforms: [],
    findings: [],
    error: null,
    before: '',
    after: '',
    written: false,
    ...overrides,
  };
}

function report(files: FileResult[], overrides: Partial<RunReport> = {}): RunReport {
  const totals = { scanned: files.length, candidates: files.length, changed: 0, unchanged: 0, errors: 0, findings: 0, notes: 0, reparsed: 0, skipped: 0 };
  for (const f of files) {
    if (f.status === 'changed') totals.changed++;
    if (f.status === 'unchanged') totals.unchanged++;
    if (f.status === 'error') totals.errors++;
    for (const finding of f.findings) {
      if (FINDING_KINDS[finding.code].severity === 'note') totals.notes++;
      else totals.findings++;
    }
  }
  return {
    mode: 'check',
    transform: 'all',
    totals,
    skipped: emptySkipCounts(),
    packages: [{ path: '.', name: 'web|app', scopes: ['read:current_user'], endpoints: ['GET /api/v2/users/{id}'], versions: {}, tenantHosts: ['acme.auth0.com'], clientIds: [], embeddedLogin: false, flows: [] }],
    files,
    interrupted: false,
    refusedDirty: [],
    refusedBecause: null,
    outsideGit: [],
    elapsedMs: 10,
    ...overrides,
  };
}

const AUTH_BEFORE = "var w = new auth0.WebAuth({\n  domain: 'acme.auth0.com',\n  responseType: 'id_token'\n});\n";
const AUTH_AFTER = "var w = new auth0.WebAuth({\n  domain: 'acme.auth0.com',\n  responseType: 'token id_token'\n});\n";

function finding(code: Finding['code'], line: number, message = `about ${code}`): Finding {
  return { code, transform: 'webauth-config', line, column: 3, message };
}

const sample = (): RunReport =>
  report([
    file('src/auth.js', { status: 'changed', transforms: ['webauth-config'], before: AUTH_BEFORE, after: AUTH_AFTER }),
    file('src/my profile.js', {
      before: 'a\nb\nc\nnew Lock(x)\n',
      after: 'a\nb\nc\nnew Lock(x)\n',
      findings: [finding('custom-domain', 4, 'custom domain: login.example.com'), finding('consent-required', 2)],
    }),
    file('src/broken.js', { status: 'error', error: { message: 'Unexpected token', line: 2, column: 7 } }),
  ]);

describe('SARIF', () => {
  const validate = sarifValidator();

  it('is valid SARIF 2.1.0 by the official schema (which does reject a broken log)', () => {
    const log = toSarifLog(sample(), context);
    expect(validate(log)).toEqual([]);
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: { level: string }[] }[] };
    broken.runs[0].results[0].level = 'fatal';
    expect(validate(broken).length).toBeGreaterThan(0);
  });

  it('has one rule per finding code from the catalog, plus pending-change, with levels and README help', () => {
    const driver = toSarifLog(sample(), context).runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'auth0-mgmt-codemod', version: '1.2.3', informationUri: 'https://example.com/auth0-mgmt-codemod' });
    const rules = driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual([...FINDING_CODES, PENDING_CHANGE_RULE]);
    for (const code of FINDING_CODES) {
      const rule = rules.find((r) => r.id === code) as Sarif.ReportingDescriptor;
      const kind = FINDING_KINDS[code];
      expect(rule.shortDescription?.text).toBe(kind.title);
      expect(rule.fullDescription?.text).toBe(kind.meaning);
      expect(rule.help?.text).toContain(kind.whatToDo);
      expect(rule.helpUri).toBe(`https://example.com/auth0-mgmt-codemod#${code}`);
      expect(rule.defaultConfiguration?.level).toBe(kind.severity === 'note' ? 'note' : 'warning');
    }
  });

  it('gives findings their rule, level, repository-relative location, and the pending change a fix', () => {
    const run = toSarifLog(sample(), context).runs[0];
    const results = run.results ?? [];
    expect(results.map((r) => [r.ruleId, r.level, r.locations?.[0].physicalLocation?.artifactLocation?.uri, r.locations?.[0].physicalLocation?.region?.startLine])).toEqual([
      [PENDING_CHANGE_RULE, 'warning', 'src/auth.js', 3],
      ['custom-domain', 'warning', 'src/my%20profile.js', 4],
      ['consent-required', 'note', 'src/my%20profile.js', 2],
    ]);
    for (const result of results) expect(run.tool.driver.rules?.[result.ruleIndex as number].id).toBe(result.ruleId);
    const replacement = results[0].fixes?.[0].artifactChanges[0].replacements[0];
    expect(replacement).toEqual({
      deletedRegion: { charOffset: AUTH_BEFORE.indexOf("  responseType: 'id_token'"), charLength: "  responseType: 'id_token'\n".length },
      insertedContent: { text: "  responseType: 'token id_token'\n" },
    });
    expect(run.invocations?.[0].executionSuccessful).toBe(false);
    expect(run.invocations?.[0].toolExecutionNotifications?.[0]).toMatchObject({ level: 'error', message: { text: '2:7 Unexpected token' } });
  });

  it('keeps fingerprints when lines move, and tells identical findings apart', () => {
    const fingerprintsOf = (before: string, lines: number[]): string[] => {
      const log = toSarifLog(report([file('src/a.js', { before, after: before, findings: lines.map((l) => finding('custom-domain', l)) })]), context);
      return (log.runs[0].results ?? []).map((r) => r.partialFingerprints?.[FINGERPRINT_KEY] as string);
    };
    const first = fingerprintsOf('x\nnew Lock(a)\nnew Lock(a)\n', [2, 3]);
    const moved = fingerprintsOf('\n\nx\nnew Lock(a)\nnew Lock(a)\n', [4, 5]);
    expect(moved).toEqual(first);
    expect(new Set(first).size).toBe(2);
    expect(fingerprintsOf('x\nnew Lock(b)\nnew Lock(a)\n', [2, 3])[0]).not.toBe(first[0]);
  });

  it('reports no pending change for a file already written', () => {
    const written = report([file('src/auth.js', { status: 'changed', written: true, before: AUTH_BEFORE, after: AUTH_AFTER })], { mode: 'write' });
    expect(toSarifLog(written, context).runs[0].results).toEqual([]);
  });
});

describe('GitHub annotations', () => {
  it('escapes data and properties as GitHub requires', () => {
    expect(escapeData('50% done\r\nnext: a,b')).toBe('50%25 done%0D%0Anext: a,b');
    expect(escapeProperty('src/a,b:c%.js')).toBe('src/a%2Cb%3Ac%25.js');
  });

  it('annotates findings, pending changes, notes and errors', () => {
    const out = githubAnnotations(sample(), context).trimEnd().split('\n');
    expect(out).toEqual([
      '::error file=src/broken.js,line=2,col=7,title=auth0-mgmt-codemod could not process this file::Unexpected token',
      `::warning file=src/my profile.js,line=4,col=3,title=custom-domain%3A ${FINDING_KINDS['custom-domain'].title}::custom domain: login.example.com%0AWhat to do: ${escapeData(FINDING_KINDS['custom-domain'].whatToDo)}`,
      "::warning file=src/auth.js,line=3,title=pending-change%3A webauth-config::The migration would change this; run auth0-mgmt-codemod and commit the result:%0A-  responseType: 'id_token'%0A+  responseType: 'token id_token'",
      `::notice file=src/my profile.js,line=2,col=3,title=consent-required%3A ${FINDING_KINDS['consent-required'].title}::about consent-required%0AWhat to do: ${escapeData(FINDING_KINDS['consent-required'].whatToDo)}`,
    ]);
  });

  it(`prints at most ${ANNOTATIONS_PER_STEP} per type: findings first, then pending changes, and a count of the rest`, () => {
    const many = report([
      file('src/auth.js', { status: 'changed', transforms: ['webauth-config'], before: AUTH_BEFORE, after: AUTH_AFTER }),
      file('src/z.js', { before: 'x\n'.repeat(20), after: 'x\n'.repeat(20), findings: Array.from({ length: 12 }, (_, i) => finding('untraceable-token', i + 1)) }),
    ]);
    const warnings = githubAnnotations(many, context)
      .trimEnd()
      .split('\n')
      .filter((l) => l.startsWith('::warning'));
    expect(warnings).toHaveLength(ANNOTATIONS_PER_STEP);
    expect(warnings.slice(0, 9).every((l) => l.includes('title=untraceable-token'))).toBe(true);
    expect(warnings[9]).toBe(
      '::warning title=auth0-mgmt-codemod%3A 4 more::4 more findings and pending changes are not annotated (GitHub shows 10 per step); the job summary lists them all.',
    );
  });
});

describe('Markdown', () => {
  it('has the verdict, the packages with endpoints, scopes and audience, files with diffs and linked findings, advice and dashboard steps', () => {
    const md = toMarkdown(sample(), { ...context, link: (p, line) => `https://github.com/acme/app/blob/abc/${encodeURI(p)}${line ? `#L${line}` : ''}` });
    expect(md).toContain('**Work left: 1 file to migrate, 1 open finding, 1 note, 1 file that could not be processed.**');
    expect(md).toContain("| `.` (web\\|app) | `GET /api/v2/users/{id}` | `read:current_user` | `https://acme.auth0.com/api/v2/` |");
    expect(md).toContain('#### [`src/auth.js`](https://github.com/acme/app/blob/abc/src/auth.js): would change by webauth-config');
    expect(md).toContain("```diff\ndiff --git a/src/auth.js b/src/auth.js\n--- a/src/auth.js\n+++ b/src/auth.js\n@@ -1,4 +1,4 @@");
    expect(md).toContain(
      '- [line 4](https://github.com/acme/app/blob/abc/src/my%20profile.js#L4), finding [`custom-domain`](https://example.com/auth0-mgmt-codemod#custom-domain): custom domain: login.example.com',
    );
    expect(md).toContain('#### [`src/broken.js`](https://github.com/acme/app/blob/abc/src/broken.js): could not be processed: 2:7 Unexpected token');
    expect(md).toContain('### What to do');
    expect(md).toContain(
      '- [`custom-domain`](https://example.com/auth0-mgmt-codemod#custom-domain), login through a custom domain: Rerun with --audience https://TENANT\\[.REGION\\].auth0.com/api/v2/',
    );
    expect(md).toContain('**Allow ID Tokens for Management API v2 Authentication**');
  });

  it('links relative to the repository root without a link base, and escapes what it quotes', () => {
    const tricky = report([
      file('src/a.js', { before: 'x\n', after: 'x\n', findings: [finding('unresolved-config', 1, 'options from `cfg` <b>*spread*</b> | here')] }),
    ]);
    const md = toMarkdown(tricky, context);
    expect(md).toContain('- [line 1](src/a.js#L1), finding');
    expect(md).toContain('options from \\`cfg\\` \\<b\\>\\*spread\\*\\</b\\> \\| here');
  });

  it('leaves diffs out past its budget and says so', () => {
    const big = 'x'.repeat(200) + '\n';
    const files = Array.from({ length: 400 }, (_, i) => file(`src/f${i}.js`, { status: 'changed', transforms: ['webauth-config'], before: big, after: `${big}y\n` }));
    const md = toMarkdown(report(files), context);
    expect(md.length).toBeLessThan(65_536);
    expect(md).toMatch(/Left out to keep this report short: \d+ more files with changes or findings and the diffs of \d+ files\./);
  });
});
