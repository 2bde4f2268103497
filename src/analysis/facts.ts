import type { Collection, JSCodeshift } from 'jscodeshift';
import { scopesForEndpoints, sortScopes } from '../catalog/scopes';
import type { PackageFacts, ScopeMode, StorageFacts, TransformContext, TransformOptions } from '../types';
import { perTree, treeSlot } from '../ast/node-index';
import { propertyValue, stringValue, unwrapExpression } from '../ast/nodes';
import { classifyHost, normaliseHost } from '../catalog/audience';
import { type Auth0Bindings, type Auth0Class, findAuth0Bindings, findConstructions } from './auth0-bindings';
import { constantInitialisers, findManagementHttpCalls, findManagementMethodCalls } from './management-calls';
import { findLoginConfigs, isHostedLoginPage } from './login-configs';
import { findAuthWrappers, findRequestSigners, signerRefs, wrapperRefs } from './auth-wrappers';
import { findStorageWrites, managementStorageKeys, tokenFieldKind } from './tokens';
import { exportedValueEntries } from './module-values';

/** What one file contributes to its package's facts (see the package scan in the runner). */
export interface FileFacts {
  /** Catalog ids of the Management API endpoints the file calls (auth0.js methods and raw HTTP). */
  endpoints: string[];
  /** The part of `endpoints` called through Management API client methods. */
  methodEndpoints: string[];
  storage: StorageFacts;
  /** Literal tenant hosts given to the file's Auth0 login clients. */
  tenantHosts?: string[];
  /** Literal client IDs the file's login configs name (for the dashboard steps; no transform reads them). */
  clientIds?: string[];
  /** Whether the file logs in with Lock, embedded in the page (the dashboard steps then name Cross-Origin Authentication). */
  embeddedLogin?: boolean;
  /** Functions the file defines that sign the requests they send (`fetchAsUser#0`, see auth-wrappers.ts). */
  authWrappers?: string[];
  /** Literal values the file exports (`src/config.js#AUTH_CONFIG.domain@3:11="acme.auth0.com"`, see module-values.ts). */
  exportedValues?: string[];
}

const FILE_FACTS = treeSlot<FileFacts>('file facts');

/**
 * Reads one parsed file's Management API calls and token storage keys. Computed once per tree:
 * under stock jscodeshift every transform asks for the file's own scopes. Read it, never change it.
 */
export function collectFileFacts(j: JSCodeshift, root: Collection): FileFacts {
  return perTree(root, FILE_FACTS, () => readFileFacts(j, root));
}

function readFileFacts(j: JSCodeshift, root: Collection): FileFacts {
  const bindings = findAuth0Bindings(j, root);
  const endpoints = new Set<string>();
  const methodEndpoints = new Set<string>();
  for (const call of findManagementMethodCalls(j, root, bindings)) methodEndpoints.add(call.endpoint);
  methodEndpoints.forEach((e) => endpoints.add(e));
  for (const call of findManagementHttpCalls(j, root)) if (call.endpoint) endpoints.add(call.endpoint.id);

  const idTokenKeys = new Set<string>();
  const accessTokenKeys = new Set<string>();
  for (const write of findStorageWrites(j, root)) {
    const kind = tokenFieldKind(write.value);
    if (kind === 'id') idTokenKeys.add(write.key);
    else if (kind === 'access') accessTokenKeys.add(write.key);
  }
  const logins = loginFacts(j, root, bindings);
  const authWrappers = [...wrapperRefs(findAuthWrappers(j, root)), ...signerRefs(findRequestSigners(j, root))];
  const exportedValues = exportedValueEntries(j, root);
  return {
    ...(authWrappers.length > 0 ? { authWrappers } : {}),
    ...(exportedValues.length > 0 ? { exportedValues: [...exportedValues] } : {}),
    endpoints: [...endpoints].sort(),
    methodEndpoints: [...methodEndpoints].sort(),
    tenantHosts: clientTenantHosts(j, root, bindings),
    ...logins,
    storage: {
      idTokenKeys: [...idTokenKeys],
      accessTokenKeys: [...accessTokenKeys],
      managementTokenKeys: managementStorageKeys(j, root, bindings),
    },
  };
}

const LOGIN_CLIENTS: readonly Auth0Class[] = ['WebAuth', 'Authentication', 'AuthenticationClient', 'Auth0Lock', 'Auth0LockPasswordless'];

/** `domain` values (Lock: the second argument) that are, or are bound once to, a tenant host literal. */
function clientTenantHosts(j: JSCodeshift, root: Collection, bindings: Auth0Bindings): string[] {
  const constants = constantInitialisers(j, root);
  const hosts = new Set<string>();
  for (const { path, className } of findConstructions(j, root, bindings, LOGIN_CLIENTS)) {
    const args = (path.node as unknown as { arguments: unknown[] }).arguments;
    const domainNode = className.startsWith('Auth0Lock') ? args[1] : propertyValue(unwrapExpression(args[0]), 'domain');
    let value = unwrapExpression(domainNode);
    if (value?.type === 'Identifier') value = constants.get(value.name as string) ?? null;
    const host = stringValue(value);
    if (host !== undefined && classifyHost(host) === 'tenant') hosts.add(normaliseHost(host));
  }
  return [...hosts];
}

/** Client IDs written as literals (or constants bound to one) in the file's login configs, and whether one is Lock. */
function loginFacts(j: JSCodeshift, root: Collection, bindings: Auth0Bindings): Pick<FileFacts, 'clientIds' | 'embeddedLogin'> {
  const configs = isHostedLoginPage(j, root) ? [] : findLoginConfigs(j, root, bindings);
  if (configs.length === 0) return {};
  const constants = constantInitialisers(j, root);
  const clientIds = new Set<string>();
  for (const config of configs) {
    const site = config.site.node as unknown as { arguments?: unknown[] };
    const fromOptions = (options: unknown): unknown => propertyValue(unwrapExpression(options), 'clientID');
    let value = unwrapExpression(
      config.origin === 'Auth0Lock' || config.origin === 'Auth0LockPasswordless'
        ? site.arguments?.[0]
        : fromOptions(config.container ? config.container.node : config.options.status === 'literal' ? config.options.path.node : undefined),
    );
    if (value?.type === 'Identifier') value = constants.get(value.name as string) ?? null;
    const id = stringValue(value);
    if (id !== undefined && id !== '') clientIds.add(id);
  }
  return { clientIds: [...clientIds], embeddedLogin: configs.some((c) => c.shape === 'lock') };
}

/** The scopes a file needs by its own calls alone (stock jscodeshift has no package scan). */
export function fileScopes(j: JSCodeshift, root: Collection, mode: ScopeMode): string[] {
  return scopesForEndpoints(collectFileFacts(j, root).endpoints, mode);
}

/** Unions the facts of a package's files into what its configs and token tracing use. */
export function mergePackageFacts(
  path: string,
  files: readonly FileFacts[],
  mode: ScopeMode,
  versions: PackageFacts['versions'] = {},
): PackageFacts {
  const { endpoints, methodEndpoints, storage, tenantHosts, authWrappers, exportedValues } = unionFileFacts(files);
  return {
    path,
    endpoints,
    methodEndpoints,
    scopes: sortScopes(scopesForEndpoints(endpoints, mode)),
    storage,
    tenantHosts,
    versions,
    ...(authWrappers.length > 0 ? { authWrappers } : {}),
    ...(exportedValues.length > 0 ? { exportedValues } : {}),
  };
}

/**
 * The facts of several files (or of a container's script blocks) as one. Every list is sorted:
 * the result does not depend on the order the files were read in.
 */
export function unionFileFacts(files: readonly FileFacts[]): Required<FileFacts> {
  const union = (pick: (f: FileFacts) => readonly string[] | undefined): string[] => [...new Set(files.flatMap((f) => pick(f) ?? []))].sort();
  return {
    endpoints: union((f) => f.endpoints),
    methodEndpoints: union((f) => f.methodEndpoints),
    tenantHosts: union((f) => f.tenantHosts),
    clientIds: union((f) => f.clientIds),
    embeddedLogin: files.some((f) => f.embeddedLogin === true),
    authWrappers: union((f) => f.authWrappers),
    exportedValues: union((f) => f.exportedValues),
    storage: {
      idTokenKeys: union((f) => f.storage.idTokenKeys),
      accessTokenKeys: union((f) => f.storage.accessTokenKeys),
      managementTokenKeys: union((f) => f.storage.managementTokenKeys),
    },
  };
}

/** `facts` with one more file's facts merged in. */
export function withFileFacts(facts: PackageFacts, file: FileFacts, mode: ScopeMode): PackageFacts {
  // Usually the file adds nothing new: then the very same facts (no copy, no sorting).
  const has = (list: readonly string[] | undefined, items: readonly string[] | undefined): boolean =>
    (items ?? []).every((item) => (list ?? []).includes(item));
  const { storage } = file;
  if (
    has(facts.endpoints, file.endpoints) &&
    has(facts.methodEndpoints, file.methodEndpoints) &&
    has(facts.tenantHosts, file.tenantHosts) &&
    has(facts.authWrappers, file.authWrappers) &&
    has(facts.exportedValues, file.exportedValues) &&
    has(facts.storage.idTokenKeys, storage.idTokenKeys) &&
    has(facts.storage.accessTokenKeys, storage.accessTokenKeys) &&
    has(facts.storage.managementTokenKeys, storage.managementTokenKeys)
  ) {
    return facts;
  }
  const known: FileFacts = {
    endpoints: [...facts.endpoints],
    methodEndpoints: [...(facts.methodEndpoints ?? [])],
    storage: facts.storage,
    tenantHosts: [...(facts.tenantHosts ?? [])],
    authWrappers: [...(facts.authWrappers ?? [])],
    exportedValues: [...(facts.exportedValues ?? [])],
  };
  return mergePackageFacts(facts.path, [known, file], mode, facts.versions);
}

/**
 * The scopes a transform should request for this file: `--scopes` when given, else the package's
 * (runner), else the file's own calls (stock jscodeshift). Empty means: no Management API call,
 * leave the file alone.
 */
export function scopesToRequest(ctx: Pick<TransformContext, 'j' | 'root' | 'options' | 'packageFacts'>): string[] {
  if (ctx.packageFacts) return packageScopesToRequest(ctx.options, ctx.packageFacts);
  if (ctx.options.scopes && ctx.options.scopes.length > 0) return [...ctx.options.scopes];
  return fileScopes(ctx.j, ctx.root, ctx.options.scopeMode);
}

/** `scopesToRequest` when the runner knows the package: no tree needed to answer. */
export function packageScopesToRequest(options: TransformOptions, packageFacts: PackageFacts): string[] {
  if (options.scopes && options.scopes.length > 0) return [...options.scopes];
  return [...packageFacts.scopes];
}

/**
 * The major version a package.json dependency asks for: `^8.12.0`, `~9`, `>=8 <10`, and also
 * `npm:auth0-js@^8.0.0` or `github:auth0/auth0.js#v8.12.0` (a package name's digits are not
 * the version). Undefined for `latest`, `*` and the like.
 */
export function declaredMajor(range: string | undefined): number | undefined {
  if (!range) return undefined;
  const major = /(\d+)\.\d/.exec(range)?.[1] ?? /(?:^|[^\w])v?(\d+)/.exec(range)?.[1];
  return major === undefined ? undefined : Number(major);
}

