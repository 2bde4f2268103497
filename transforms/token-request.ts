/**
 * Before:
 *   fetch('https://acme.auth0.com/oauth/token', {
 *     method: 'POST',
 *     body: JSON.stringify({ grant_type: 'password', username, password, scope: 'openid', client_id: CLIENT_ID }),
 *   });
 * After:
 *   fetch('https://acme.auth0.com/oauth/token', {
 *     method: 'POST',
 *     body: JSON.stringify({ grant_type: 'password', username, password, audience: 'https://acme.auth0.com/api/v2/', scope: 'openid read:current_user', client_id: CLIENT_ID }),
 *   });
 *
 * The same for every way a password grant reaches /oauth/token (axios, request, jQuery,
 * superagent, URLSearchParams, url-encoded strings, auth0.js client.login /
 * loginWithDefaultDirectory, node-auth0 passwordGrant). Methods that cannot carry an audience
 * (/oauth/ro, loginWithResourceOwner, signIn, delegation) are reported, not rewritten.
 */
import type { ASTNode, ASTPath } from 'jscodeshift';
import { nodesOf } from '../src/ast/node-index';
import { type BoundValue, boundValueOf, isMutatedAfterwards, isPortable } from '../src/analysis/local-values';
import { declaredMajor } from '../src/analysis/facts';
import { holderLinkOf } from '../src/analysis/origins';
import { type ScopeIndex, scopeIndexOf } from '../src/analysis/scope';
import {
  type ClientConstruction,
  type HttpTokenRequest,
  type Origin,
  type ParamCall,
  type RequestBody,
  type SdkTokenRequest,
  clientOption,
  findAuth0Hosts,
  findTokenRequests,
  mayContainTokenRequests,
} from '../src/analysis/token-requests';
import { findAuth0Bindings } from '../src/analysis/auth0-bindings';
import { type AudienceText, CUSTOM_AUDIENCE_MESSAGE, type ExistingAudience, otherAudienceFinding, audienceFromDomain, audienceFromHost, classifyExistingAudience, computedDomainMessage, customDomainMessage } from '../src/ast/audience';
import { spanOf, textOf } from '../src/ast/edits';
import {
  type FormBody,
  type FormParam,
  type FormValue,
  appendFormValue,
  findFormParam,
  formParamText,
  formStyle,
  formValueSpan,
  insertFormParams,
  readFormBody,
  replaceFormValue,
} from '../src/ast/form-body';
import { type AnyNode, asNode, dominantQuote, eolOf, findProperty, hasSpread, indentAt, isStringLiteral, memberPropertyName, objectProperties, propertyName, quoteOf, quoteString, stringValue, unwrapExpression } from '../src/ast/nodes';
import { type InsertPropertyOptions, insertProperty, quoteForObject, setStringValue } from '../src/ast/object';
import { declaredObjectType, hasMember, insertOptionalMember, memberName } from '../src/ast/type-members';
import { classifyHost, isManagementAudience, isUserinfoAudience, managementAudienceForHost, normaliseHost } from '../src/catalog/audience';
import { mergeScopeString } from '../src/catalog/scopes';
import { isIgnoredNode, toJscodeshiftTransform } from '../src/transform-kit';
import { everyTransform } from './every';
import type { FindingCause, TransformContext, TransformMeta, TransformModule } from '../src/types';

export const meta: TransformMeta = {
  id: 'token-request',
  description: 'Add the Management API audience and scopes to password-grant requests to /oauth/token; flag legacy endpoints that cannot carry an audience.',
};

const PASSWORD_GRANTS = new Set(['password', 'http://auth0.com/oauth/grant-type/password-realm']);

const SECRET_MESSAGE =
  'a literal client_secret ships to browsers with this code, where anyone can read it: rotate the secret and request the token from a server (or use Universal Login)';

function envSecretMessage(variable: string): string {
  return `this client_secret comes from ${variable}, which the bundler writes into the browser bundle, where anyone can read it: rotate the secret and request the token from a server (or use Universal Login)`;
}

/** Environment variables bundlers write into browser code (Create React App, Vue CLI, Next.js, Angular, Vite, Gatsby, Expo). */
const BROWSER_ENV_PREFIX = /^(REACT_APP_|VUE_APP_|NEXT_PUBLIC_|NG_APP_|VITE_|GATSBY_|EXPO_PUBLIC_)/;

/** `process.env.REACT_APP_X` or `import.meta.env.VITE_X` (a browser-bundled variable): the variable's text; else undefined. */
function browserEnvVariable(run: Run, value: unknown): string | undefined {
  const node = unwrapExpression(value);
  if (!node || (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression')) return undefined;
  const name = memberPropertyName(node);
  const env = unwrapExpression(node.object);
  if (!name || memberPropertyName(env) !== 'env') return undefined;
  const owner = unwrapExpression(env?.object);
  const viaProcess = owner?.type === 'Identifier' && owner.name === 'process' && BROWSER_ENV_PREFIX.test(name);
  // Vite exposes only VITE_ variables to the browser (SvelteKit and Astro: PUBLIC_); others stay on the server.
  const viaImportMeta = owner?.type === 'MetaProperty' && /^(VITE_|PUBLIC_)/.test(name);
  return viaProcess || viaImportMeta ? textOf(run.ctx.source, node as never) : undefined;
}

const INHERITED_CUSTOM_AUDIENCE_MESSAGE =
  'this login inherits its client\'s audience, which is another API\'s; a token carries one API audience, so the Management API needs a second token (e.g. checkSession({ audience: "https://TENANT.auth0.com/api/v2/", scope })) — left unchanged';

interface Run {
  ctx: TransformContext;
  scopes: readonly string[];
  /** Whether the file ships to browsers (asked only when a literal client_secret is seen). */
  browser: () => boolean;
  /** Hosts the file gives to Auth0 clients (asked only for token URLs on a custom host). */
  auth0Hosts: () => Set<string>;
  /** Bodies and types already edited: one local may be sent by several requests. */
  done: Set<unknown>;
}

export function apply(ctx: TransformContext): void {
  if (!mayContainTokenRequests(ctx.source)) return;
  const bindings = findAuth0Bindings(ctx.j, ctx.root);
  const base = {
    ctx,
    browser: once(() => shipsToBrowser(ctx)),
    auth0Hosts: once(() => findAuth0Hosts(ctx.j, ctx.root, bindings)),
    done: new Set<unknown>(),
  };
  for (const site of findTokenRequests(ctx.j, ctx.root, ctx.source, bindings)) {
    const ignored = isIgnoredNode(ctx.source, site.call.node, ...(site.kind === 'http' ? bodyNodes(site.body) : []));
    // The result of a token request reaches the app through its callback or promise.
    const call = ctx.link('call', site.call.node);
    if (site.kind === 'legacy') {
      if (site.auth0JsMajor !== undefined && declaredMajor(ctx.packageFacts?.versions.auth0Js) !== site.auth0JsMajor) continue;
      ctx.site({ role: 'producer', node: site.call.node, links: [call], grant: 'password', ignored }, () =>
        ctx.report(site.call.node, 'legacy-endpoint', site.message, site.cause),
      );
    } else if (site.kind === 'http') {
      if (!isAuth0Request(base, site)) continue;
      if (!ignored && site.body) reportLiteralSecret({ ...base, scopes: [] }, site.body);
      const host = site.origin.kind === 'literal' && classifyHost(site.origin.host) !== 'invalid' ? normaliseHost(site.origin.host).toLowerCase() : undefined;
      ctx.site({ role: 'producer', node: site.call.node, links: [call], grant: 'password', ...(host ? { host } : {}), ignored }, (scopes) =>
        migrateHttpRequest({ ...base, scopes }, site),
      );
    } else {
      // auth.js merges its client's audience and scope into a login that does not set its own:
      // then the client's config is part of its flow.
      const holder = site.library === 'auth0-js' && !setsOwnAudience(site) ? clientHolderLink(site, scopeIndexOf(ctx.root)) : undefined;
      ctx.site(
        { role: 'producer', node: site.call.node, links: holder ? [call, holder] : [call], outputs: [call], grant: 'password', ignored },
        (scopes) => migrateSdkCall({ ...base, scopes }, site),
      );
    }
  }
}

/** The client an SDK login is made on (`webAuth` of `webAuth.client.login`), as a flow link. */
function clientHolderLink(site: SdkTokenRequest, scope: ScopeIndex): string | undefined {
  let receiver = unwrapExpression(unwrapExpression((site.call.node as unknown as AnyNode).callee)?.object);
  const name = memberPropertyName(receiver);
  if (receiver && (name === 'client' || name === 'oauth')) receiver = unwrapExpression(receiver.object);
  return holderLinkOf(receiver, scope);
}

/** An SDK login whose options (an object literal here) set an audience of their own. */
function setsOwnAudience(site: SdkTokenRequest): boolean {
  return site.options?.type === 'ObjectExpression' && findProperty(site.options, 'audience') !== undefined;
}

/** Whether an HTTP token request is one to an Auth0 tenant that asks for a password grant (else: someone else's). */
function isAuth0Request(run: Omit<Run, 'scopes'>, request: HttpTokenRequest): boolean {
  if (!request.body) return false;
  const audience = audienceForOrigin({ ...run, scopes: [] }, request.origin);
  if (audience.kind === 'not-auth0') return false;
  return grantOf({ ...run, scopes: [] }, request.body, request.call) !== 'other';
}

/** Where a request body is written: the ignore comment may stand above any of them. */
function bodyNodes(body: RequestBody | undefined): (object | undefined)[] {
  if (!body) return [];
  const written = body.kind === 'object' ? body.object : body.kind === 'params' ? undefined : body.node;
  return [written, body.kind === 'unreadable' ? undefined : body.bound?.declarator.node];
}

function once<T>(compute: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: compute() }).v;
}

// ---------------------------------------------------------------------------------------------
// Audience

type AudienceValue = { literal: string } | { expression: string };

type OriginAudience =
  | { kind: 'value'; value: AudienceValue }
  | { kind: 'finding'; code: 'custom-domain' | 'unresolved-config'; message: string; cause?: FindingCause }
  /** Not an Auth0 tenant: the request is someone else's token endpoint. */
  | { kind: 'not-auth0' };

function audienceForOrigin(run: Run, origin: Origin): OriginAudience {
  const forced = run.ctx.options.audience;
  if (origin.kind === 'relative' || origin.kind === 'elsewhere') return { kind: 'not-auth0' };
  const host = origin.host;
  if (host !== undefined) {
    const kind = classifyHost(host);
    if (kind === 'invalid') return { kind: 'not-auth0' };
    if (kind === 'custom-domain') {
      // Many servers have an /oauth/token with a password grant; a custom host is Auth0's only
      // when the file also gives it to an Auth0 client.
      if (!run.auth0Hosts().has(normaliseHost(host).toLowerCase())) return { kind: 'not-auth0' };
      if (forced) return { kind: 'value', value: { literal: forced } };
      return { kind: 'finding', code: 'custom-domain', message: customDomainMessage(host) };
    }
    if (origin.kind === 'literal') return { kind: 'value', value: { literal: forced ?? managementAudienceForHost(host) } };
  }
  if (forced) return { kind: 'value', value: { literal: forced } };
  // Other servers (Laravel Passport, Doorkeeper, …) also serve /oauth/token with a password grant:
  // a host known only at run time counts as the tenant when the file speaks of Auth0 at all.
  if (!/auth0/i.test(run.ctx.source)) {
    return {
      kind: 'finding',
      code: 'unresolved-config',
      message: "cannot tell whether this token URL's host is your Auth0 tenant: if it is, rerun with --audience https://TENANT.auth0.com/api/v2/",
      cause: 'domain-out-of-sight',
    };
  }
  if (origin.kind === 'expression' && origin.template) return { kind: 'value', value: { expression: origin.template } };
  if (origin.kind === 'expression' && origin.computedBy) return { kind: 'finding', code: 'unresolved-config', message: computedDomainMessage(origin.computedBy), cause: 'computed-domain' };
  return {
    kind: 'finding',
    code: 'unresolved-config',
    message: "this token URL's host is built from values that are not in scope here: rerun with --audience https://TENANT.auth0.com/api/v2/",
    cause: 'domain-out-of-sight',
  };
}

/** What an Auth0 request's audience is, once other servers' token endpoints are ruled out. */
type TenantAudience = Exclude<OriginAudience, { kind: 'not-auth0' }>;

function audienceTextOf(audience: TenantAudience, quote: '"' | "'"): AudienceText {
  if (audience.kind === 'finding') return { ok: false, code: audience.code, message: audience.message, cause: audience.cause };
  const value = audience.value;
  return { ok: true, text: 'literal' in value ? quoteString(value.literal, quote) : value.expression };
}

/** An existing audience, with a local string constant read through. */
function existingAudience(run: Run, value: unknown, at: ASTPath): ExistingAudience {
  const bound = boundValueOf(run.ctx.j, run.ctx.root, at, value);
  return classifyExistingAudience(bound && isStringLiteral(bound.init) ? bound.init : value);
}

// ---------------------------------------------------------------------------------------------
// HTTP requests

function migrateHttpRequest(run: Run, request: HttpTokenRequest): void {
  const { ctx } = run;
  if (!request.body) return;
  const audience = audienceForOrigin(run, request.origin);
  if (audience.kind === 'not-auth0') return;
  const body = request.body;
  const grant = grantOf(run, body, request.call);
  if (grant === 'other') return;
  if (grant === 'unknown') {
    ctx.report(
      request.call.node,
      'unresolved-config',
      `cannot read this /oauth/token request's body or grant type here: if it is a password grant, add the Management API audience and the scope ${run.scopes.join(' ')} by hand`,
      'options-elsewhere',
    );
    return;
  }
  const audienceText = (quote: '"' | "'"): AudienceText => audienceTextOf(audience, quote);
  if (body.kind === 'object') {
    migrateObject(run, { object: body.object, bound: body.bound, call: request.call, audienceText });
  } else if (body.kind === 'form') {
    migrateFormBody(run, body.node, audience, request.call);
  } else if (body.kind === 'params') {
    migrateParamCalls(run, body.bound, body.calls, audienceText, request.call);
  }
}

type Grant = 'password' | 'other' | 'unknown';

function grantKind(value: string | undefined): Grant {
  if (value === undefined) return 'unknown';
  return PASSWORD_GRANTS.has(value.trim()) ? 'password' : 'other';
}

/** The grant a body asks for. A body without grant_type is not a token request we know, unless a spread may hide it. */
function grantOf(run: Run, body: RequestBody, at: ASTPath): Grant {
  switch (body.kind) {
    case 'unreadable':
      return 'unknown';
    case 'object': {
      const prop = findProperty(body.object, 'grant_type');
      if (!prop) return hasSpread(body.object) ? 'unknown' : 'other';
      return grantKind(constantString(run, prop.value, body.bound?.declarator ?? at));
    }
    case 'form': {
      const form = readFormBody(run.ctx.source, body.node);
      const param = form ? findFormParam(form, 'grant_type') : undefined;
      if (!param) return 'other';
      return grantKind(formParamText(param));
    }
    case 'params': {
      const call = lastCall(body.calls, 'grant_type');
      if (!call) return 'other';
      return grantKind(constantString(run, call.value, call.statement));
    }
  }
}

/** A string literal, or a local bound once to one. */
function constantString(run: Run, node: unknown, at: ASTPath): string | undefined {
  const literal = stringValue(unwrapExpression(node));
  if (literal !== undefined) return literal;
  const bound = boundValueOf(run.ctx.j, run.ctx.root, at, node);
  return bound ? stringValue(bound.init) : undefined;
}

function reportLiteralSecret(run: Run, body: RequestBody): void {
  if (body.kind === 'object') {
    const prop = findProperty(body.object, 'client_secret');
    const variable = prop ? browserEnvVariable(run, prop.value) : undefined;
    if (prop && variable) run.ctx.report(prop as unknown as ASTNode, 'client-secret-in-browser', envSecretMessage(variable));
    else if (prop && isNonEmptyLiteral(prop.value) && run.browser()) run.ctx.report(prop as unknown as ASTNode, 'client-secret-in-browser', SECRET_MESSAGE);
  } else if (body.kind === 'form') {
    const form = readFormBody(run.ctx.source, body.node);
    const param = form ? findFormParam(form, 'client_secret') : undefined;
    const value = param ? formParamText(param) : undefined;
    if (value && run.browser()) run.ctx.report(body.node as unknown as ASTNode, 'client-secret-in-browser', SECRET_MESSAGE);
  } else if (body.kind === 'params') {
    const call = lastCall(body.calls, 'client_secret');
    if (call && isNonEmptyLiteral(call.value) && run.browser()) run.ctx.report(call.statement.node, 'client-secret-in-browser', SECRET_MESSAGE);
  }
}

function isNonEmptyLiteral(node: unknown): boolean {
  const value = stringValue(unwrapExpression(node));
  return value !== undefined && value !== '';
}

// ---------------------------------------------------------------------------------------------
// auth0.js client.login / loginWithDefaultDirectory, node-auth0 passwordGrant

function migrateSdkCall(run: Run, request: SdkTokenRequest): void {
  const { ctx } = run;
  const options = request.options;
  let object: AnyNode | undefined;
  let bound: BoundValue | undefined;
  if (options?.type === 'ObjectExpression') object = options;
  else {
    bound = boundValueOf(ctx.j, ctx.root, request.call, options);
    if (bound?.init.type === 'ObjectExpression' && !isMutatedAfterwards(ctx.j, ctx.root, bound)) object = bound.init;
  }
  const call = request.call;
  if (isIgnoredNode(ctx.source, object, bound?.declarator.node)) return;
  if (!object) {
    ctx.report(
      call.node,
      'unresolved-config',
      `the options of this ${request.method} call come from elsewhere: add the Management API audience and the scope ${run.scopes.join(' ')} to them by hand`,
      'options-elsewhere',
    );
    return;
  }
  const client = request.client;
  const audienceText = (quote: '"' | "'"): AudienceText => clientAudience(run, request, client, quote);
  const inherited = request.library === 'auth0-js' && client?.options ? inheritedOptions(run, client) : undefined;
  migrateObject(run, { object, bound, call, audienceText, inherited });
}

function clientAudience(run: Run, request: SdkTokenRequest, client: ClientConstruction | undefined, quote: '"' | "'"): AudienceText {
  const { ctx } = run;
  if (ctx.options.audience) return { ok: true, text: quoteString(ctx.options.audience, quote) };
  const className = request.library === 'auth0-js' ? 'auth0.WebAuth / auth0.Authentication' : 'AuthenticationClient';
  const domain = client ? clientOption(client, 'domain') : undefined;
  if (!client || !domain) {
    // A browser app's scripts share globals: the client lives in another file of the package.
    const packageHosts = ctx.packageFacts?.tenantHosts ?? [];
    if (packageHosts.length === 1) return audienceFromHost(ctx, packageHosts[0], quote);
    return {
      ok: false,
      code: 'unresolved-config',
      message: `cannot tell which ${className} (and so which tenant) this ${request.method} call uses: rerun with --audience https://TENANT.auth0.com/api/v2/`,
      cause: 'domain-out-of-sight',
    };
  }
  if (!isPortable(domain, client.optionsAt, request.call)) {
    return {
      ok: false,
      code: 'unresolved-config',
      message: `the client's domain (${textOf(ctx.source, domain as never)}) is not in scope at this ${request.method} call: rerun with --audience https://TENANT.auth0.com/api/v2/`,
      cause: 'domain-out-of-sight',
    };
  }
  return audienceFromDomain(ctx, domain, quote);
}

/**
 * auth0.js merges the client's constructor options into each call: a call without its own
 * `audience` / `scope` gets the constructor's (pitfall 3). null: set, but not to a literal.
 */
function inheritedOptions(run: Run, client: ClientConstruction): Inherited {
  const audience = clientOption(client, 'audience');
  const scope = clientOption(client, 'scope');
  return {
    audience: audience ? existingAudience(run, audience, client.optionsAt) : 'none',
    scope: scope ? (constantString(run, scope, client.optionsAt) ?? null) : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Object bodies and option objects

interface Inherited {
  audience: ExistingAudience;
  scope: string | undefined | null;
}

interface ObjectTarget {
  object: AnyNode;
  bound?: BoundValue;
  call: ASTPath;
  audienceText: (quote: '"' | "'") => AudienceText;
  inherited?: Inherited;
}

function migrateObject(run: Run, target: ObjectTarget): void {
  const { ctx } = run;
  const { object } = target;
  const at = target.bound?.declarator ?? target.call;
  const audienceProp = findProperty(object, 'audience');
  const scopeProp = findProperty(object, 'scope');
  if (hasSpread(object) && !(audienceProp && scopeProp)) {
    // The spread may already carry audience or scope; a key added after it would override them.
    ctx.report(
      target.call.node,
      'unresolved-config',
      `part of this request's options come from a spread: make sure they include the Management API audience and the scope ${run.scopes.join(' ')}`,
      'spread-options',
    );
    return;
  }

  let audienceEdit: 'none' | 'insert' | 'replace' = 'none';
  if (audienceProp) {
    const kind = existingAudience(run, audienceProp.value, at);
    if (kind === 'other') {
      const finding = otherAudienceFinding(ctx, audienceProp.value);
      ctx.report(audienceProp as unknown as ASTNode, finding.code, finding.message, finding.cause);
      return;
    }
    if (kind === 'userinfo') audienceEdit = 'replace';
  } else if (target.inherited?.audience === 'other') {
    ctx.report(target.call.node, 'custom-audience', INHERITED_CUSTOM_AUDIENCE_MESSAGE, 'own-api-audience');
    return;
  } else if (target.inherited?.audience !== 'management') {
    audienceEdit = 'insert';
  }

  let scopeEdit: { kind: 'none' } | { kind: 'replace' | 'insert'; value: string } = { kind: 'none' };
  if (scopeProp) {
    const current = stringValue(scopeProp.value);
    if (current === undefined) {
      ctx.report(
        scopeProp as unknown as ASTNode,
        'unresolved-config',
        `scope is not a string literal here: make it include ${run.scopes.join(' ')} and add the Management API audience by hand`,
        'non-literal-value',
      );
      return;
    }
    const merged = mergeScopeString(current, run.scopes);
    if (merged !== current) scopeEdit = { kind: 'replace', value: merged };
  } else {
    const base = target.inherited?.scope;
    if (base === null) {
      ctx.report(
        target.call.node,
        'unresolved-config',
        `this login inherits the client's scope, which is not a string literal: add a scope that keeps it and includes ${run.scopes.join(' ')} by hand`,
        'non-literal-value',
      );
      return;
    }
    const merged = mergeScopeString(base, run.scopes);
    if (base === undefined || merged !== base) scopeEdit = { kind: 'insert', value: merged };
  }

  if (audienceEdit === 'none' && scopeEdit.kind === 'none') return;
  if (run.done.has(object)) return;
  run.done.add(object);

  const quote = quoteForObject(ctx.source, object);
  let audienceText = '';
  if (audienceEdit !== 'none') {
    const result = target.audienceText(quote);
    if (!result.ok) {
      ctx.report(target.call.node, result.code, result.message, result.cause);
      return;
    }
    audienceText = result.text;
  }

  const placement = audiencePlacement(object);
  if (audienceEdit === 'replace' && audienceProp) ctx.edits.replaceNode(audienceProp.value as ASTNode, audienceText);
  if (audienceEdit === 'insert') insertProperty(ctx.edits, ctx.source, object as unknown as ASTNode, 'audience', audienceText, placement);
  if (scopeEdit.kind === 'replace' && scopeProp) setStringValue(ctx.edits, ctx.source, scopeProp.value as ASTNode, scopeEdit.value);
  if (scopeEdit.kind === 'insert') {
    const scopePlacement: InsertPropertyOptions = audienceEdit === 'insert' ? placement : { after: ['audience'] };
    insertProperty(ctx.edits, ctx.source, object as unknown as ASTNode, 'scope', quoteString(scopeEdit.value, quote), scopePlacement);
  }
  declareInType(run, target.bound, audienceEdit === 'insert', scopeEdit.kind === 'insert');
}

/** Where the seed puts audience: before scope, else after password / realm (whichever is later), else last. */
function audiencePlacement(object: AnyNode): InsertPropertyOptions {
  if (findProperty(object, 'scope')) return { before: ['scope'] };
  const credential = lastNamed(objectProperties(object).map((p) => propertyName(p)), ['password', 'realm']);
  return credential ? { after: [credential] } : {};
}

function lastNamed(names: readonly (string | undefined)[], wanted: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const name of names) if (name !== undefined && wanted.includes(name)) found = name;
  return found;
}

/** A typed local (`const body: TokenBody = {…}`) also needs the new keys in its local type. */
function declareInType(run: Run, bound: BoundValue | undefined, audience: boolean, scope: boolean): void {
  if (!bound || (!audience && !scope)) return;
  const { ctx } = run;
  const declarator = bound.declarator.node as unknown as AnyNode;
  const type = declaredObjectType(ctx.j, ctx.root, declarator.id, declarator.init);
  if (!type) return;
  const credential = lastNamed(type.members.map(memberName), ['password', 'realm']);
  // The same places as in the object: audience before scope, else after the credentials.
  const audiencePlace = hasMember(type, 'scope') ? { before: ['scope'] } : credential ? { after: [credential] } : {};
  const scopePlace = audience ? audiencePlace : { after: ['audience'] };
  const containerKey = spanOf(type.container as unknown as ASTNode)[0];
  for (const [wanted, name, placement] of [
    [audience, 'audience', audiencePlace],
    [scope, 'scope', scopePlace],
  ] as const) {
    const key = `${containerKey}:${name}`;
    if (!wanted || hasMember(type, name) || run.done.has(key)) continue;
    run.done.add(key);
    insertOptionalMember(ctx.edits, ctx.source, type, name, 'string', placement);
  }
}

// ---------------------------------------------------------------------------------------------
// url-encoded string bodies

function formAudienceKind(param: FormParam): ExistingAudience {
  const text = formParamText(param);
  if (text !== undefined) {
    if (isUserinfoAudience(text)) return 'userinfo';
    return isManagementAudience(text) ? 'management' : 'other';
  }
  // The empty text that follows the value where the next parameter's '&…' literal starts is no part of it.
  const pieces = param.value.filter((p) => p.kind !== 'text' || p.value !== '');
  const [only] = pieces;
  const call = pieces.length === 1 && only.kind === 'expression' ? only.node : undefined;
  const callee = asNode(call?.callee);
  if (call?.type === 'CallExpression' && callee?.type === 'Identifier' && callee.name === 'encodeURIComponent') {
    return classifyExistingAudience((call.arguments as unknown[])[0]);
  }
  return 'other';
}

function migrateFormBody(run: Run, node: AnyNode, audience: TenantAudience, call: ASTPath): void {
  const { ctx } = run;
  const form = readFormBody(ctx.source, node, dominantQuote(ctx.source));
  if (!form) return;
  const style = formStyle(form);
  const audienceParam = findFormParam(form, 'audience');
  const scopeParam = findFormParam(form, 'scope');
  const cannotEdit = (): void =>
    ctx.report(
      node as unknown as ASTNode,
      'unresolved-config',
      `this url-encoded body's audience or scope is not plain literal text: add audience and the scope ${run.scopes.join(' ')} by hand`,
      'non-literal-value',
    );

  let audienceEdit: 'none' | 'insert' | 'replace' = 'insert';
  if (audienceParam) {
    const kind = formAudienceKind(audienceParam);
    if (kind === 'other') {
      ctx.report(node as unknown as ASTNode, 'custom-audience', CUSTOM_AUDIENCE_MESSAGE, 'own-api-audience');
      return;
    }
    audienceEdit = kind === 'userinfo' ? 'replace' : 'none';
    if (audienceEdit === 'replace' && !formValueSpan(audienceParam)) return cannotEdit();
  }

  let scopeSuffix: string | undefined;
  let newScope: string | undefined;
  if (scopeParam) {
    const current = formParamText(scopeParam);
    if (current === undefined || !formValueSpan(scopeParam)) return cannotEdit();
    const merged = mergeScopeString(current, run.scopes);
    if (merged !== current) {
      if (!merged.startsWith(current)) return cannotEdit();
      scopeSuffix = merged.slice(current.length);
    }
  } else {
    newScope = mergeScopeString(undefined, run.scopes);
  }
  if (audienceEdit === 'none' && scopeSuffix === undefined && newScope === undefined) return;
  if (run.done.has(node)) return;
  run.done.add(node);

  if (audienceEdit !== 'none' && audience.kind === 'finding') {
    ctx.report(call.node, audience.code, audience.message, audience.cause);
    return;
  }
  const value: FormValue | undefined = audience.kind === 'value' ? audience.value : undefined;

  const inserted: { name: string; value: FormValue }[] = [];
  if (audienceEdit === 'insert' && value) inserted.push({ name: 'audience', value });
  if (newScope !== undefined) inserted.push({ name: 'scope', value: { literal: newScope } });
  if (inserted.length > 0) {
    const where = insertionPoint(form, audienceEdit === 'insert', audienceParam, scopeParam);
    if (!insertFormParams(ctx.edits, form, inserted, style, where)) return cannotEdit();
  }
  if (audienceEdit === 'replace' && audienceParam && value) replaceFormValue(ctx.edits, audienceParam, value, style);
  if (scopeSuffix !== undefined && scopeParam) appendFormValue(ctx.edits, scopeParam, scopeSuffix, style);
}

function insertionPoint(
  form: FormBody,
  insertsAudience: boolean,
  audienceParam: FormParam | undefined,
  scopeParam: FormParam | undefined,
): { before: FormParam } | { after: FormParam | undefined } {
  if (insertsAudience && scopeParam) return { before: scopeParam };
  if (!insertsAudience && audienceParam) return { after: audienceParam };
  let credential: FormParam | undefined;
  for (const param of form.params) if (param.name === 'password' || param.name === 'realm') credential = param;
  return { after: credential };
}

// ---------------------------------------------------------------------------------------------
// URLSearchParams filled by append / set

function lastCall(calls: readonly ParamCall[], key: string): ParamCall | undefined {
  const found = calls.filter((c) => c.key === key);
  return found[found.length - 1];
}

function migrateParamCalls(run: Run, bound: BoundValue, calls: readonly ParamCall[], audienceText: (quote: '"' | "'") => AudienceText, call: ASTPath): void {
  const { ctx } = run;
  const audienceCall = lastCall(calls, 'audience');
  const scopeCall = lastCall(calls, 'scope');
  const keyQuote = quoteOf(ctx.source, calls[0].keyNode as unknown as ASTNode);
  const quote = keyQuote === '`' ? dominantQuote(ctx.source) : keyQuote;

  let audienceEdit: 'none' | 'insert' | 'replace' = 'insert';
  if (audienceCall) {
    const kind = existingAudience(run, audienceCall.value, audienceCall.statement);
    if (kind === 'other') {
      const finding = otherAudienceFinding(ctx, audienceCall.value);
      ctx.report(audienceCall.statement.node, finding.code, finding.message, finding.cause);
      return;
    }
    audienceEdit = kind === 'userinfo' ? 'replace' : 'none';
  }
  let scopeEdit: { kind: 'none' } | { kind: 'replace' | 'insert'; value: string } = { kind: 'none' };
  if (scopeCall) {
    const current = stringValue(scopeCall.value);
    if (current === undefined) {
      ctx.report(scopeCall.statement.node, 'unresolved-config', `scope is not a string literal here: make it include ${run.scopes.join(' ')} and add the Management API audience by hand`, 'non-literal-value');
      return;
    }
    const merged = mergeScopeString(current, run.scopes);
    if (merged !== current) scopeEdit = { kind: 'replace', value: merged };
  } else {
    scopeEdit = { kind: 'insert', value: mergeScopeString(undefined, run.scopes) };
  }
  if (audienceEdit === 'none' && scopeEdit.kind === 'none') return;
  if (run.done.has(bound.init)) return;
  run.done.add(bound.init);

  let audience = '';
  if (audienceEdit !== 'none') {
    const result = audienceText(quote);
    if (!result.ok) {
      ctx.report(call.node, result.code, result.message, result.cause);
      return;
    }
    audience = result.text;
  }
  if (audienceEdit === 'replace' && audienceCall) ctx.edits.replaceNode(audienceCall.value as unknown as ASTNode, audience);
  if (scopeEdit.kind === 'replace' && scopeCall) setStringValue(ctx.edits, ctx.source, scopeCall.value as unknown as ASTNode, scopeEdit.value);

  const added: [string, string][] = [];
  if (audienceEdit === 'insert') added.push(['audience', audience]);
  if (scopeEdit.kind === 'insert') added.push(['scope', quoteString(scopeEdit.value, quote)]);
  if (added.length === 0) return;

  // New statements go where the seed puts the keys: audience just before scope, else after the
  // credentials (or after an existing audience, for a new scope), else after the last one.
  const credential = calls.filter((c) => c.key === 'password' || c.key === 'realm').pop();
  const before = audienceEdit === 'insert' ? scopeCall : undefined;
  const after = (audienceEdit === 'insert' ? undefined : audienceCall) ?? credential ?? calls[calls.length - 1];
  const [start, end] = spanOf((before ?? after).statement.node);
  const semicolon = ctx.source.slice(start, end).trimEnd().endsWith(';') ? ';' : '';
  const method = calls[calls.length - 1].method;
  const statements = added.map(([key, valueText]) => `${bound.name}.${method}(${quoteString(key, quote)}, ${valueText})${semicolon}`);
  const eol = eolOf(ctx.source);
  const indent = indentAt(ctx.source, start);
  if (before) ctx.edits.insert(start, statements.map((s) => `${s}${eol}${indent}`).join(''));
  else ctx.edits.insert(end, statements.map((s) => `${eol}${indent}${s}`).join(''));
}

// ---------------------------------------------------------------------------------------------
// Browser code

const BROWSER_GLOBALS = new Set(['window', 'document', 'localStorage', 'sessionStorage', 'navigator']);
const BROWSER_LIBRARIES = ['auth0-js', 'auth0-lock', 'angular-auth0', '@auth0/auth0-spa-js', 'react-dom', 'vue', '@angular/core', 'jquery'];
const SERVER_LIBRARIES = ['fs', 'path', 'http', 'https', 'child_process', 'os', 'net', 'express', 'koa', 'fastify', 'auth0'];

/**
 * Whether the file is code that ships to browsers, decided conservatively: it is a component
 * file (.jsx, .tsx, .vue, .svelte, .html) or touches browser globals, JSX or browser-only
 * libraries, and shows nothing of a server (process.env, Node built-ins, node-auth0, __dirname).
 */
function shipsToBrowser(ctx: TransformContext): boolean {
  const { j, root, filePath } = ctx;
  const modules = new Set<string>();
  nodesOf(j, root, j.ImportDeclaration).forEach((p) => {
    modules.add(String(p.node.source.value));
  });
  nodesOf(j, root, j.CallExpression, { callee: { type: 'Identifier', name: 'require' } }).forEach((p) => {
    const name = stringValue(p.node.arguments[0]);
    if (name !== undefined) modules.add(name);
  });
  const serverModule = [...modules].some((m) => m.startsWith('node:') || SERVER_LIBRARIES.includes(m));
  const processEnv = nodesOf(j, root, j.MemberExpression).filter((p) => {
    const object = asNode(p.node.object);
    return object?.type === 'Identifier' && object.name === 'process' && memberPropertyName(p.node) === 'env';
  });
  const nodeGlobals = nodesOf(j, root, j.Identifier).filter((p) => p.node.name === '__dirname' || p.node.name === '__filename');
  if (serverModule || processEnv.length > 0 || nodeGlobals.length > 0) return false;

  if (/\.(jsx|tsx|vue|svelte|html?)$/i.test(filePath)) return true;
  if (nodesOf(j, root, j.JSXElement).length > 0 || nodesOf(j, root, j.JSXFragment).length > 0) return true;
  if ([...modules].some((m) => BROWSER_LIBRARIES.includes(m))) return true;
  return (
    nodesOf(j, root, j.MemberExpression)
      .filter((p) => {
        const object = asNode(p.node.object);
        return object?.type === 'Identifier' && BROWSER_GLOBALS.has(object.name as string);
      })
      .length > 0
  );
}

export const transformModule: TransformModule = { meta, apply };
export default toJscodeshiftTransform([transformModule], everyTransform);
