/**
 * Before:
 *   var webAuth = new auth0.WebAuth({
 *     clientID: '{yourClientId}',
 *     domain: '{yourDomain}',
 *     redirectUri: 'https://{yourApp}/callback',
 *     scope: 'openid',
 *     responseType: 'id_token'
 *   });
 *
 * After:
 *   var webAuth = new auth0.WebAuth({
 *     clientID: '{yourClientId}',
 *     domain: '{yourDomain}',
 *     redirectUri: 'https://{yourApp}/callback',
 *     audience: 'https://{yourDomain}/api/v2/',
 *     scope: 'openid read:current_user',
 *     responseType: 'token id_token'
 *   });
 *
 * Lock (`new Auth0Lock(id, domain, options)`, `lockProvider.init({ options })`) gets the same
 * through `auth.audience`, `auth.responseType` and `auth.params.scope`, plus `oidcConformant: true`
 * where Lock 10 may be in use. Per-call options (`authorize`, `popup.authorize`, `checkSession`,
 * `renewAuth`, `passwordlessStart`'s `authParams`, `lock.show`'s `auth.params`) replace the
 * config's keys, so the keys they set are migrated the same way; keys they do not set are left to
 * the config.
 */
import type { ASTNode, ASTPath } from 'jscodeshift';
import { findAuth0Bindings, findAuth0V7Constructions } from '../src/analysis/auth0-bindings';
import { declaredMajor } from '../src/analysis/facts';
import { holderKey, holderLink } from '../src/analysis/holders';
import { holderLinkOf, REDIRECT_LOGIN } from '../src/analysis/origins';
import { scopeIndexOf } from '../src/analysis/scope';
import { classifyHost, isManagementAudience, isUserinfoAudience, managementAudienceForHost, normaliseHost } from '../src/catalog/audience';
import { importedObjectValue, importedValue, isEnvironmentFile } from '../src/analysis/module-values';
import {
  findLockProfileCalls,
  findLoginConfigs,
  findPerCallOptions,
  isHostedLoginPage,
  type LoginConfig,
  type PerCallOptions,
  propertyValuePath,
  type ResolvedObject,
  resolveObjectAt,
} from '../src/analysis/login-configs';
import { audienceFromDomain, otherAudienceFinding } from '../src/ast/audience';
import { spanOf } from '../src/ast/edits';
import { type AnyNode, asNode, dominantQuote, findProperty, objectProperties, propertyValue, quoteString, stringValue, unwrapExpression } from '../src/ast/nodes';
import { insertProperty, quoteForObject, setStringValue } from '../src/ast/object';
import {
  definedAt,
  isCodeFlow,
  judgeAudience,
  type Layout,
  ObjectPlan,
  readStringOption,
  type StringOption,
  responseTypeTokens,
  userinfoReplacement,
  withAccessToken,
} from '../src/ast/scope-config';
import { mergeScopeString, parseScopeList, withOpenid } from '../src/catalog/scopes';
import { isIgnoredNode, toJscodeshiftTransform } from '../src/transform-kit';
import { everyTransform } from './every';
import { textGate } from '../src/ast/text-gate';
import type { TransformContext, TransformMeta, TransformModule } from '../src/types';

export const meta: TransformMeta = {
  id: 'webauth-config',
  description: 'Add the Management API audience, its scopes and an access-token response type to auth0.js, Lock and angular-auth0 login configs.',
};

/** What became of a config: per-call options that do not set their own audience follow it. */
type Outcome = 'migrated' | 'left' | 'code-flow';

interface Job {
  ctx: TransformContext;
  /** The scopes of the flow of the site being migrated. */
  scopes: readonly string[];
  configs: readonly LoginConfig[];
  /** Outcome per object literal already handled (one literal may configure several instances). */
  handled: Map<AnyNode, Outcome>;
  /** Outcome per holder (`identifier:webAuth`, `member:lock`) of the configs in this file. */
  holderOutcomes: Map<string, Outcome>;
}

/**
 * Every config this transform reads is built from, or called on, a name that spells one of these:
 * `WebAuth`, `Auth0Lock` / `auth0-lock` / `lockProvider` / a `lock` receiver, `angularAuth0`.
 */
const CONFIG_TEXT = textGate(['webauth', 'lock', 'angularauth0', 'new auth0'], { ignoreCase: true });

export function apply(ctx: TransformContext): void {
  if (!CONFIG_TEXT.test(ctx.source)) return;
  if (isHostedLoginPage(ctx.j, ctx.root)) return;
  const bindings = findAuth0Bindings(ctx.j, ctx.root);
  const legacyClients = findAuth0V7Constructions(ctx.j, ctx.root, bindings);
  const configs = findLoginConfigs(ctx.j, ctx.root, bindings);
  const perCalls = findPerCallOptions(ctx.j, ctx.root, configs);
  const profileCalls = findLockProfileCalls(ctx.j, ctx.root, configs);
  if (legacyClients.length === 0 && configs.length === 0 && perCalls.length === 0 && profileCalls.length === 0) return;
  const job: Job = { ctx, scopes: [], configs, handled: new Map(), holderOutcomes: new Map() };

  for (const v7 of legacyClients) {
    ctx.site({ role: 'producer', node: v7.node, links: [REDIRECT_LOGIN], grant: 'browser', ignored: isIgnoredNode(ctx.source, v7.node) }, () =>
      ctx.report(v7.node, 'legacy-endpoint', AUTH0_JS_V7_MESSAGE, 'auth0js-v7'),
    );
  }

  for (const config of configs) {
    const ignored = isIgnoredNode(ctx.source, config.site.node, config.options.status === 'literal' ? config.options.path.node : null);
    const holders = config.holders.map(holderLink);
    const host = literalTenantHost(config.domain?.node, ctx);
    const noIdToken = config.shape === 'webauth' && asksForNoIdToken(config.options.status === 'literal' ? config.options.path.node : undefined);
    let outcome: Outcome = 'left';
    ctx.site(
      { role: 'producer', node: config.site.node, links: [...holders, REDIRECT_LOGIN], grant: 'browser', ...(host ? { host } : {}), noIdToken, ignored },
      (scopes) => {
        job.scopes = scopes;
        outcome = config.shape === 'webauth' ? migrateWebAuthConfig(job, config) : migrateLockConfig(job, config);
      },
    );
    for (const holder of config.holders) {
      const key = holderKey(holder);
      const before = job.holderOutcomes.get(key);
      // Two configs behind one name: per-call options may follow only what holds for both.
      job.holderOutcomes.set(key, before === undefined || before === outcome ? outcome : 'left');
    }
  }

  for (const call of perCalls) {
    const holder = holderLink(call.receiver);
    const ignored = isIgnoredNode(ctx.source, call.site.node, call.options.status === 'literal' ? call.options.path.node : null);
    // A login with a callback hands its result there; a redirect login to wherever the app parses
    // it, like its client's. Either takes the audience from its client unless it sets its own:
    // then the client's config is part of its flow.
    const ownAudience = call.options.status === 'literal' && propertyValue(perCallTarget(call), 'audience') !== undefined;
    const links = CALLBACK_METHODS.has(call.method)
      ? [ctx.link('call', call.site.node), ...(ownAudience ? [] : [holder])]
      : [holder, REDIRECT_LOGIN];
    const outputs = CALLBACK_METHODS.has(call.method) ? [ctx.link('call', call.site.node)] : links;
    const noIdToken = call.instance === 'webauth' && asksForNoIdToken(call.options.status === 'literal' ? call.options.path.node : undefined);
    const inherits = !ownAudience;
    ctx.site({ role: 'producer', node: call.site.node, links, outputs, grant: 'browser', noIdToken, inherits, ignored }, (scopes) => {
      job.scopes = scopes;
      migratePerCall(job, call);
    });
  }

  // Lock 10's getProfile takes the ID token, and stops working once the Lock asks for an audience.
  const lockMajor = lockMajorVersion(ctx);
  for (const call of profileCalls) {
    const receiver = unwrapExpression((call.node as unknown as AnyNode).callee)?.object;
    const holder = holderLinkOf(asNode(receiver), scopeIndexOf(ctx.root));
    ctx.site({ role: 'blocker', node: call.node, links: holder ? [holder] : [], ignored: isIgnoredNode(ctx.source, call.node) }, () => {
      if (lockMajor === undefined || lockMajor <= 10) ctx.report(call.node, 'legacy-get-profile', LOCK_PROFILE_MESSAGE, 'lock10-get-profile');
    });
  }
}

/** The object a per-call login's audience would be set in: `authParams` of passwordlessStart, `auth.params` of lock.show. */
function perCallTarget(call: PerCallOptions): AnyNode | undefined {
  if (call.options.status !== 'literal') return undefined;
  const options = call.options.path.node as unknown as AnyNode;
  if (call.method === 'passwordlessStart') return unwrapExpression(propertyValue(options, 'authParams')) ?? undefined;
  if (call.method === 'show') return unwrapExpression(propertyValue(unwrapExpression(propertyValue(options, 'auth')), 'params')) ?? undefined;
  return options;
}

/** WebAuth options whose literal responseType asks for no ID token (`'token'`, a code flow). */
function asksForNoIdToken(options: unknown): boolean {
  const value = stringValue(unwrapExpression(propertyValue(options, 'responseType')));
  return value !== undefined && !responseTypeTokens(value).has('id_token');
}

/** Per-call logins that hand their result to a callback rather than redirecting. */
const CALLBACK_METHODS = new Set(['popup.authorize', 'checkSession', 'renewAuth']);

/** A literal tenant host (`acme.auth0.com`, here or in the module it is imported from), lower-cased, for the plan's tenant checks. */
function literalTenantHost(node: unknown, ctx: TransformContext): string | undefined {
  const imported = stringValue(unwrapExpression(node)) === undefined ? importedValue(ctx, node) : undefined;
  const value = stringValue(unwrapExpression(node)) ?? (imported?.kind === 'string' ? imported.value : undefined);
  return value !== undefined && classifyHost(value) !== 'invalid' ? normaliseHost(value).toLowerCase() : undefined;
}

// ---------------------------------------------------------------------------------------------
// WebAuth and angularAuth0Provider.init

function migrateWebAuthConfig(job: Job, config: LoginConfig): Outcome {
  const { options } = config;
  if (options.status === 'missing') return 'left';
  if (options.status === 'unresolved') {
    reportUnresolvedOptions(job, options.written, `${config.origin} options`, config);
    return 'left';
  }
  const obj = options.path.node as unknown as AnyNode;
  const previous = job.handled.get(obj);
  if (previous) return previous;
  const outcome = migrateFlatOptions(job, obj, config.domain?.node as AnyNode | undefined, config.origin);
  job.handled.set(obj, outcome);
  return outcome;
}

/** A config with WebAuth's flat keys: `audience`, `scope`, `responseType` beside `domain`. */
function migrateFlatOptions(job: Job, obj: AnyNode, domain: AnyNode | undefined, origin: string): Outcome {
  const { ctx, scopes } = job;
  if (reportUnknownKeys(job, obj, `${origin} options`, { shape: 'webauth', domain })) return 'left';

  const responseTypeNode = propertyValue(obj, 'responseType');
  const responseType = readStringOption(ctx, responseTypeNode);
  if (responseType.value !== undefined && isCodeFlow(responseType.value)) return 'code-flow';
  const newResponseType = responseType.value === undefined ? undefined : withAccessToken(responseType.value);
  if (responseTypeNode && (responseType.value === undefined || (newResponseType && !responseType.literal))) {
    ctx.report(responseTypeNode as unknown as ASTNode, 'unresolved-config', responseTypeMessage(responseType), valueCause(responseType));
    return 'left';
  }

  const audience = judgeAudience(ctx, propertyValue(obj, 'audience'));
  if (audience.kind === 'other') {
    const finding = otherAudienceFinding(ctx, audience.node);
    ctx.report(findProperty(obj, 'audience') as unknown as ASTNode, finding.code, finding.message, finding.cause);
    return 'left';
  }

  const scopePlan = planScope(ctx, propertyValue(obj, 'scope'), scopes, audience.kind !== 'management');
  if (!scopePlan) return 'left';
  const { scope, mergedScope } = scopePlan;

  const quote = quoteForObject(ctx.source, obj);
  const plan = new ObjectPlan(obj);
  let audienceEdit: { node: AnyNode; text: string } | undefined;
  if (audience.kind === 'none') {
    const text = audienceFromDomain(ctx, domain, quote);
    if (!text.ok) {
      ctx.report((domain ?? obj) as unknown as ASTNode, text.code, text.message, text.cause);
      return 'left';
    }
    plan.add('audience', text.text, { before: ['scope', 'responseType'] });
  } else if (audience.kind === 'userinfo') {
    const replacement = userinfoReplacement(ctx, audience, quote);
    if (!replacement.ok) {
      ctx.report(audience.node as unknown as ASTNode, replacement.code, replacement.message, replacement.cause);
      return 'left';
    }
    audienceEdit = replacement;
  }

  if (audienceEdit) ctx.edits.replaceNode(audienceEdit.node as unknown as ASTNode, audienceEdit.text);
  if (scope.literal) setStringValue(ctx.edits, ctx.source, scope.literal as unknown as ASTNode, mergedScope);
  else plan.add('scope', quoteString(mergedScope, quote), audience.kind === 'none' ? { before: ['responseType'] } : { after: ['audience'] });
  if (newResponseType && responseType.literal) setStringValue(ctx.edits, ctx.source, responseType.literal as unknown as ASTNode, newResponseType);
  plan.emit(ctx.edits, ctx.source);
  return 'migrated';
}

// ---------------------------------------------------------------------------------------------
// Lock: new Auth0Lock(id, domain, options), Auth0LockPasswordless, lockProvider.init({ options })

function migrateLockConfig(job: Job, config: LoginConfig): Outcome {
  const { ctx } = job;
  const site = config.site.node as unknown as AnyNode;
  const lockMajor = lockMajorVersion(ctx);
  if (config.legacyPasswordless || (config.origin === 'Auth0LockPasswordless' && lockMajor !== undefined && lockMajor <= 10)) {
    ctx.report(site as unknown as ASTNode, 'legacy-endpoint', LEGACY_PASSWORDLESS_MESSAGE, 'lock-passwordless-v2');
    return 'left';
  }
  const { options } = config;
  if (options.status === 'unresolved') {
    reportUnresolvedOptions(job, options.written, `${config.origin} options`, config);
    return 'left';
  }
  if (options.status === 'missing' && !config.container && ((site.arguments as unknown[] | undefined)?.length ?? 0) < 2) return 'left';
  const obj = options.status === 'literal' ? (options.path.node as unknown as AnyNode) : undefined;
  if (obj) {
    const previous = job.handled.get(obj);
    if (previous) return previous;
  }
  const outcome = migrateLockOptions(job, config, options, lockMajor);
  if (obj) job.handled.set(obj, outcome);
  return outcome;
}

function migrateLockOptions(job: Job, config: LoginConfig, options: ResolvedObject, lockMajor: number | undefined): Outcome {
  const { ctx, scopes } = job;
  const site = config.site.node as unknown as AnyNode;
  const optionsPath = options.status === 'literal' ? options.path : undefined;
  const obj = optionsPath?.node as unknown as AnyNode | undefined;
  if (obj && reportUnknownKeys(job, obj, `${config.origin} options`, { shape: config.shape, domain: config.domain?.node as unknown as AnyNode | undefined })) return 'left';

  const auth = nestedObject(job, optionsPath, 'auth', `${config.origin} auth options`);
  if (auth === 'left') return 'left';
  const params = nestedObject(job, auth?.path, 'params', `${config.origin} auth.params`);
  if (params === 'left') return 'left';
  const authObj = auth?.path.node as unknown as AnyNode | undefined;
  const paramsObj = params?.path.node as unknown as AnyNode | undefined;

  // `auth.params` goes to every login after `auth`, so its keys win over `auth`'s.
  const responseTypeNode = propertyValue(paramsObj, 'responseType') ?? propertyValue(authObj, 'responseType');
  const responseType = readStringOption(ctx, responseTypeNode);
  if (responseTypeNode && responseType.value === undefined) {
    ctx.report(responseTypeNode as unknown as ASTNode, 'unresolved-config', responseTypeMessage(responseType), valueCause(responseType));
    return 'left';
  }
  // Lock's own default: a code flow when a redirectUrl is given, else `token`.
  const effectiveResponseType = responseType.value ?? (propertyValue(authObj, 'redirectUrl') ? 'code' : 'token');
  if (isCodeFlow(effectiveResponseType)) return 'code-flow';

  // Lock 10 accepts auth.audience only with oidcConformant (Lock 11 ignores the flag).
  const mayBeLock10 = config.origin !== 'Auth0LockPasswordless' && (lockMajor === undefined || lockMajor <= 10);
  const flag = obj ? findProperty(obj, 'oidcConformant') : undefined;
  if (mayBeLock10 && flag && !isTrueLiteral(flag.value)) {
    ctx.report(flag as unknown as ASTNode, 'unresolved-config', OIDC_FLAG_MESSAGE, 'lock10-oidc-flag');
    return 'left';
  }
  const addFlag = mayBeLock10 && !flag;
  const tokens = responseTypeTokens(effectiveResponseType);
  // Lock 10's legacy mode returns an ID token with `token`; its OIDC mode needs `id_token` asked for.
  const newResponseType =
    withAccessToken(effectiveResponseType) ?? (addFlag && tokens.size === 1 && tokens.has('token') ? 'token id_token' : undefined);
  if (newResponseType && responseTypeNode && !responseType.literal) {
    ctx.report(responseTypeNode as unknown as ASTNode, 'unresolved-config', responseTypeMessage(responseType), valueCause(responseType));
    return 'left';
  }
  const finalResponseType = newResponseType ?? effectiveResponseType;
  const redirect = findProperty(authObj, 'redirect');
  // A popup config that already has the flag and an id_token works today, so it is Lock 11 —
  // unless the package says Lock 10; the flag this transform adds is what could break it.
  const popupMayThrow = addFlag || (lockMajor !== undefined && lockMajor <= 10);
  if (popupMayThrow && redirect && isFalseLiteral(redirect.value) && responseTypeTokens(finalResponseType).has('id_token')) {
    ctx.report(redirect as unknown as ASTNode, 'unresolved-config', LOCK10_POPUP_MESSAGE, 'lock10-popup');
    return 'left';
  }
  const audienceNode = propertyValue(paramsObj, 'audience') ?? propertyValue(authObj, 'audience');
  const audience = judgeAudience(ctx, audienceNode);
  if (audience.kind === 'other') {
    const prop = findProperty(paramsObj, 'audience') ?? findProperty(authObj, 'audience');
    const finding = otherAudienceFinding(ctx, audience.node);
    ctx.report(prop as unknown as ASTNode, finding.code, finding.message, finding.cause);
    return 'left';
  }

  const scopePlan = planScope(ctx, propertyValue(paramsObj, 'scope'), scopes, audience.kind !== 'management');
  if (!scopePlan) return 'left';
  const { scope, mergedScope } = scopePlan;

  const quote = authObj ? quoteForObject(ctx.source, authObj) : obj ? quoteForObject(ctx.source, obj) : dominantQuote(ctx.source);
  let audienceText: string | undefined;
  let audienceEdit: { node: AnyNode; text: string } | undefined;
  if (audience.kind === 'none') {
    const domain = config.domain?.node as unknown as AnyNode | undefined;
    const text = audienceFromDomain(ctx, domain, quote);
    if (!text.ok) {
      ctx.report((domain ?? site) as unknown as ASTNode, text.code, text.message, text.cause);
      return 'left';
    }
    // The audience is written where `auth` is; a domain expression must mean the same there.
    const writtenAt = auth?.path ?? optionsPath;
    if (!ctx.options.audience && config.domain && writtenAt && !expressionVisibleAt(config.domain, writtenAt)) {
      ctx.report(domain as unknown as ASTNode, 'unresolved-config', DOMAIN_OUT_OF_SCOPE_MESSAGE, 'domain-out-of-sight');
      return 'left';
    }
    audienceText = text.text;
  } else if (audience.kind === 'userinfo') {
    const replacement = userinfoReplacement(ctx, audience, quote);
    if (!replacement.ok) {
      ctx.report(audience.node as unknown as ASTNode, replacement.code, replacement.message, replacement.cause);
      return 'left';
    }
    audienceEdit = replacement;
  }

  const containerPlan = !obj && config.container ? new ObjectPlan(config.container.node as unknown as AnyNode) : undefined;
  const optionsPlan = obj ? new ObjectPlan(obj) : containerPlan ? containerPlan.child('options', undefined) : new ObjectPlan();
  if (addFlag) optionsPlan.add('oidcConformant', 'true', { before: ['auth'] });
  const authPlan = optionsPlan.child('auth', authObj);
  if (audienceText) authPlan.add('audience', audienceText, { before: ['responseType', 'params'] });
  if (audienceEdit) ctx.edits.replaceNode(audienceEdit.node as unknown as ASTNode, audienceEdit.text);
  if (newResponseType) {
    if (responseType.literal) setStringValue(ctx.edits, ctx.source, responseType.literal as unknown as ASTNode, newResponseType);
    else authPlan.add('responseType', quoteString(newResponseType, quote), { before: ['params'] });
  }
  const paramsPlan = authPlan.child('params', paramsObj);
  if (scope.literal) setStringValue(ctx.edits, ctx.source, scope.literal as unknown as ASTNode, mergedScope);
  else paramsPlan.add('scope', quoteString(mergedScope, quote), { after: ['audience'] });

  if (obj) optionsPlan.emit(ctx.edits, ctx.source);
  else if (containerPlan) containerPlan.emit(ctx.edits, ctx.source);
  else {
    // `new Auth0Lock(id, domain)`: the options become a third argument.
    const domainArgument = (site.arguments as AnyNode[])[1];
    const inline: Layout = { multiline: false, propertyIndent: '', unit: '', eol: '\n', trailingComma: false };
    ctx.edits.insert(spanOf(domainArgument as unknown as ASTNode)[1], `, ${optionsPlan.render(inline, '')}`, 'member');
  }
  return 'migrated';
}

/** The object literal under `key` in a resolved object: undefined when absent, 'left' when unusable (reported). */
function nestedObject(
  job: Job,
  parent: ASTPath | undefined,
  key: string,
  label: string,
): { path: ASTPath } | undefined | 'left' {
  if (!parent) return undefined;
  const resolved = resolveObjectAt(job.ctx.j, job.ctx.root, propertyValuePath(parent, key));
  if (resolved.status === 'missing') return undefined;
  if (resolved.status === 'unresolved') {
    reportUnresolvedOptions(job, resolved.written, label);
    return 'left';
  }
  if (reportUnknownKeys(job, resolved.path.node as unknown as AnyNode, label)) return 'left';
  return { path: resolved.path };
}

function lockMajorVersion(ctx: TransformContext): number | undefined {
  return declaredMajor(ctx.packageFacts?.versions.auth0Lock);
}

// ---------------------------------------------------------------------------------------------
// Per-call options

function migratePerCall(job: Job, call: PerCallOptions): void {
  const { ctx } = job;
  const label = `${call.method} options`;
  if (isIgnoredNode(ctx.source, call.site.node, call.options.status === 'literal' ? call.options.path.node : null)) return;
  if (call.options.status === 'missing') return;
  if (call.options.status === 'unresolved') {
    ctx.report(call.options.written as unknown as ASTNode, 'unresolved-config', perCallUnresolvedMessage(call.method, job.scopes), 'options-elsewhere');
    return;
  }
  let target: ASTPath | undefined = call.options.path;
  if (reportUnknownKeys(job, target.node as unknown as AnyNode, label)) return;
  if (call.method === 'passwordlessStart') {
    const authParams = nestedObject(job, target, 'authParams', 'passwordlessStart authParams');
    if (authParams === 'left' || !authParams) return;
    target = authParams.path;
  } else if (call.method === 'show') {
    const auth = nestedObject(job, target, 'auth', 'lock.show auth options');
    if (auth === 'left' || !auth) return;
    const params = nestedObject(job, auth.path, 'params', 'lock.show auth.params');
    if (params === 'left' || !params) return;
    target = params.path;
  }
  const obj = target.node as unknown as AnyNode;
  if (job.handled.has(obj)) return;
  job.handled.set(obj, 'migrated');
  migrateOverrides(job, obj, job.holderOutcomes.get(holderKey(call.receiver)));
}

/**
 * Per-call keys replace the config's (no union): a `scope` set here gets the scopes merged, an
 * `audience` set here is judged like a config's, a `responseType: 'id_token'` asks for the access
 * token too. Keys the call does not set are the config's business — except a missing `scope` where
 * the call asks for the Management API and the config in this file was left alone.
 */
function migrateOverrides(job: Job, obj: AnyNode, inherited: Outcome | undefined): void {
  const { ctx, scopes } = job;
  const responseTypeNode = propertyValue(obj, 'responseType');
  const audienceNode = propertyValue(obj, 'audience');
  const scopeNode = propertyValue(obj, 'scope');
  if (!responseTypeNode && !audienceNode && !scopeNode) return;

  const responseType = readStringOption(ctx, responseTypeNode);
  if (responseTypeNode && responseType.value === undefined) {
    ctx.report(responseTypeNode as unknown as ASTNode, 'unresolved-config', responseTypeMessage(responseType), valueCause(responseType));
    return;
  }
  if (responseType.value !== undefined ? isCodeFlow(responseType.value) : inherited === 'code-flow') return;
  const newResponseType = responseType.value === undefined ? undefined : withAccessToken(responseType.value);
  if (newResponseType && !responseType.literal) {
    ctx.report(responseTypeNode as unknown as ASTNode, 'unresolved-config', responseTypeMessage(responseType), valueCause(responseType));
    return;
  }

  const audience = judgeAudience(ctx, audienceNode);
  if (audience.kind === 'other') {
    const finding = otherAudienceFinding(ctx, audience.node);
    ctx.report(findProperty(obj, 'audience') as unknown as ASTNode, finding.code, finding.message, finding.cause);
    return;
  }
  // The config's audience applies; where the config was left alone (and reported), so is this call.
  if (audience.kind === 'none' && inherited !== undefined && inherited !== 'migrated') return;

  const scope = readStringOption(ctx, scopeNode);
  const merged = scope.value === undefined ? undefined : mergeScopeString(scope.value, scopes);
  const mergedScope = merged !== undefined && audience.kind !== 'management' ? withOpenid(merged) : merged;
  if (scopeNode && (mergedScope === undefined || (mergedScope !== scope.value && !scope.literal))) {
    ctx.report(scopeNode as unknown as ASTNode, 'unresolved-config', scopeMessage(scope, scopes), valueCause(scope));
    return;
  }

  // A call that asks for the Management API itself (pitfall 4's second token) while the config's
  // scope was left alone would get a Management token without Management scopes.
  const addScope = !scopeNode && audience.kind !== 'none' && inherited !== undefined && inherited !== 'migrated';

  if (audience.kind === 'userinfo') {
    const replacement = userinfoReplacement(ctx, audience, quoteForObject(ctx.source, obj));
    if (!replacement.ok) {
      ctx.report(audience.node as unknown as ASTNode, replacement.code, replacement.message, replacement.cause);
      return;
    }
    ctx.edits.replaceNode(replacement.node as unknown as ASTNode, replacement.text);
  }
  if (scope.literal && mergedScope !== undefined) setStringValue(ctx.edits, ctx.source, scope.literal as unknown as ASTNode, mergedScope);
  if (newResponseType && responseType.literal) setStringValue(ctx.edits, ctx.source, responseType.literal as unknown as ASTNode, newResponseType);
  if (addScope) {
    const quote = quoteForObject(ctx.source, obj);
    insertProperty(ctx.edits, ctx.source, obj as unknown as ASTNode, 'scope', quoteString(mergeScopeString(undefined, scopes), quote), { after: ['audience'] });
  }
}

// ---------------------------------------------------------------------------------------------
// Shared checks and messages

/** Reports a spread or computed key, whose keys may set audience, scope or responseType unseen. */
function reportUnknownKeys(job: Job, obj: AnyNode, label: string, config?: HandEditTarget): boolean {
  const unknown = objectProperties(obj).find((p) => p.type === 'SpreadElement' || p.type === 'SpreadProperty' || p.computed === true);
  if (!unknown) return false;
  job.ctx.report(
    unknown as unknown as ASTNode,
    'unresolved-config',
    `the ${label} take keys from ${unknown.computed ? 'a computed key' : 'a spread'}, which may set audience, scope or responseType; inline them and rerun, or ${handEdit(job, config)}`,
    'spread-options',
  );
  return true;
}

function reportUnresolvedOptions(job: Job, written: AnyNode, label: string, config?: LoginConfig): void {
  const target = config ? { shape: config.shape, domain: config.domain?.node as unknown as AnyNode | undefined } : undefined;
  const imported = config ? importedOptions(job, config, written) : undefined;
  if (imported?.done) return;
  const message = imported
    ? `the ${label} come from ${imported.where}${isEnvironmentFile(imported.where) ? ' (and the environment files that replace it in other builds)' : ''}; ${handEdit(job, target, imported.host).replace(/^where they are built, /, 'there, ')}, then rerun`
    : `the ${label} are not an object literal in this file; ${handEdit(job, target)}`;
  job.ctx.report(written as unknown as ASTNode, 'unresolved-config', message, imported ? 'imported-options' : 'options-elsewhere');
}

/**
 * Options imported whole from another module (`new auth0.WebAuth(environment.auth0)`), read from
 * the package's exported values: done when they already ask for the Management API with the
 * flow's scopes and an access token (migrated code, left alone), else where they are defined.
 */
function importedOptions(job: Job, config: LoginConfig, written: AnyNode): { done: true } | { done: false; where: string; host?: string } | undefined {
  const { ctx, scopes } = job;
  const options = importedValue(ctx, written);
  if (options?.kind !== 'object') return undefined;
  const read = (...keys: string[]) => importedObjectValue(ctx, options, keys);
  const text = (value: ReturnType<typeof read>): string | undefined => (value?.kind === 'string' ? value.value : undefined);
  const lock = config.shape === 'lock';
  // Lock's domain is its second argument, often read from the same module.
  const domain = text(lock ? importedValue(ctx, config.domain?.node) : read('domain'));
  const host = domain !== undefined && classifyHost(domain) === 'tenant' ? domain : undefined;
  const notYet = { done: false as const, where: options.where, ...(host ? { host } : {}) };
  if (options.open) return notYet;
  const audience = text(lock ? read('auth', 'audience') : read('audience'));
  const responseType = text(lock ? read('auth', 'responseType') : read('responseType')) ?? (lock ? 'token' : undefined);
  const scope = text(lock ? read('auth', 'params', 'scope') : read('scope'));
  const lockMajor = lockMajorVersion(ctx);
  const oidcFlag = read('oidcConformant');
  const oidcReady = !lock || (lockMajor !== undefined && lockMajor >= 11) || (oidcFlag?.kind === 'boolean' && oidcFlag.value);
  const done =
    audience !== undefined &&
    isManagementAudience(audience) &&
    !isUserinfoAudience(audience) &&
    responseType !== undefined &&
    (responseTypeTokens(responseType).has('token') || isCodeFlow(responseType)) &&
    scope !== undefined &&
    mergeScopeString(scope, scopes) === scope &&
    oidcReady;
  return done ? { done: true } : notYet;
}

/**
 * What to write by hand where the options are built, in the config's own terms: Lock's keys under
 * `auth` (and Lock 10's `oidcConformant`, without which it refuses an audience), and the tenant's
 * own audience where its domain is a literal.
 */
/** What the advice needs to know of a config: Lock or not, and its domain. */
interface HandEditTarget {
  shape: LoginConfig['shape'];
  domain?: AnyNode;
}

function handEdit(job: Job, config?: HandEditTarget, knownHost?: string): string {
  const domain = stringValue(unwrapExpression(config?.domain));
  const host = domain !== undefined && classifyHost(domain) === 'tenant' ? domain : knownHost;
  const audience = job.ctx.options.audience ?? (host ? managementAudienceForHost(host) : 'https://TENANT.auth0.com/api/v2/');
  const scopes = job.scopes.join(' ');
  if (config?.shape === 'lock') {
    const major = lockMajorVersion(job.ctx);
    const flag = major === undefined || major <= 10 ? 'set oidcConformant: true at the top level (Lock 10 refuses an audience without it; Lock 11 ignores it), ' : '';
    return `where they are built, ${flag}set auth.audience '${audience}', add '${scopes}' to auth.params.scope (keep openid) and set auth.responseType 'token id_token'`;
  }
  const lockNote = config ? '' : ' (Lock: auth.params.scope)';
  return `where they are built, set audience '${audience}', add '${scopes}' to scope${lockNote} (keep openid) and ask for responseType 'token id_token' (unless it is a code flow)`;
}

/**
 * The scope a config ends up with. Null, with an `unresolved-config` finding, when the existing
 * scope is not a string we can read, or needs scopes added but is not a literal we can edit.
 */
function planScope(
  ctx: TransformContext,
  scopeNode: AnyNode | undefined,
  scopes: readonly string[],
  migrating: boolean,
): { scope: StringOption; mergedScope: string } | null {
  const scope = readStringOption(ctx, scopeNode);
  // A login being migrated asks for an ID token as well ('token id_token'), which an
  // OIDC-conformant login returns only for the openid scope: the app's ID token must not go
  // missing. A login that already asks for the Management API is left as its authors wrote it.
  const merged = mergeScopeString(scope.value, scopes);
  const mergedScope = migrating ? withOpenid(merged) : merged;
  if (scopeNode && (scope.value === undefined || (mergedScope !== scope.value && !scope.literal))) {
    ctx.report(scopeNode as unknown as ASTNode, 'unresolved-config', scopeMessage(scope, scopes), valueCause(scope));
    return null;
  }
  return { scope, mergedScope };
}

/** A value another module defines is changed there; one computed here, here. */
function valueCause(option: StringOption): 'imported-options' | 'non-literal-value' {
  return option.where ? 'imported-options' : 'non-literal-value';
}

function scopeMessage(scope: StringOption, scopes: readonly string[]): string {
  // The value asks for every Management scope already and lacks only openid (see withOpenid).
  const missing = scope.value === undefined ? scopes : scopes.filter((s) => !parseScopeList(scope.value as string).includes(s));
  const add = missing.length > 0 ? `'${missing.join(' ')}'` : "'openid' (a migrated login asks for an ID token too)";
  if (scope.where && scope.value !== undefined) {
    return `scope is '${scope.value}' in ${scope.where}, which may serve more than this login; add ${add} to it there by hand (keep openid), or write the scope here, then rerun`;
  }
  if (scope.value !== undefined) return `scope is not a string literal here; add ${add} to it by hand (keep openid)`;
  return `scope is not a string literal here${definedAt(scope)}; add '${scopes.join(' ')}' to it by hand (keep openid)`;
}

function perCallUnresolvedMessage(method: string, scopes: readonly string[]): string {
  return `these ${method} options replace the config's audience, scope and responseType but are not an object literal here; make sure any they set keep the Management API audience, '${scopes.join(' ')}' and 'token id_token'`;
}

function responseTypeMessage(responseType: StringOption): string {
  if (responseType.where && responseType.value !== undefined) {
    return `responseType is '${responseType.value}' in ${responseType.where}, which may serve more than this login; make it 'token id_token' there by hand (or write it here), then rerun`;
  }
  return `responseType is not a string literal here${definedAt(responseType)}; make it ask for 'token id_token' by hand (keep id_token; leave a code flow as it is)`;
}

const OIDC_FLAG_MESSAGE =
  'oidcConformant is not true, and Lock 10 rejects auth.audience without it; set oidcConformant: true (or move to Lock 11) and rerun';

const LOCK10_POPUP_MESSAGE =
  "Lock 10 in popup mode (auth.redirect: false) with oidcConformant cannot return an id_token; use redirect mode or Lock 11, then rerun";

const AUTH0_JS_V7_MESSAGE =
  'auth0.js v7 (new Auth0(...)) cannot ask for an API audience, so it never gets a Management API access token: move to auth0.js v9 (new auth0.WebAuth({ domain, clientID, responseType, scope })) and run the codemod again';

const LEGACY_PASSWORDLESS_MESSAGE =
  "auth0-lock-passwordless 2.x uses legacy grants and cannot get a Management API access token; move to Lock 11's Auth0LockPasswordless";

const DOMAIN_OUT_OF_SCOPE_MESSAGE =
  'the domain expression is not in scope where these Lock options are defined; rerun with --audience https://TENANT.auth0.com/api/v2/';

const LOCK_PROFILE_MESSAGE =
  "Lock 10's getProfile takes the ID token and stops working once the Lock asks for the Management API audience (oidcConformant): read the profile with getUserInfo(accessToken) (Lock 11) or the Management API's getUser, then rerun";

function isTrueLiteral(node: unknown): boolean {
  const n = unwrapExpression(node);
  return !!n && (n.type === 'BooleanLiteral' || n.type === 'Literal') && n.value === true;
}

function isFalseLiteral(node: unknown): boolean {
  const n = unwrapExpression(node);
  return !!n && (n.type === 'BooleanLiteral' || n.type === 'Literal') && n.value === false;
}

/**
 * Whether an expression written at `from` means the same where `to` is: the name it starts from is
 * the same binding there and is not a `let`/`const` declared after it. `this` never is.
 */
function expressionVisibleAt(from: ASTPath, to: ASTPath): boolean {
  let root = unwrapExpression(from.node);
  while (root && (root.type === 'MemberExpression' || root.type === 'OptionalMemberExpression')) root = unwrapExpression(root.object);
  if (!root) return false;
  if (stringValue(root) !== undefined) return true;
  if (root.type !== 'Identifier') return false;
  const name = root.name as string;
  const declaredFrom = from.scope?.lookup(name) ?? null;
  const declaredTo = to.scope?.lookup(name) ?? null;
  if (declaredFrom !== declaredTo) return false;
  if (!declaredTo) return true;
  const binding = (declaredTo.getBindings() as Record<string, ASTPath[]>)[name]?.[0];
  const declaration = binding?.parent?.parent?.node as unknown as AnyNode | undefined;
  if (!binding || declaration?.type !== 'VariableDeclaration' || declaration.kind === 'var') return true;
  return spanOf(binding.node as unknown as ASTNode)[0] < spanOf(to.node as unknown as ASTNode)[0];
}

export const transformModule: TransformModule = { meta, apply };
export default toJscodeshiftTransform([transformModule], everyTransform);
