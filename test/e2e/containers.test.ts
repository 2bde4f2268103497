import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractScriptBlocks } from '../../src/runner/containers';
import { git, makeRepo, readTree, removeTempDirs } from '../cli/helpers';
import { cli, ensureBuilt, expectHunksAtFileLines, FIXTURES, gitApply, jsonReport, lineOf, modifiedFiles, parseHunks, read } from './helpers';

/**
 * Vue, Svelte and HTML files through the built CLI: only the JavaScript inside their `<script>`
 * elements changes, and every line number the user sees (diff hunks, findings) is a line of the
 * container file. The inputs and expected outputs are in __testfixtures__/containers-e2e/.
 */

const DIR = path.join(FIXTURES, 'containers-e2e');

interface ContainerCase {
  fixture: string;
  /** where the file lives in the test repository */
  path: string;
  hunks: string[];
  findings: { code: string; line: number; column: number; text: string }[];
}

const CASES: ContainerCase[] = [
  {
    fixture: 'Profile.%.vue',
    path: 'src/components/Profile.vue',
    // Two hunks, one per <script> block: the plain one and the `setup lang="ts"` one.
    hunks: ['@@ -13,8 +13,9 @@', '@@ -36,7 +37,7 @@'],
    // The second WebAuth asks for another API and no ID token: it feeds no Management API call, so
    // it is left alone without a word. The call that takes a token from its caller is reported.
    findings: [{ code: 'untraceable-token', line: 47, column: 59, text: "token: idToken }).patchUserMetadata('me'" }],
  },
  {
    fixture: 'Login.%.svelte',
    path: 'src/Login.svelte',
    hunks: ['@@ -10,7 +10,9 @@'],
    findings: [{ code: 'untraceable-token', line: 23, column: 61, text: 'token: idToken' }],
  },
  {
    fixture: 'index.%.html',
    path: 'public/index.html',
    // The ID token stored in a braceless `if` gets its access-token twin in a block.
    hunks: ['@@ -15,15 +15,21 @@'],
    findings: [{ code: 'consent-required', line: 18, column: 19, text: 'var webAuth = new auth0.WebAuth(' }],
  },
];

const fixture = (c: ContainerCase, kind: 'input' | 'output'): string => readFileSync(path.join(DIR, c.fixture.replace('%', kind)), 'utf8');

function containerRepo(): string {
  const files: Record<string, string> = { 'package.json': '{ "name": "account-site", "private": true }\n' };
  for (const c of CASES) files[c.path] = fixture(c, 'input');
  return makeRepo(files, 'amc-containers-');
}

/** The container's text outside its JavaScript blocks, in order. */
function outsideScripts(filePath: string, text: string): string[] {
  const blocks = extractScriptBlocks(filePath, text) ?? [];
  const gaps: string[] = [];
  let cursor = 0;
  for (const block of blocks) {
    gaps.push(text.slice(cursor, block.start));
    cursor = block.end;
  }
  gaps.push(text.slice(cursor));
  return gaps;
}

beforeAll(ensureBuilt, 120_000);
afterAll(removeTempDirs);

describe('containers end to end (.vue, .svelte, .html)', () => {
  it('the fixtures change only inside the JavaScript blocks', () => {
    for (const c of CASES) {
      const input = fixture(c, 'input');
      const output = fixture(c, 'output');
      expect(output, c.path).not.toBe(input);
      expect(outsideScripts(c.path, output), c.path).toEqual(outsideScripts(c.path, input));
    }
    // The HTML page's src=, JSON and template scripts hold migratable-looking text that must stay.
    const page = fixture(CASES[2], 'output');
    expect(page.match(/responseType: 'id_token'/g)).toHaveLength(3);
    expect(page).toContain('"responseType": "id_token"');
  });

  it('writes exactly the expected files, and a second run changes nothing', () => {
    const repo = containerRepo();
    const first = cli(repo, '.');
    expect(first.code, first.stderr).toBe(0);
    expect(modifiedFiles(repo)).toEqual(CASES.map((c) => c.path).sort());
    for (const c of CASES) expect(read(repo, c.path), c.path).toBe(fixture(c, 'output'));

    git(repo, 'commit', '-qam', 'migrated');
    const second = cli(repo, '.', '--json');
    expect(second.code, second.stderr).toBe(0);
    expect(jsonReport(second).totals).toMatchObject({ candidates: 3, changed: 0, unchanged: 3, errors: 0 });
    expect(modifiedFiles(repo)).toEqual([]);
    expect(cli(repo, '--dry').stdout).toBe('');
  });

  it('--dry: hunks and findings use the container’s line numbers, and the patch applies with git apply', () => {
    const repo = containerRepo();
    const before = readTree(repo);
    const result = cli(repo, '--json', '--dry');
    expect(result.code, result.stderr).toBe(0);
    expect(readTree(repo)).toEqual(before);
    const report = jsonReport(result);
    expect(report.totals).toMatchObject({ scanned: 3, candidates: 3, changed: 3, errors: 0, findings: 2, notes: 1 });

    for (const c of CASES) {
      const file = report.files.find((f) => f.path === c.path);
      expect(file?.status, c.path).toBe('changed');
      const patch = file?.patch ?? '';
      expect(parseHunks(patch).map((h) => h.header), c.path).toEqual(c.hunks);
      expectHunksAtFileLines(patch, fixture(c, 'input'), fixture(c, 'output'));
      expect(file?.findings.map((f) => ({ code: f.code, line: f.line, column: f.column })), c.path).toEqual(
        c.findings.map(({ code, line, column }) => ({ code, line, column })),
      );
      for (const finding of c.findings) expect(lineOf(fixture(c, 'input'), finding.text), c.path).toBe(finding.line);
    }

    const text = cli(repo, '--dry');
    expect(text.code).toBe(0);
    for (const c of CASES) {
      for (const finding of c.findings) {
        // Findings are listed under their code's heading, each at its place in the container.
        const group = text.stderr.slice(text.stderr.indexOf(`  ${finding.code} (`));
        expect(group).toContain(`${c.path}:${finding.line}:${finding.column}  `);
      }
    }
    gitApply(repo, text.stdout);
    for (const c of CASES) expect(read(repo, c.path), c.path).toBe(fixture(c, 'output'));
  });
});
