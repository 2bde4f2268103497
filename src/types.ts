import type { ASTNode, Collection, JSCodeshift } from 'jscodeshift';
import type { FindingCause, FindingCode } from './catalog/findings';
import type { PackageSite, SiteRole } from './plan/types';

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
  /**
   * Endpoints of the Management API client methods called in the package (`getUser`, …): what a
   * client handed a token reaches. `endpoints` also holds raw requests' endpoints.
   */
  methodEndpoints?: readonly string[];
  /** Functions of the package that sign the requests they send (`fetchAsUser#0`, see auth-wrappers.ts). */
  authWrappers?: readonly string[];
  /** Literal values the package's modules export, for options read from an import (see module-values.ts). */
  exportedValues?: readonly string[];
  /**
   * Flow sites found in the package's other files, when the caller knows them (tests give them;
   * the runner builds its plan from every file's sites itself).
   */
  sites?: readonly PackageSite[];
}

/**
 * Reports a finding at a node, with an optional cause that picks its advice. Silent when the
 * node's line (or the line above) carries `auth0-mgmt-codemod-ignore`.
 */
export type ReportFinding = (node: ASTNode, code: FindingCode, message: string, cause?: FindingCause) => void;

/**
 * A place a transform would change, as it declares it to the migration plan (src/plan): what it
 * is in its token flow and which links the token travels through there.
 */
export interface SiteSpec {
  role: SiteRole;
  /** Where the site is: its key and the position of what it reports. */
  node: object;
  /** See `SiteFact.links`; `ctx.link(kind, node)` names a place in this file. */
  links?: readonly string[];
  /** Producers: the links their tokens come out through; carriers: the storage keys they write (default: all of `links`). */
  outputs?: readonly string[];
  endpoints?: readonly string[];
  client?: boolean;
  grant?: 'browser' | 'password';
  host?: string;
  /** Consumers: a raw request to the Management API whose endpoint the codemod cannot tell. */
  unknownEndpoint?: boolean;
  /** Producers: asks for no ID token (`responseType: 'token'`, a code flow): no ID token comes from it. */
  noIdToken?: boolean;
  /**
   * Producers: a login call that takes its audience from its client's config (`webAuth.authorize()`
   * with no audience of its own). Nothing to change there is no sign the flow is migrated.
   */
  inherits?: boolean;
  /** Carries the ignore comment: the site is left alone, silently. */
  ignored?: boolean;
  /**
   * Consumers: already reads an access token, from a storage key nothing stores yet (an earlier
   * run could switch the read but not store the token): its flow still needs migrating.
   */
  unserved?: boolean;
}

/**
 * Declares a site and does its work (edits, or its own finding) when its flow is migrated.
 * `work` gets the scopes the site's flow needs. Its edits are kept only when it reports no warning
 * finding: a site that cannot be migrated changes nothing.
 */
export type SiteRunner = (spec: SiteSpec, work: (scopes: readonly string[]) => void) => void;

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
  /** Declares a flow site (see SiteRunner). */
  site: SiteRunner;
  /** A link naming a place in this file (`@<unit>:<kind>:<offset>`), e.g. the call whose callback gets a login's result. */
  link(kind: string, node: object): string;
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
