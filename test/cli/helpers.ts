import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { ASTNode } from 'jscodeshift';
import { spanOf } from '../../src/ast/edits';
import type { TransformContext, TransformModule } from '../../src/types';

/** Temporary folders made by a test file; `removeTempDirs` in afterAll deletes them. */
const made: string[] = [];

export function makeTempDir(prefix = 'amc-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes `files` (path → content, `/`-separated paths) under `root`. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const target = path.join(root, ...rel.split('/'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

/** Every file under `root` (without .git) as path → content. */
export function readTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.isFile()) out[path.relative(root, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  visit(root);
  return out;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
    },
  });
}

/** A git repository holding `files`, all committed (autocrlf off, so bytes stay bytes). */
export function makeRepo(files: Record<string, string>, prefix = 'amc-repo-'): string {
  const dir = makeTempDir(prefix);
  git(dir, 'init', '-q');
  git(dir, 'config', 'core.autocrlf', 'false');
  writeTree(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial', '--allow-empty');
  return dir;
}

/** String literals with this value (`Literal` in ESTree trees; Babel's `StringLiteral` is a subtype of it). */
function stringLiterals(ctx: TransformContext, value: string): ASTNode[] {
  const found: ASTNode[] = [];
  ctx.root.find(ctx.j.Literal).forEach((p) => {
    if (p.node.value === value) found.push(p.node);
  });
  return found;
}

/**
 * Stand-in transforms with fixed, simple behaviour, so runner and reporter tests do not depend
 * on what the real transforms do at any given time. They edit through ctx.edits like the real
 * ones: `'id_token'` → `'token id_token'`; `'SCOPES'` → the package's scopes; `'FINDME'` → a
 * `custom-domain` finding.
 */
export const standInResponseType: TransformModule = {
  meta: { id: 'webauth-config', description: 'stand-in: id_token → token id_token' },
  apply(ctx) {
    stringLiterals(ctx, 'id_token').forEach((node) => {
      const [start, end] = spanOf(node);
      const quote = ctx.source[start];
      ctx.edits.replace(start, end, `${quote}token id_token${quote}`);
    });
  },
};

export const standInScopes: TransformModule = {
  meta: { id: 'authorize-url', description: 'stand-in: SCOPES → package scopes' },
  apply(ctx) {
    const scopes = ctx.options.scopes ?? ctx.packageFacts?.scopes ?? [];
    if (scopes.length === 0) return;
    stringLiterals(ctx, 'SCOPES').forEach((node) => {
      const [start, end] = spanOf(node);
      const quote = ctx.source[start];
      ctx.edits.replace(start, end, `${quote}${scopes.join(' ')}${quote}`);
    });
  },
};

export const standInFinding: TransformModule = {
  meta: { id: 'management-token', description: 'stand-in: FINDME → finding' },
  apply(ctx) {
    stringLiterals(ctx, 'FINDME').forEach((node) => ctx.report(node, 'custom-domain', 'stand-in finding'));
  },
};

export const STAND_INS: readonly TransformModule[] = [standInResponseType, standInScopes, standInFinding];
