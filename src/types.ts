import type { ASTNode, Collection, JSCodeshift } from 'jscodeshift';
import type { FindingCause, FindingCode } from './catalog/findings';

/** Ids of the transforms, equal to their file names, fixture folders and CLI arguments. */
export type TransformId = 'webauth-config' | 'authorize-url' | 'token-request' | 'management-token';

export { FINDING_CODES, type FindingCause, type FindingCode } from './catalog/findings';

/** A manual-review item: the code was left alone at this place. Lines are 1-based, columns 1-based. */
export interface Finding {
  code: FindingCode;
  transform: TransformId;
  line: number;
  column: number;
  message: string;
  /**
   * Why, more precisely than the code (e.g. `spread-options`, `lock10-get-profile`): picks the
   * advice the summary prints (src/catalog/findings.ts FINDING_CAUSES). Absent when the code says it all.
   */
  cause?: FindingCause;
}

export type ScopeMode = 'current-user' | 'any-user';

/** Options every transform understands; the same under our CLI and under stock jscodeshift. */
export interface TransformOptions {
  /** Management API audience to write instead of deriving one from the tenant domain. */
  audience?: string;
  /** Scopes to request instead of inferring them from Management API calls. */
  scopes?: readonly string[];
  scopeMode: ScopeMode;
  /** Leave a `// TODO(auth0-mgmt-codemod): …` comment above each finding. */
  todoComments: boolean;
}

/**
 * Where a package keeps its tokens in Web Storage, learnt from all of its files.
 * Keys are the literal keys passed to `localStorage`/`sessionStorage` `setItem`.
 */
export interface StorageFacts {
  /** Keys under which an ID token is stored (`setItem(key, x.idToken)`). */
  idTokenKeys: readonly string[];
  /** Keys under which an access token is stored (`setItem(key, x.accessToken)`). */
  accessTokenKeys: readonly string[];
  /** ID-token keys whose value is later given to the Management API as its token. */
  managementTokenKeys: readonly string[];
}

/** Facts about the package a file belongs to, from the runner's package scan. */
export interface PackageFacts {
  /** Package folder relative to the run's cwd ('.' for the root). */
  path: string;
  /** Management API endpoints called anywhere in the package, catalog ids such as `GET /api/v2/users/{id}`. */
  endpoints: readonly string[];
  /** Scopes those endpoints need in the run's scope mode, in catalog order. */
  scopes: readonly string[];
  storage: StorageFacts;
  /**
   * Literal `*.auth0.com` hosts the package's login clients are built with (WebAuth, Lock,
   * Authentication…). When there is exactly one, a call in another file — a browser app whose
   * scripts share globals — can take its audience from it.
   */
  tenantHosts?: readonly string[];
  /** Versions declared in the package's package.json, if any. */
  versions: { auth0Js?: string; auth0Lock?: string };
}

/**
 * Reports a finding at a node, with an optional cause that picks its advice. Silent when the
 * node's line (or the line above) carries `auth0-mgmt-codemod-ignore`.
 */
export type ReportFinding = (node: ASTNode, code: FindingCode, message: string, cause?: FindingCause) => void;

/** What a transform receives: the parsed file and everything it may know about its package. */
export interface TransformContext {
  j: JSCodeshift;
  root: Collection;
  /** The exact text that was parsed. Node offsets index into it. */
  source: string;
  filePath: string;
  options: TransformOptions;
  /** Present when run by our CLI (package scan); absent under stock jscodeshift. */
  packageFacts?: PackageFacts;
  /** Text edits against `source`; applied once after every transform in the run has looked at the same tree. */
  edits: import('./ast/edits').EditList;
  report: ReportFinding;
}

export interface TransformMeta {
  id: TransformId;
  /** One imperative sentence, shown by `list` and `--help`. */
  description: string;
}

/** A transform as the runner and `all` use it: records edits and findings on a shared parse. */
export interface TransformModule {
  meta: TransformMeta;
  apply(ctx: TransformContext): void;
}
