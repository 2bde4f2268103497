import { constantInitialisers } from '../analysis/management-calls';
import { importedValue, importSource } from '../analysis/module-values';
import { childNodes } from '../analysis/scope';
import { classifyHost, isManagementAudience, isUserinfoAudience, managementAudienceForHost, normaliseHost } from '../catalog/audience';
import type { FindingCause, FindingCode, TransformContext } from '../types';
import { textOf } from './edits';
import { type AnyNode, quoteString, stringValue, unwrapExpression } from './nodes';
import { usesModernSyntax } from './syntax';

/**
 * Builds the source text of the Management API audience for a config or request, following
 * DESIGN.md "Audience": `--audience` wins; a tenant host literal gives a literal; an expression
 * gives `` `https://${expr}/api/v2/` ``; a custom domain gives a finding and no audience.
 */

export type AudienceText =
  | { ok: true; text: string }
  | { ok: false; code: Extract<FindingCode, 'custom-domain' | 'unresolved-config'>; message: string; cause?: FindingCause };

type Ctx = Pick<TransformContext, 'j' | 'root' | 'source' | 'options'> & Partial<Pick<TransformContext, 'filePath' | 'packageFacts'>>;

/** A name or a chain of names (`DOMAIN`, `config.auth0.domain`): binds tighter than `+` as it is. */
const NAME_CHAIN = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

/**
 * Text and expressions (source text) as one ES5 string concatenation, `'https://' + d + '/api/v2/'`:
 * texts quoted with `quote` (escaped as quoteString does), every expression but a plain name
 * chain in parentheses, so it keeps its meaning beside `+`.
 */
export function concatenation(parts: readonly ({ text: string } | { expression: string })[], quote: '"' | "'"): string {
  const operands: string[] = [];
  let text = '';
  for (const part of parts) {
    if ('text' in part) {
      text += part.text;
      continue;
    }
    if (text !== '') operands.push(quoteString(text, quote));
    text = '';
    operands.push(NAME_CHAIN.test(part.expression) ? part.expression : `(${part.expression})`);
  }
  if (text !== '' || operands.length === 0) operands.push(quoteString(text, quote));
  return operands.join(' + ');
}

/**
 * `https://${domain}/api/v2/` in a form the file can run: a template literal where the file
 * already uses ES2015 syntax, else `'https://' + domain + '/api/v2/'` (see syntax.ts).
 */
export function domainAudienceText(ctx: Pick<Ctx, 'j' | 'root' | 'source'>, domain: AnyNode, quote: '"' | "'"): string {
  const expression = textOf(ctx.source, domain as never);
  if (usesModernSyntax(ctx.j, ctx.root)) return `\`https://\${${expression}}/api/v2/\``;
  return concatenation([{ text: 'https://' }, { expression }, { text: '/api/v2/' }], quote);
}

export function customDomainMessage(host: string, where?: string): string {
  return `'${normaliseHost(host)}'${where ? ` (set in ${where})` : ''} is not an *.auth0.com tenant host: the Management API audience is always https://TENANT.auth0.com/api/v2/ (not a custom domain); rerun with --audience https://TENANT.auth0.com/api/v2/`;
}

/** The audience for a tenant given as a literal host string (from a URL, for example). */
export function audienceFromHost(ctx: Ctx, host: string, quote: '"' | "'" | '`'): AudienceText {
  if (ctx.options.audience) return { ok: true, text: quoteString(ctx.options.audience, quote) };
  const kind = classifyHost(host);
  if (kind === 'tenant' || kind === 'placeholder') return { ok: true, text: quoteString(managementAudienceForHost(host), quote) };
  return { ok: false, code: 'custom-domain', message: customDomainMessage(host) };
}

/** The audience for a tenant given as a `domain` option's value node (literal or expression). */
export function audienceFromDomain(ctx: Ctx, domain: AnyNode | undefined, quote: '"' | "'"): AudienceText {
  if (ctx.options.audience) return { ok: true, text: quoteString(ctx.options.audience, quote) };
  const node = unwrapExpression(domain);
  const literal = stringValue(node);
  if (literal !== undefined) return audienceFromHost(ctx, literal, quote);
  const problem = hostExpressionProblem(ctx, node);
  if (problem) return problem;
  const expression = textOf(ctx.source, node as never);
  if (evaluatesDifferently(node as AnyNode)) {
    return { ok: false, code: 'unresolved-config', message: computedDomainMessage(expression), cause: 'computed-domain' };
  }
  return { ok: true, text: domainAudienceText(ctx, node as AnyNode, quote) };
}

/**
 * Why a non-literal host expression cannot be the tenant's: it is missing, or a constant bound
 * to a custom domain in this file. Anything else may be the tenant host and is taken as such.
 */
export function hostExpressionProblem(ctx: Ctx, node: AnyNode | null | undefined): Extract<AudienceText, { ok: false }> | undefined {
  if (!node) {
    return {
      ok: false,
      code: 'unresolved-config',
      message: 'no domain to derive the Management API audience from; rerun with --audience',
      cause: 'domain-out-of-sight',
    };
  }
  const local = node.type === 'Identifier' ? stringValue(constantInitialisers(ctx.j, ctx.root).get(node.name as string)) : undefined;
  const imported = local === undefined ? importedValue(ctx, node) : undefined;
  if (imported?.kind === 'varies') {
    return {
      ok: false,
      code: 'unresolved-config',
      message: `the domain differs between the environment files (${imported.where}), so one audience built from it may be a custom domain's in some builds; rerun with --audience https://TENANT.auth0.com/api/v2/`,
      cause: 'domain-out-of-sight',
    };
  }
  // A module of the package that holds a tenant host names Auth0 and is read by the package scan;
  // one that was not read (or a run with no package scan) may hold a custom domain.
  const unread = local === undefined && imported === undefined ? importSource(ctx, node) : undefined;
  if (unread !== undefined) {
    return {
      ok: false,
      code: 'unresolved-config',
      message: `the domain comes from '${unread}', whose value the codemod did not read (a module naming nothing Auth0, like one holding a custom domain, or a run without the package scan); rerun with --audience https://TENANT.auth0.com/api/v2/ (the tenant's own host, even when the app logs in through a custom domain)`,
      cause: 'domain-out-of-sight',
    };
  }
  const bound = local ?? (imported?.kind === 'string' ? imported.value : undefined);
  if (bound === undefined) return undefined;
  const kind = classifyHost(bound);
  if (kind === 'tenant' || kind === 'placeholder') return undefined;
  return { ok: false, code: 'custom-domain', message: customDomainMessage(bound, imported?.where) };
}

/** Why no audience is built from a domain that a call computes. */
export function computedDomainMessage(expression: string): string {
  return `the domain is computed by ${expression}, which an audience built from it would run a second time; add audience: 'https://TENANT.auth0.com/api/v2/' yourself (or keep the domain in a constant first), or rerun with --audience`;
}

/** Kinds of expression that may give another value, or do something, when evaluated again. */
const EFFECTFUL = new Set([
  'CallExpression',
  'OptionalCallExpression',
  'NewExpression',
  'AwaitExpression',
  'YieldExpression',
  'AssignmentExpression',
  'UpdateExpression',
  'TaggedTemplateExpression',
  'ImportExpression',
]);

/** True when writing `node` a second time could change what the program does (`first([…])`, `next()`). */
export function evaluatesDifferently(node: AnyNode): boolean {
  if (EFFECTFUL.has(node.type) || (node.type === 'UnaryExpression' && node.operator === 'delete')) return true;
  return childNodes(node).some(evaluatesDifferently);
}

export type ExistingAudience = 'none' | 'management' | 'userinfo' | 'other';

/**
 * What an existing audience value asks for. A non-literal audience cannot be proven to be the
 * Management API's, so it counts as another API's (left alone, with a finding).
 */
export function classifyExistingAudience(value: unknown): ExistingAudience {
  const node = unwrapExpression(value);
  if (!node) return 'none';
  const literal = stringValue(node);
  if (literal === undefined) return isManagementAudienceTemplate(node) ? 'management' : 'other';
  if (isUserinfoAudience(literal)) return 'userinfo';
  if (isManagementAudience(literal)) return 'management';
  return 'other';
}

/** `` `https://${domain}/api/v2/` `` or `'https://' + domain + '/api/v2/'`: what we write for expression domains. */
function isManagementAudienceTemplate(node: AnyNode): boolean {
  if (node.type === 'BinaryExpression') {
    const operands: unknown[] = [];
    let current: AnyNode | null = node;
    while (current?.type === 'BinaryExpression' && current.operator === '+') {
      operands.unshift(current.right);
      current = unwrapExpression(current.left);
    }
    operands.unshift(current);
    return operands.length === 3 && stringValue(operands[0]) === 'https://' && /^\/api\/v2\/?$/.test(stringValue(operands[2]) ?? '');
  }
  if (node.type !== 'TemplateLiteral') return false;
  const quasis = node.quasis as { value: { cooked: string | null } }[];
  if (quasis.length !== 2) return false;
  return quasis[0].value.cooked === 'https://' && /^\/api\/v2\/?$/.test(quasis[1].value.cooked ?? '');
}

/** Expressions whose value this file does not show. */
const OPAQUE_TYPES = new Set(['MemberExpression', 'OptionalMemberExpression', 'CallExpression', 'OptionalCallExpression', 'LogicalExpression', 'ConditionalExpression', 'AwaitExpression']);

/**
 * Whether an existing audience shows nothing of itself: a config field, an environment variable,
 * a name bound to no string here, `''` or `undefined`. Such an audience may be the Management
 * API's or another API's; one written out (a literal, `https://${host}/orders`) is another API's.
 */
export function isOpaqueAudience(ctx: Pick<Ctx, 'j' | 'root' | 'filePath' | 'packageFacts'>, value: unknown): boolean {
  const node = unwrapExpression(value);
  if (!node) return true;
  let text = stringValue(node);
  const imported = text === undefined ? importedValue(ctx, node) : undefined;
  if (imported?.kind === 'string') text = imported.value;
  if (text === undefined && node.type === 'Identifier') {
    if (node.name === 'undefined') return true;
    text = stringValue(constantInitialisers(ctx.j, ctx.root).get(node.name as string));
    if (text === undefined) return true;
  }
  if (text !== undefined) return text.trim() === '';
  return OPAQUE_TYPES.has(node.type);
}

export interface AudienceFinding {
  code: Extract<FindingCode, 'custom-audience' | 'unresolved-config'>;
  message: string;
  cause: FindingCause;
}

/** The finding for an existing audience that is not the Management API's (nor /userinfo). */
export function otherAudienceFinding(ctx: Pick<Ctx, 'j' | 'root' | 'source' | 'filePath' | 'packageFacts'>, value: unknown): AudienceFinding {
  const node = unwrapExpression(value);
  if (!isOpaqueAudience(ctx, node)) return { code: 'custom-audience', message: CUSTOM_AUDIENCE_MESSAGE, cause: 'own-api-audience' };
  const shown = node ? textOf(ctx.source, node as never) : 'it';
  return {
    code: 'unresolved-config',
    message: `this login's audience (${shown}) does not show which API it is for (a config value, an environment variable, or empty), so the codemod cannot tell whether it is the Management API's or your own API's; where it is defined, make it https://TENANT.auth0.com/api/v2/ if it is meant for the Management API — left unchanged`,
    cause: 'opaque-audience',
  };
}

export const CUSTOM_AUDIENCE_MESSAGE =
  'this already asks for another API\'s audience; a token carries one API audience, so the Management API needs a second token (e.g. checkSession({ audience: "https://TENANT.auth0.com/api/v2/", scope })) — left unchanged';
