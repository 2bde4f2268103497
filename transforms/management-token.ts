/**
 * Gives the Management API the access token where it was given the ID token.
 *
 * Before:
 *   webAuth.parseHash(function (err, authResult) {
 *     localStorage.setItem('id_token', authResult.idToken);
 *     var auth0Manage = new auth0.Management({ domain: 'acme.auth0.com', token: authResult.idToken });
 *     auth0Manage.linkUser(userId, secondaryIdToken, cb);
 *   });
 *   fetch('https://acme.auth0.com/api/v2/users/' + id, { headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') } });
 *
 * After:
 *   webAuth.parseHash(function (err, authResult) {
 *     localStorage.setItem('id_token', authResult.idToken);
 *     localStorage.setItem('access_token', authResult.accessToken);
 *     var auth0Manage = new auth0.Management({ domain: 'acme.auth0.com', token: authResult.accessToken });
 *     auth0Manage.linkUser(userId, secondaryIdToken, cb);
 *   });
 *   fetch('https://acme.auth0.com/api/v2/users/' + id, { headers: { Authorization: 'Bearer ' + localStorage.getItem('access_token') } });
 *
 * Only the credential changes: the secondary ID token of `linkUser` and `link_with` stays an ID
 * token, and a local holding the ID token stays (other code may read it); the credential becomes
 * the twin of the local's initialiser where it is used.
 */
import type { ASTNode } from 'jscodeshift';
import { spanOf } from '../src/ast/edits';
import { nodesOf } from '../src/ast/node-index';
import { localObjectType } from '../src/ast/type-members';
import { asNode, type AnyNode, dominantQuote, eolOf, memberPropertyName, quoteOf, quoteString, stringValue, unwrapExpression } from '../src/ast/nodes';
import { findManagementCredentials } from '../src/analysis/management-credentials';
import {
  findAuthWrappers,
  findRequestSigners,
  findWrapperManagementCalls,
  type RequestSigner,
  signerOfCall,
  signersOfRefs,
  wrapperRefs,
} from '../src/analysis/auth-wrappers';
import { findDroppedClaimReads } from '../src/analysis/id-token-claims';
import { isFunctionNode, type ScopeIndex, scopeIndexOf } from '../src/analysis/scope';
import { type Addition, applyWithin, placeAfter, type StorageKnowledge, TokenTracer, type Twin } from '../src/analysis/token-twins';
import { OriginFinder, type ProducerLink, SOME_LOGIN } from '../src/analysis/origins';
import { findTokenRequests } from '../src/analysis/token-requests';
import { findAuth0Bindings } from '../src/analysis/auth0-bindings';
import { scopesToRequest } from '../src/analysis/facts';
import { endpointById } from '../src/catalog/scopes';
import { constantInitialisers } from '../src/analysis/management-calls';
import { findStorageWrites, managementStorageKeys, type StorageWrite, type TokenKind, tokenKindOf } from '../src/analysis/tokens';
import { isIgnored, isIgnoredNode, toJscodeshiftTransform } from '../src/transform-kit';
import { everyTransform } from './every';
import type { TransformContext, TransformMeta, TransformModule } from '../src/types';

export const meta: TransformMeta = {
  id: 'management-token',
  description: 'Give the Management API the access token instead of the ID token (auth0.Management, ManagementClient, raw /api/v2 calls).',
};

const DEFAULT_ACCESS_KEY = 'access_token';
const STATEMENT_LISTS = new Set(['BlockStatement', 'Program', 'SwitchCase', 'StaticBlock', 'TSModuleBlock']);

const LINK_WITH_USER_ID_MESSAGE =
  "This identities POST links by provider + user_id, which a current-user access token may not do; send the secondary account's ID token as link_with instead.";

function backendOnlyMessage(endpoint: string): string {
  return `${endpoint} needs read:users or update:users, which a signed-in user's token never gets: make this call from a backend with a Machine-to-Machine application (client_credentials) and keep it out of the browser.`;
}

function wrapperMessage(wrapper: string): string {
  return `This Management API request goes through ${wrapper}(), which signs every request it sends with a token of its own; the codemod cannot tell that only Management API calls go through it, so it leaves the token as it is: send this call with the access token for the Management API.`;
}

function droppedClaimMessage(claim: string): string {
  return `This reads ${claim} from the ID token, which an OIDC-conformant login (the one the Management API audience needs) no longer puts there: read it from the Management API profile (getUser, read:current_user) or add it as a namespaced claim with an Action, then rerun.`;
}

/**
 * ` (line N)` for a node of this file, where N is the file's own line: a script block of an HTML
 * or Vue file is parsed alone, so its lines are not the file's and are left out.
 */
function lineOf(ctx: TransformContext, node: AnyNode): string {
  const line = (node.loc as { start?: { line?: number } } | undefined)?.start?.line;
  return line !== undefined && /\.[cm]?[jt]sx?$/i.test(ctx.filePath) ? ` (line ${line})` : '';
}

/**
 * A request made with angular2-jwt's `AuthHttp` (`this.authHttp.post(url, …)`), which signs it
 * with the token its AuthConfig names: by default the stored `id_token`, for every API.
 */
function isAngular2JwtCall(ctx: TransformContext, call: AnyNode): boolean {
  if (!/['"]angular2-jwt['"]/.test(ctx.source)) return false;
  let receiver = unwrapExpression(unwrapExpression(call.callee)?.object);
  // `this.authHttp.post(…).map(…)`: the request is the innermost call.
  while (receiver?.type === 'CallExpression') receiver = unwrapExpression(unwrapExpression(receiver.callee)?.object);
  const name = receiver?.type === 'Identifier' ? (receiver.name as string) : memberPropertyName(receiver);
  return name !== undefined && /^authHttp$/i.test(name);
}

const AUTH_HTTP_MESSAGE =
  "angular2-jwt's AuthHttp signs this Management API request with the token its AuthConfig names (by default the stored 'id_token', the ID token), and signs every other API's requests with it too, so the codemod leaves it as it is. Send this call with Angular's Http and headers: { Authorization: 'Bearer ' + the access token for the Management API } of its own.";

function signerMessage(ctx: TransformContext, signer: RequestSigner): string {
  const where = signer.at ? `${lineOf(ctx, signer.at)} in this file` : ' in another file of this package';
  const kept = 'the codemod leaves it as it is, as the app may send that token to its other APIs too';
  if (signer.client === 'jquery') {
    const fix =
      signer.how === 'beforeSend'
        ? "give this call a beforeSend of its own that sets 'Authorization' to 'Bearer ' + the access token for the Management API (it replaces the $.ajaxSetup one; a headers entry of the call would be overwritten by it)"
        : "give this call headers: { Authorization: 'Bearer ' + the access token for the Management API } of its own (they win over $.ajaxSetup's)";
    return `This Management API request has no Authorization header of its own: $.ajaxSetup${where} adds one with its own token to every jQuery request; ${kept}. To send the access token, ${fix}.`;
  }
  return `This Management API request has no Authorization header of its own: the ${signer.client} request interceptor${where} adds one with its own token to every ${signer.client} request (and may override a header set on the call); ${kept}. Send this call the access token for the Management API through a client the interceptor does not sign (fetch, or a client of its own), or have the interceptor leave requests to the tenant's host alone.`;
}

function sharedOptionsMessage(ctx: TransformContext, shared: { name: string; declarator: AnyNode }): string {
  return `This Management API request sends the ID token set in '${shared.name}'${lineOf(ctx, shared.declarator)}, which other code reads too (another request, or a change made after it is built); switching the token there would change that code as well, so it is left as it is: give this call options of its own with 'Bearer ' + the access token for the Management API.`;
}

function untraceableMessage(reason: string): string {
  return `Cannot trace this Management API token (${reason}); pass an access token for the Management API here, not an ID token.`;
}

/** For a setter's parameter, the access token is stored where the setter is called, not in the setter. */
function setterTwinMessage(what: string): string {
  return `This stored ID token is what the Management API reads, but the codemod cannot store the access token beside it: ${what}.`;
}

function storeTwinMessage(accessKey: string, reason: string): string {
  return `This stored ID token is what the Management API reads, but the codemod cannot store the access token beside it (${reason}); store the access token under '${accessKey}' here.`;
}

export function apply(ctx: TransformContext): void {
  const rootNode = ctx.root.paths()[0]?.node as unknown as AnyNode | undefined;
  if (!rootNode) return;
  const scope = scopeIndexOf(ctx.root);
  const eol = eolOf(ctx.source);
  const writes = findStorageWrites(ctx.j, ctx.root);
  const fileKeys = storageKeysOfFile(ctx, writes);
  const storage = storageKnowledge(ctx, fileKeys);
  const origins = new OriginFinder(scope, producerCalls(ctx));
  // A module's top-level functions are its own; a classic script's are globals of the page.
  const isModule = [ctx.j.ImportDeclaration, ctx.j.ExportNamedDeclaration, ctx.j.ExportDefaultDeclaration].some(
    (type) => nodesOf(ctx.j, ctx.root, type as typeof ctx.j.ImportDeclaration).length > 0,
  );
  const tracer = new TokenTracer(ctx.source, scope, storage, eol, (declaring) => localObjectType(ctx.j, ctx.root, declaring), origins, isModule);
  const credentials = findManagementCredentials(ctx.j, ctx.root, scope, ctx.source);

  // An interceptor's token matters only where the package calls the Management API at all.
  let calls: boolean | undefined;
  const managementCalls = (): boolean => (calls ??= scopesToRequest(ctx).length > 0);
  // A request with no Authorization header of its own, of a client that $.ajaxSetup or an
  // interceptor signs, gets that signer's token: name the signer, whose token also goes to the
  // app's other requests and so is left as it is.
  let signers: RequestSigner[] | undefined;
  const signerOf = (call: AnyNode): RequestSigner | undefined =>
    signerOfCall(call, (signers ??= [...findRequestSigners(ctx.j, ctx.root), ...signersOfRefs(ctx.packageFacts?.authWrappers ?? [])]));
  for (const problem of credentials.problems) {
    if (problem.ifManagementCalls && !managementCalls()) continue;
    const signer = problem.cause === 'no-authorization-header' ? signerOf(problem.node) : undefined;
    const authHttp = problem.cause === 'no-authorization-header' && isAngular2JwtCall(ctx, problem.node);
    ctx.site({ role: 'consumer', node: problem.node, ignored: isIgnoredNode(ctx.source, problem.node) }, () => {
      if (signer) ctx.report(problem.node as unknown as ASTNode, problem.code, signerMessage(ctx, signer), 'shared-auth-wrapper');
      else if (authHttp) ctx.report(problem.node as unknown as ASTNode, problem.code, AUTH_HTTP_MESSAGE, 'angular-jwt');
      else ctx.report(problem.node as unknown as ASTNode, problem.code, problem.message, problem.cause);
    });
  }

  // A call through a function that adds its own Authorization header (fetchAsUser(url)) is a
  // Management call whose token the wrapper decides. The wrapper may sign requests to other APIs
  // too, so its token is never switched: the call's flow is blocked here.
  const wrappers = [...new Set([...wrapperRefs(findAuthWrappers(ctx.j, ctx.root)), ...(ctx.packageFacts?.authWrappers ?? [])])];
  for (const call of findWrapperManagementCalls(ctx.j, ctx.root, wrappers)) {
    const node = call.path.node as unknown as AnyNode;
    ctx.site({ role: 'consumer', node, ignored: isIgnoredNode(ctx.source, node), ...(call.endpoint ? { endpoints: [call.endpoint] } : {}) }, () =>
      ctx.report(node as unknown as ASTNode, 'untraceable-token', wrapperMessage(call.wrapper), 'shared-auth-wrapper'),
    );
  }

  const mayLinkByUserId = ctx.options.scopeMode === 'any-user' || (ctx.options.scopes ?? []).includes('update:users');
  const consumedKeys = new Set<string>();
  for (const site of credentials.sites) {
    const ignored = isIgnoredNode(ctx.source, site.token, site.request);
    // Switched in place, the token may be a parameter of the file's own function: its calls then
    // pass the access token (a shorthand `{ token }` is rewritten as text, so it may not).
    const twin = ignored ? undefined : tracer.twinOf(site.token, null, 0, !site.shorthandProperty);
    if (twin?.kind === 'id') twin.effects.storageKeys.forEach((key) => consumedKeys.add(key));
    const unserved = twin?.kind === 'access' ? unservedKeys(ctx, fileKeys, twin.origins ?? []) : [];
    const spec = {
      role: 'consumer' as const,
      node: site.token,
      links:
        twin?.kind === 'id'
          ? [...twin.effects.origins]
          : twin?.kind === 'access'
            ? [...(twin.origins ?? []), ...(unserved.length > 0 ? storedIdKeys(ctx, fileKeys).map((key) => `storage:${key}`) : [])]
            : [],
      ...(unserved.length > 0 ? { unserved: true } : {}),
      ...(site.endpoint ? { endpoints: [site.endpoint] } : {}),
      ...(site.kind === 'client' ? { client: true } : {}),
      ...(site.host ? { host: site.host } : {}),
      ignored,
    };
    const endpoint = site.endpoint ? endpointById(site.endpoint) : undefined;
    ctx.site({ ...spec, ...(site.kind === 'http' && !endpoint ? { unknownEndpoint: true } : {}) }, () => {
      // A call that sends no token, or an access token from no login in sight (the environment, a
      // getter), is no part of this migration: which endpoints that token may call is its own
      // business (a server's machine-to-machine token). A login's access token is still checked.
      if (!twin || twin.kind === 'neutral' || (twin.kind === 'access' && twin.origins === undefined)) return;
      if (endpoint && !endpoint.browser && ctx.options.scopeMode === 'current-user') {
        ctx.report(site.request as unknown as ASTNode, 'backend-only-endpoint', backendOnlyMessage(endpoint.id), 'backend-only');
        return;
      }
      if (site.userIdLink && !mayLinkByUserId) {
        ctx.report(site.userIdLink as unknown as ASTNode, 'link-with-user-id', LINK_WITH_USER_ID_MESSAGE);
        return;
      }
      if (twin.kind === 'untraceable') {
        ctx.report(site.token as unknown as ASTNode, 'untraceable-token', untraceableMessage(twin.reason), 'untraced-token');
        return;
      }
      if (twin.kind !== 'id') return;
      if (site.sharedIn) {
        ctx.report(site.request as unknown as ASTNode, 'untraceable-token', sharedOptionsMessage(ctx, site.sharedIn), 'shared-request-options');
        return;
      }
      const span = spanOf((site.shorthandProperty ?? site.token) as unknown as ASTNode);
      if (!ctx.edits.canAdd(span[0], span[1])) return;
      // A token followed through a parameter changes the calls that pass it, elsewhere in the file:
      // none of them may carry the ignore comment or be changed already by another site.
      const elsewhere = twin.edits.filter((edit) => edit.start < span[0] || edit.end > span[1]);
      const blocked = elsewhere.some((edit) => isIgnored(ctx.source, edit.start))
        ? 'a call that passes it carries the ignore comment'
        : elsewhere.some((edit) => !ctx.edits.canAdd(edit.start, edit.end))
          ? 'a call that passes it is changed for another reason too'
          : !twin.effects.additions.every((a) => placeable(ctx, a))
            ? ADDITION_CONFLICT
            : undefined;
      if (blocked) {
        ctx.report(site.token as unknown as ASTNode, 'untraceable-token', untraceableMessage(blocked), 'untraced-token');
        return;
      }
      if (site.shorthandProperty) {
        const [start, end] = spanOf(site.token as unknown as ASTNode);
        const value = applyWithin(ctx.source, start, end, twin.edits);
        ctx.edits.replaceNode(site.shorthandProperty as unknown as ASTNode, `${ctx.source.slice(start, end)}: ${value}`);
      } else {
        for (const edit of twin.edits) ctx.edits.replace(edit.start, edit.end, edit.text);
      }
      insertAdditions(ctx, twin.effects.additions);
    });
  }

  // Claims the migrated login's ID token will no longer carry: the flow of the login they come
  // from waits until the app reads them elsewhere.
  for (const read of findDroppedClaimReads(ctx.j, ctx.root, scope, ctx.source)) {
    const links = read.resultObject ? origins.ofObject(read.resultObject) : [SOME_LOGIN];
    ctx.site({ role: 'blocker', node: read.node, links, ignored: isIgnoredNode(ctx.source, read.node) }, () =>
      ctx.report(read.node as unknown as ASTNode, 'non-oidc-claims', droppedClaimMessage(read.claim)),
    );
  }

  // The secondary account's ID token of account linking stays an ID token; its login is no
  // producer of the Management API token.
  for (const token of credentials.secondaryTokens) {
    const twin = tracer.twinOf(token);
    // A token the tracer cannot name (a parameter of the file's own linking function) still comes
    // from the logins its callers pass it from.
    const links = twin.kind === 'id' ? [...twin.effects.origins] : origins.ofValue(asNode(token));
    ctx.site({ role: 'secondary', node: token, links }, () => undefined);
  }

  addStorageTwins(ctx, { scope, tracer, origins, writes, file: fileKeys, storage, consumedKeys, isModule });
}

/** Storage keys an access token is read from that nothing in the package stores an access token under. */
function unservedKeys(ctx: TransformContext, file: FileStorageKeys, origins: readonly string[]): string[] {
  const stored = new Set([...(ctx.packageFacts?.storage.accessTokenKeys ?? []), ...file.access]);
  return origins.filter((o) => o.startsWith('storage:')).map((o) => o.slice('storage:'.length)).filter((key) => !stored.has(key));
}

/** Keys the package stores ID tokens under: where an unserved access-token read gets its token from once migrated. */
function storedIdKeys(ctx: TransformContext, file: FileStorageKeys): string[] {
  return [...new Set([...(ctx.packageFacts?.storage.idTokenKeys ?? []), ...file.id])];
}

/** Calls whose result (callback argument or promise) is a login's: their sites name them as their flow's link. */
function producerCalls(ctx: TransformContext): ProducerLink {
  const tokenRequests = new Set<unknown>(
    findTokenRequests(ctx.j, ctx.root, ctx.source)
      .filter((site) => site.kind === 'http')
      .map((site) => site.call.node),
  );
  return (call) => {
    const method = memberPropertyName(unwrapExpression(call.callee));
    if ((method !== undefined && LOGIN_RESULT_METHODS.has(method)) || tokenRequests.has(call)) return ctx.link('call', call);
    return undefined;
  };
}

/** auth0.js, Lock and node-auth0 methods that hand their caller a login result. */
const LOGIN_RESULT_METHODS = new Set([
  'checkSession',
  'renewAuth',
  'authorize',
  'login',
  'loginWithDefaultDirectory',
  'loginWithCredentials',
  'passwordlessLogin',
  'passwordGrant',
  'signupAndAuthorize',
  'signupAndLogin',
  'oauthToken',
  'loginWithResourceOwner',
]);

/** Inserts twin declarations and writes a consumer needs, once each however many consumers need them. */
/**
 * Inserts every addition (one already there is not inserted twice), or none and false when one
 * falls inside text another change replaces: half of a pair of braces, or a call without the
 * getter it calls, would break the file.
 */
function insertAdditions(ctx: TransformContext, additions: readonly Addition[]): boolean {
  if (!additions.every((a) => placeable(ctx, a))) return false;
  for (const addition of additions) if (!ctx.edits.includes(addition.offset, addition.offset, addition.text)) ctx.edits.insert(addition.offset, addition.text);
  return true;
}

function placeable(ctx: TransformContext, addition: Addition): boolean {
  return ctx.edits.includes(addition.offset, addition.offset, addition.text) || ctx.edits.canAdd(addition.offset, addition.offset);
}

const ADDITION_CONFLICT = 'the lines it needs would land inside text another change replaces';

interface FileStorageKeys {
  id: Set<string>;
  access: Set<string>;
}

/** Keys this file itself stores ID and access tokens under (`setItem(k, r.idToken)`, `storage.k = r.accessToken`). */
function storageKeysOfFile(ctx: TransformContext, writes: readonly StorageWrite[]): FileStorageKeys {
  const constants = constantInitialisers(ctx.j, ctx.root);
  const keys: FileStorageKeys = { id: new Set(), access: new Set() };
  for (const write of writes) {
    const kind = tokenKindOf(write.value, constants, new Map<string, TokenKind>());
    if (kind) keys[kind].add(write.key);
  }
  return keys;
}

/** What a storage key holds (the package's facts and this file's own writes), and the access-token key to read. */
function storageKnowledge(ctx: TransformContext, file: FileStorageKeys): StorageKnowledge {
  // Its key lists are read only when a storage key is asked about: the runner keeps a result only
  // while the facts it read stay the same, and most files read no stored token.
  const facts = ctx.packageFacts?.storage;
  let keys: { id: Set<string>; access: Set<string> } | undefined;
  const known = (): { id: Set<string>; access: Set<string> } =>
    (keys ??= {
      id: new Set([...(facts?.idTokenKeys ?? []), ...file.id]),
      access: new Set([...(facts?.accessTokenKeys ?? []), ...file.access]),
    });
  return {
    kindOf(key: string) {
      const { id: idKeys, access: accessKeys } = known();
      if (idKeys.has(key) && accessKeys.has(key)) return 'ambiguous';
      if (idKeys.has(key)) return 'id';
      if (accessKeys.has(key)) return 'access';
      if (/^(id_?token|idToken)$/i.test(key)) return 'id';
      if (/^(access_?token|accessToken)$/i.test(key)) return 'access';
      return undefined;
    },
    get accessKey() {
      return facts?.accessTokenKeys[0] ?? [...file.access][0] ?? DEFAULT_ACCESS_KEY;
    },
  };
}

interface StorageWork {
  scope: ScopeIndex;
  tracer: TokenTracer;
  origins: OriginFinder;
  writes: readonly StorageWrite[];
  file: FileStorageKeys;
  storage: StorageKnowledge;
  /** ID-token keys this file's Management API credentials read. */
  consumedKeys: ReadonlySet<string>;
  /** The file is a module: its top-level functions are its own, not globals of a page. */
  isModule: boolean;
}

/**
 * Carriers: every Web Storage write of a token is a site of the flows that read its key. Where the
 * package gives a stored ID token to the Management API but stores no access token, the access
 * token is stored beside the ID token (and removed where the ID token is removed), so the reads
 * switched to the access-token key find it.
 */
function addStorageTwins(ctx: TransformContext, work: StorageWork): void {
  const { scope, tracer, origins, writes, file, storage } = work;
  if (writes.length === 0 && !ctx.source.includes('removeItem')) return;
  const facts = ctx.packageFacts?.storage;
  const storesAccessTokens = (): boolean => (facts?.accessTokenKeys.length ?? 0) > 0 || file.access.size > 0;
  const accessKey = storage.accessKey;
  // An earlier run may have switched the Management API's reads to the access-token key while no
  // line could store that token: keep asking for the twin of every stored ID token, so the
  // finding stays open until someone stores the access token.
  const managementKeys = (): Set<string> => {
    const keys = new Set([...(facts?.managementTokenKeys ?? []), ...work.consumedKeys]);
    const readsAccessKey = keys.has(accessKey) || managementStorageKeys(ctx.j, ctx.root, findAuth0Bindings(ctx.j, ctx.root)).includes(accessKey);
    if (readsAccessKey) file.id.forEach((key) => keys.add(key));
    return keys;
  };

  for (const write of writes) {
    // A write is a carrier when it stores a token, or stores under a key the Management API reads.
    const kind = tokenKindOf(write.value, constantInitialisers(ctx.j, ctx.root), new Map<string, TokenKind>());
    if (kind === undefined && storage.kindOf(write.key) === undefined && !managementKeys().has(write.key)) continue;
    const twin = tracer.twinOf(write.value);
    // A setter's parameter (`setToken(idToken) { localStorage.setItem('id_token', idToken) }`) is
    // the token of each call of the setter: the twin is stored where the setter is called.
    const setter = twin.kind === 'untraceable' ? setterCalls(scope, tracer, write, work.isModule) : undefined;
    const valueOrigins =
      twin.kind === 'id'
        ? [...twin.effects.origins]
        : setter && 'calls' in setter
          ? setter.calls.flatMap((c) => (c.twin.kind === 'id' ? [...c.twin.effects.origins] : originsOfTokenField(origins, c.argument)))
          : originsOfTokenField(origins, write.value);
    const ignored = isIgnoredNode(ctx.source, (write.statement ?? write.expression).node);
    ctx.site({ role: 'carrier', node: write.expression.node, links: [`storage:${write.key}`, ...valueOrigins], outputs: [`storage:${write.key}`], ignored }, () => {
      if (kind === 'access' || twin.kind === 'access' || storesAccessTokens() || !managementKeys().has(write.key)) return;
      if (setter) {
        const planned = setterTwinWrites(ctx, scope, write, setter, accessKey);
        if (typeof planned === 'string') ctx.report(write.value as unknown as ASTNode, 'untraceable-token', setterTwinMessage(planned), 'no-twin-storage');
        else if (!insertAdditions(ctx, planned)) ctx.report(write.value as unknown as ASTNode, 'untraceable-token', storeTwinMessage(accessKey, ADDITION_CONFLICT), 'no-twin-storage');
        return;
      }
      if (twin.kind === 'untraceable') {
        ctx.report(write.value as unknown as ASTNode, 'untraceable-token', storeTwinMessage(accessKey, twin.reason), 'no-twin-storage');
        return;
      }
      if (twin.kind !== 'id') return;
      const [start, end] = spanOf(write.value as unknown as ASTNode);
      const value = applyWithin(ctx.source, start, end, twin.edits);
      const additions = twinWrite(ctx, scope, write, accessKey, value);
      if (!additions) {
        ctx.report(write.value as unknown as ASTNode, 'untraceable-token', storeTwinMessage(accessKey, 'the codemod cannot add a statement beside this write'), 'no-twin-storage');
        return;
      }
      if (!insertAdditions(ctx, [...additions, ...twin.effects.additions])) {
        ctx.report(write.value as unknown as ASTNode, 'untraceable-token', storeTwinMessage(accessKey, ADDITION_CONFLICT), 'no-twin-storage');
      }
    });
  }

  const removed = new Set<string>();
  const removals: { storageText: string; keyNode: AnyNode; key: string; call: AnyNode }[] = [];
  nodesOf(ctx.j, ctx.root, ctx.j.CallExpression).forEach((path) => {
    const callee = unwrapExpression(path.node.callee);
    if (memberPropertyName(callee) !== 'removeItem' || !callee) return;
    const keyNode = asNode((path.node.arguments as unknown[])[0]);
    const key = stringValue(keyNode);
    const storageText = ctx.source.slice(...spanOf(callee.object as ASTNode));
    if (!/^(window\.)?(localStorage|sessionStorage)$/.test(storageText) || key === undefined || !keyNode) return;
    removed.add(`${storageText}:${key}`);
    removals.push({ storageText, keyNode, key, call: path.node as unknown as AnyNode });
  });
  for (const { storageText, keyNode, key, call } of removals) {
    ctx.site({ role: 'carrier', node: call, links: [`storage:${key}`], outputs: [], ignored: isIgnoredNode(ctx.source, call) }, () => {
      if (storesAccessTokens() || !managementKeys().has(key) || removed.has(`${storageText}:${accessKey}`)) return;
      const text = `${storageText}.removeItem(${quoteString(accessKey, quoteOf(ctx.source, keyNode as unknown as ASTNode))})`;
      // Logging out keeps working without it: a removal that cannot be mirrored is left as it is.
      const additions = besideExpression(ctx, scope, call, text);
      if (additions) insertAdditions(ctx, additions);
    });
  }
}

/** The calls of the setter whose parameter a storage write stores, each with the twin of the token it passes. */
type SetterCalls = { name: string; calls: { call: AnyNode; argument: AnyNode; twin: Twin }[] } | { name: string; reason: string };

/**
 * When a storage write stores a parameter of a method of a class (called as `this.name(…)`) or
 * of a function of this file: every call of it in the file and the token each passes; a reason
 * when the calls cannot all be found. Undefined when the value is no such parameter.
 */
function setterCalls(scope: ScopeIndex, tracer: TokenTracer, write: StorageWrite, isModule: boolean): SetterCalls | undefined {
  const value = unwrapExpression(write.value);
  if (value?.type !== 'Identifier') return undefined;
  const binding = scope.resolve(value.name as string, value);
  if (binding?.kind !== 'param') return undefined;
  const fn = binding.scope;
  const index = (fn.params as AnyNode[]).findIndex((p) => p.type === 'Identifier' && p.name === value.name);
  const callable = callableOf(scope, fn);
  if (!callable) return undefined;
  const name = callable.name;
  if (index === -1 || scope.isReassigned(binding)) return { name, reason: `${value.name as string} is a parameter of ${name}() the codemod cannot follow` };
  // A write in a callback inside the setter runs later than the setter's call.
  const own = scope.ancestors(write.expression.node as unknown as AnyNode).find((a) => isFunctionNode(a));
  if (own !== fn) return { name, reason: `${name}() stores its parameter from inside a callback` };
  // A function other code may call (exported, a page global of a classic script) stores tokens
  // this file never sees passed: their calls would get no access-token write.
  if (callable.kind === 'function' && (!scope.usesOf(fn) || (!isModule && scope.topLevelName(fn) !== undefined))) {
    return { name, reason: `${name}() may be called from other files too, which the codemod cannot see` };
  }

  const calls: { call: AnyNode; argument: AnyNode; twin: Twin }[] = [];
  for (const node of scope.runtimeNodes()) {
    const use =
      callable.kind === 'method'
        ? (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && !node.computed && memberPropertyName(node) === name
        : node.type === 'Identifier' && node.name === name && node !== callable.id && isReference(scope, node) && scope.resolve(name, node) === callable.binding;
    if (!use || (callable.kind === 'method' && isSelfBinding(scope, node, name))) continue;
    const call = scope.parentOf(node);
    const direct = call?.type === 'CallExpression' && call.callee === node;
    const onThis = callable.kind === 'function' || (unwrapExpression(node.object)?.type === 'ThisExpression' && scope.thisClassOf(node) === callable.classNode);
    if (!call || !direct || !onThis) return { name, reason: `${name} is used in this file other than by calling it, so the codemod cannot find every token it stores` };
    const argument = asNode((call.arguments as unknown[])[index]);
    if (!argument || argument.type === 'SpreadElement') return { name, reason: `a call of ${name}() passes no token the codemod can follow` };
    calls.push({ call, argument, twin: tracer.twinOf(argument) });
  }
  if (calls.length === 0) return { name, reason: `${name}() is not called in this file` };
  return { name, calls };
}

/** The method (of a class, called on `this`) or function of this file a function node is, by name. */
function callableOf(
  scope: ScopeIndex,
  fn: AnyNode,
): { kind: 'method'; name: string; classNode: AnyNode } | { kind: 'function'; name: string; id: AnyNode; binding: ReturnType<ScopeIndex['resolve']> } | undefined {
  const parent = scope.parentOf(fn);
  const method = fn.type === 'ClassMethod' ? fn : fn.type === 'FunctionExpression' && parent?.type === 'MethodDefinition' ? parent : undefined;
  if (method) {
    const key = asNode(method.key);
    const body = scope.parentOf(method);
    const classNode = body && scope.parentOf(body);
    if (method.kind !== 'method' || method.static || method.computed || key?.type !== 'Identifier' || !classNode) return undefined;
    return { kind: 'method', name: key.name as string, classNode };
  }
  const id = fn.type === 'FunctionDeclaration' ? asNode(fn.id) : parent?.type === 'VariableDeclarator' && parent.init === fn ? asNode(parent.id) : null;
  if (id?.type !== 'Identifier') return undefined;
  const binding = scope.resolve(id.name as string, id);
  if (!binding || scope.isReassigned(binding)) return undefined;
  return { kind: 'function', name: id.name as string, id, binding };
}

/**
 * `this.name` in a constructor's `this.name = this.name.bind(this)`: the method stays the one
 * every `this.name(…)` call runs, only bound.
 */
function isSelfBinding(scope: ScopeIndex, member: AnyNode, name: string): boolean {
  const isThisName = (n: AnyNode | null): boolean =>
    (n?.type === 'MemberExpression' || n?.type === 'OptionalMemberExpression') && !n.computed && memberPropertyName(n) === name && unwrapExpression(n.object)?.type === 'ThisExpression';
  const isBindCall = (n: AnyNode | null): boolean => {
    const callee = n?.type === 'CallExpression' ? unwrapExpression(n.callee) : null;
    const args = (n?.arguments as AnyNode[] | undefined) ?? [];
    return memberPropertyName(callee) === 'bind' && isThisName(unwrapExpression(callee?.object)) && args.length === 1 && unwrapExpression(args[0])?.type === 'ThisExpression';
  };
  const isPattern = (assignment: AnyNode | undefined): boolean =>
    assignment?.type === 'AssignmentExpression' && assignment.operator === '=' && isThisName(unwrapExpression(assignment.left)) && isBindCall(unwrapExpression(assignment.right));
  const parent = scope.parentOf(member);
  if (parent?.type === 'AssignmentExpression' && parent.left === member) return isPattern(parent);
  const call = parent && scope.parentOf(parent);
  return Boolean(call && isBindCall(call) && isPattern(scope.parentOf(call)));
}

/** Whether an identifier reads a binding (not a property name or an object key). */
function isReference(scope: ScopeIndex, node: AnyNode): boolean {
  const parent = scope.parentOf(node);
  if (!parent) return true;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === node && !parent.computed) return false;
  if ((parent.type === 'Property' || parent.type === 'ObjectProperty' || parent.type === 'ClassMethod' || parent.type === 'ClassProperty' || parent.type === 'MethodDefinition') && parent.key === node && !parent.computed) {
    return parent.type === 'Property' || parent.type === 'ObjectProperty' ? Boolean(parent.shorthand) : false;
  }
  return true;
}

/**
 * `storage.setItem('access_token', <the access token>)` after every call of the setter, or why
 * not: the line the app's owner should add, where the codemod can tell it.
 */
function setterTwinWrites(ctx: TransformContext, scope: ScopeIndex, write: StorageWrite, setter: SetterCalls, accessKey: string): Addition[] | string {
  const expression = write.expression.node as unknown as AnyNode;
  const storageNode = asNode(expression.type === 'CallExpression' ? asNode(expression.callee)?.object : asNode(expression.left)?.object);
  const storageText = storageNode ? ctx.source.slice(...spanOf(storageNode as unknown as ASTNode)) : '';
  const quote = write.keyNode.type === 'Identifier' ? dominantQuote(ctx.source) : quoteOf(ctx.source, write.keyNode as unknown as ASTNode);
  const store = (value: string): string => `${storageText}.setItem(${quoteString(accessKey, quote)}, ${value})`;
  if ('reason' in setter) return `${setter.reason}; where the login result is at hand, store its access token too: ${store('authResult.accessToken')}`;
  const additions: Addition[] = [];
  for (const { call, argument, twin } of setter.calls) {
    const callText = ctx.source.slice(...spanOf(call as unknown as ASTNode));
    const at = `${callText}${lineOf(ctx, call)}`;
    if (twin.kind === 'untraceable') return `the token passed to ${at} cannot be followed (${twin.reason}); where that token comes from, store the login's access token too: ${store('authResult.accessToken')}`;
    if (twin.kind === 'access') return `${at} passes an access token, which the setter stores under an ID-token key`;
    const [start, end] = spanOf(argument as unknown as ASTNode);
    const value = applyWithin(ctx.source, start, end, twin.kind === 'id' ? twin.edits : []);
    const text = store(value);
    // Only a global Web Storage means the same at the call as in the setter.
    const root = storageText.replace(/^window\./, '');
    if (!/^(window\.)?(localStorage|sessionStorage)$/.test(storageText) || scope.resolve(root, call) || scope.resolve('window', call)) {
      return `the setter writes to storage the codemod cannot reach from ${at}; add ${text} after it`;
    }
    // Beside a call whose value is used (`return this.setToken(t)`, an arrow's body), a sequence or
    // a block would change what that value is: only a call standing as its own statement.
    const beside = scope.parentOf(call)?.type === 'ExpressionStatement' ? besideExpression(ctx, scope, call, text) : undefined;
    if (!beside) return `the codemod cannot add a statement after ${at}; add ${text} after it`;
    additions.push(...beside, ...(twin.kind === 'id' ? twin.effects.additions : []));
  }
  return additions;
}

/** Where the login result an access-token field is read from comes from (`r` in `r.accessToken`). */
function originsOfTokenField(origins: OriginFinder, value: AnyNode): string[] {
  const n = unwrapExpression(value);
  // A bare name (a callback's `id_token` parameter): the call it comes from tells whose token it is.
  if (n?.type === 'Identifier') return origins.ofValue(n);
  const object = n && (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') ? asNode(n.object) : null;
  return object ? origins.ofObject(object) : [];
}

/** `storage.setItem('access_token', value)` (or the write's own assignment form) beside the ID token's write. */
function twinWrite(ctx: TransformContext, scope: ScopeIndex, write: StorageWrite, accessKey: string, value: string): Addition[] | undefined {
  const expression = write.expression.node as unknown as AnyNode;
  const quote = write.keyNode.type === 'Identifier' ? dominantQuote(ctx.source) : quoteOf(ctx.source, write.keyNode as unknown as ASTNode);
  const key = quoteString(accessKey, quote);
  if (expression.type === 'CallExpression') {
    const callee = asNode(expression.callee) as AnyNode;
    const storageText = ctx.source.slice(...spanOf(asNode(callee.object) as unknown as ASTNode));
    return besideExpression(ctx, scope, expression, `${storageText}.setItem(${key}, ${value})`);
  }
  const left = asNode(expression.left) as AnyNode;
  const storageText = ctx.source.slice(...spanOf(asNode(left.object) as unknown as ASTNode));
  if (left.computed) return besideExpression(ctx, scope, expression, `${storageText}[${key}] = ${value}`);
  if (!/^[A-Za-z_$][\w$]*$/.test(accessKey)) return undefined;
  return besideExpression(ctx, scope, expression, `${storageText}.${accessKey} = ${value}`);
}

/** Statements that hold one statement without braces: `if (r) store(r);`, `for (…) store(x);`. */
const SINGLE_STATEMENT_BODIES = new Set(['IfStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement', 'WhileStatement', 'DoWhileStatement', 'LabeledStatement']);

/**
 * Text insertions that run `text` right after the storage call or assignment `expression`, where
 * the code allows it without changing what anything else evaluates to:
 *
 *   store(r);                    → store(r);\n twin;              (its own line, in a block)
 *   if (r) store(r);             → if (r) { store(r); twin; }
 *   r => store(r)                → r => { store(r); twin; }
 *   r && store(r);               → r && (store(r), twin);       (also as an arrow's body)
 *   return store(r);             → return (store(r), twin);    (setItem returns nothing either way)
 *
 * Undefined anywhere else: the write's flow is then left alone.
 */
function besideExpression(ctx: TransformContext, scope: ScopeIndex, expression: AnyNode, text: string): Addition[] | undefined {
  const parent = scope.parentOf(expression);
  if (!parent || (expression.extra as { parenthesized?: boolean } | undefined)?.parenthesized) return undefined;
  const [start, end] = spanOf(expression as unknown as ASTNode);
  const isCall = expression.type === 'CallExpression';
  if (parent.type === 'ExpressionStatement') {
    const list = scope.parentOf(parent);
    const [statementStart, statementEnd] = spanOf(parent as unknown as ASTNode);
    if (list && STATEMENT_LISTS.has(list.type)) return [placeAfter(ctx.source, statementStart, statementEnd, text, 'statement')];
    if (!list || !SINGLE_STATEMENT_BODIES.has(list.type)) return undefined;
    const semicolon = ctx.source[statementEnd - 1] === ';' ? '' : ';';
    return [
      { offset: statementStart, text: '{ ' },
      { offset: statementEnd, text: `${semicolon} ${text}; }` },
    ];
  }
  if (parent.type === 'ArrowFunctionExpression' && parent.body === expression && isCall) {
    return [
      { offset: start, text: '{ ' },
      { offset: end, text: `; ${text}; }` },
    ];
  }
  // `r && store(r)` evaluates to what `store(r)` does: nothing for setItem, whose twin returns
  // nothing either; an assignment's value counts only where nothing reads it.
  const outer = scope.parentOf(parent);
  const guarded =
    parent.type === 'LogicalExpression' &&
    parent.right === expression &&
    (outer?.type === 'ExpressionStatement' || (isCall && outer?.type === 'ArrowFunctionExpression' && outer.body === parent));
  if (guarded || (parent.type === 'ReturnStatement' && isCall)) {
    return [
      { offset: start, text: '(' },
      { offset: end, text: `, ${text})` },
    ];
  }
  return undefined;
}

export const transformModule: TransformModule = { meta, apply };
export default toJscodeshiftTransform([transformModule], everyTransform);
