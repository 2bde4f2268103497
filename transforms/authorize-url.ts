/**
 * Hand-built `/authorize` URLs that ask for an ID token alone get an access token for the
 * Management API too: `audience` is added, the inferred scopes are merged into `scope` (keeping
 * `openid`), and `response_type=id_token` becomes `token id_token`, written in the URL's own
 * encoding and layout.
 *
 * Before:
 *   const url = `https://${domain}/authorize?scope=openid&response_type=id_token&client_id=${id}`;
 *   const query = qs.stringify({ response_type: 'id_token', client_id: id, scope: 'openid' });
 * After:
 *   const url = `https://${domain}/authorize?audience=https://${domain}/api/v2/&scope=openid%20read:current_user&response_type=token%20id_token&client_id=${id}`;
 *   const query = qs.stringify({ response_type: 'token id_token', client_id: id, audience: `https://${domain}/api/v2/`, scope: 'openid read:current_user' });
 */
import type { ASTPath } from 'jscodeshift';
import { nodesOf } from '../src/ast/node-index';
import {
  type AudienceInput,
  audienceForOrigin,
  constantTextOf,
  contains,
  enclosingScope,
  findQueryObjects,
  findSearchParamsCalls,
  findStringExpressions,
  type QueryObjectUse,
  readAuthorizeUrl,
  readUrlText,
  type SearchParamsCall,
  searchParamsUrl,
  type UrlOrigin,
  type UrlText,
  urlAround,
} from '../src/analysis/authorize-urls';
import { constantInitialisers } from '../src/analysis/management-calls';
import { concatenation, CUSTOM_AUDIENCE_MESSAGE, classifyExistingAudience } from '../src/ast/audience';
import { usesModernSyntax } from '../src/ast/syntax';
import { EditConflictError, EditList, spanOf, type TextEdit, textOf } from '../src/ast/edits';
import { type AnyNode, asNode, eolOf, findProperty, hasSpread, indentAt, memberPropertyName, quoteOf, quoteString, stringValue, unwrapExpression } from '../src/ast/nodes';
import { insertProperty, quoteForObject, setStringValue } from '../src/ast/object';
import {
  DYNAMIC,
  existingAudience,
  parseQuery,
  planQueryEdits,
  type QueryEdit,
  type QuerySegment,
  requestsIdTokenOnly,
  type ValuePart,
} from '../src/ast/query-string';
import { type TextPiece, templateText } from '../src/ast/string-parts';
import { mergeScopeString } from '../src/catalog/scopes';
import { isIgnored, toJscodeshiftTransform } from '../src/transform-kit';
import { everyTransform } from './every';
import { REDIRECT_LOGIN } from '../src/analysis/origins';
import { textGate } from '../src/ast/text-gate';
import type { FindingCause, FindingCode, TransformContext, TransformMeta, TransformModule } from '../src/types';

export const meta: TransformMeta = {
  id: 'authorize-url',
  description: 'Add the Management API audience and scopes to hand-built /authorize URLs that request an ID token, and request an access token too.',
};

const RESPONSE_TYPE = 'token id_token';
const COMPUTED_SCOPE_MESSAGE = 'the scope of this /authorize request is computed; add the Management API scopes, audience and response_type "token id_token" by hand';

interface Run {
  ctx: TransformContext;
  constants: ReadonlyMap<string, AnyNode>;
  audienceInput: AudienceInput;
}

/** URL texts, query objects and search params are all only acted on when they set `response_type`. */
const RESPONSE_TYPE_TEXT = textGate(['response_type']);

export function apply(ctx: TransformContext): void {
  if (!RESPONSE_TYPE_TEXT.test(ctx.source)) return;
  const constants = constantInitialisers(ctx.j, ctx.root);
  const run: Run = {
    ctx,
    constants,
    audienceInput: {
      source: ctx.source,
      options: ctx.options,
      auth0Context: /auth0/i.test(ctx.source),
      constantText: constantTextOf(constants),
    },
  };
  migrateUrlStrings(run);
  migrateQueryObjects(run);
  migrateSearchParams(run);
}

/** Records a rewrite's edits together, or none of them (with a finding) if another rewrite already touched the span. */
function commit(ctx: TransformContext, edits: EditList, anchor: AnyNode): void {
  try {
    ctx.edits.absorb(edits);
  } catch (error) {
    if (!(error instanceof EditConflictError)) throw error;
    ctx.report(anchor as never, 'unresolved-config', 'this /authorize request overlaps another one being rewritten; add audience, scope and response_type "token id_token" by hand', 'uneditable-url');
  }
}

function startOf(node: AnyNode): number {
  return spanOf(node as never)[0];
}

/**
 * A hand-built login URL is a producer of its flow: its result comes back through a redirect,
 * parsed wherever the app parses it.
 */
function loginSite(run: Run, node: AnyNode, work: (scopes: readonly string[]) => void): void {
  run.ctx.site(
    { role: 'producer', node, links: [REDIRECT_LOGIN], outputs: [REDIRECT_LOGIN], grant: 'browser', ignored: isIgnored(run.ctx.source, startOf(node)) },
    work,
  );
}

function isIdTokenOnly(value: string | undefined): boolean {
  return value !== undefined && value.trim().split(/\s+/).join(' ') === 'id_token';
}

// ---------------------------------------------------------------------------------------------
// URLs written as strings, templates and concatenations

function migrateUrlStrings(run: Run): void {
  const { ctx } = run;
  const handled: AnyNode[] = [];
  for (const path of findStringExpressions(ctx.j, ctx.root, ctx.source)) {
    const node = path.node as unknown as AnyNode;
    if (handled.some((outer) => contains(outer, node))) continue;
    const url = readUrlText(ctx.source, [node]);
    const shape = readAuthorizeUrl(url, run.audienceInput.constantText);
    if (!shape?.query) continue;
    const [queryStart, queryEnd] = shape.query;
    const query = url.text.slice(queryStart, queryEnd);
    const params = parseQuery(query);
    if (!requestsIdTokenOnly(params)) continue;
    handled.push(node);

    const audienceKind = existingAudience(params);
    const resolution = audienceForOrigin(run.audienceInput, shape.origin);
    if (resolution.kind === 'not-auth0') continue;
    loginSite(run, node, (scopes) => {
      // A URL that already asks for some audience needs no tenant host: a host finding only
      // matters when the audience has to be written.
      const needsAudience = audienceKind === 'none' || audienceKind === 'replace';
      if (resolution.kind === 'finding' && needsAudience) {
        ctx.report(node as never, resolution.code, resolution.message, hostCause(resolution.code));
        return;
      }
      const plan = planQueryEdits(query, {
        audience: resolution.kind === 'audience' ? resolution.parts : undefined,
        scopes,
        hints: { dynamicValuesEncoded: encodesComputedValues(url, queryStart, queryEnd) },
      });
      if (plan.kind === 'not-applicable') return;
      if (plan.kind === 'blocked') {
        ctx.report(node as never, plan.code, plan.message, plan.code === 'custom-audience' ? 'own-api-audience' : undefined);
        return;
      }
      const jsxAttribute = asNode(path.parent?.node)?.type === 'JSXAttribute';
      const edits = renderQueryEdits(url, queryStart, plan.edits, jsxAttribute);
      if (!edits) {
        ctx.report(node as never, 'unresolved-config', 'this /authorize URL is written with escape sequences or in a form whose text cannot be edited in place; add audience, scope and response_type=token id_token by hand', 'uneditable-url');
        return;
      }
      const list = new EditList();
      for (const edit of edits) list.replace(edit.start, edit.end, edit.text);
      commit(ctx, list, node);
    });
  }
}

/** True when a computed value in the query is passed through `encodeURIComponent`: the URL encodes its values. */
function encodesComputedValues(url: UrlText, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if (url.text[i] !== DYNAMIC) continue;
    const piece = url.pieces[url.pieceAt[i]];
    if (piece.kind !== 'expression') continue;
    const callee = asNode(piece.node.type === 'CallExpression' ? piece.node.callee : null);
    if (callee?.type === 'Identifier' && callee.name === 'encodeURIComponent') return true;
  }
  return false;
}

/**
 * Source edits for query edits: each lands inside the literal piece that holds its place, with
 * text escaped for that literal and computed parts spliced in as `${x}` (templates) or
 * `' + x + '` (quoted strings). Undefined when a place is not plain literal text.
 */
function renderQueryEdits(url: UrlText, base: number, edits: readonly QueryEdit[], jsxAttribute: boolean): TextEdit[] | undefined {
  const out: TextEdit[] = [];
  for (const edit of edits) {
    const from = base + edit.start;
    const to = base + edit.end;
    let start: number;
    let end: number;
    let pieceIndex: number;
    if (from === to) {
      if (from < url.text.length && url.sourceAt[from] >= 0) {
        start = url.sourceAt[from];
        pieceIndex = url.pieceAt[from];
      } else if (from > 0 && url.sourceAt[from - 1] >= 0) {
        start = url.sourceAt[from - 1] + 1;
        pieceIndex = url.pieceAt[from - 1];
      } else {
        return undefined;
      }
      end = start;
    } else {
      pieceIndex = url.pieceAt[from];
      for (let i = from; i < to; i++) {
        if (url.sourceAt[i] < 0 || url.pieceAt[i] !== pieceIndex || url.sourceAt[i] !== url.sourceAt[from] + (i - from)) return undefined;
      }
      start = url.sourceAt[from];
      end = url.sourceAt[to - 1] + 1;
    }
    const piece = url.pieces[pieceIndex];
    if (piece.kind !== 'text') return undefined;
    const text = renderSegments(edit.segments, piece, jsxAttribute);
    if (text === undefined) return undefined;
    out.push({ start, end, text });
  }
  return out;
}

function renderSegments(segments: readonly QuerySegment[], piece: TextPiece, jsxAttribute: boolean): string | undefined {
  let out = '';
  for (const segment of segments) {
    if ('raw' in segment) {
      if (piece.container === 'template') out += templateText(segment.raw);
      else if (jsxAttribute) {
        // A JSX attribute string has no escapes: text with its quote cannot be written there.
        if (segment.raw.includes(piece.quote)) return undefined;
        out += segment.raw;
      } else {
        out += quoteString(segment.raw, piece.quote).slice(1, -1);
      }
    } else if (piece.container === 'template') {
      out += `\${${segment.expression}}`;
    } else if (jsxAttribute) {
      return undefined;
    } else {
      out += `${piece.quote} + ${segment.expression} + ${piece.quote}`;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The URL a query object or search params end up in

type UrlContext = { kind: 'origin'; origin: UrlOrigin } | { kind: 'not-authorize' } | { kind: 'blocked'; message: string };

/**
 * Reads the URL that a query object or search params are put into. A literal URL to some other
 * path is not an Auth0 `/authorize` URL; a computed base that cannot be read leaves the host unknown.
 */
function urlContext(run: Run, nodes: AnyNode[] | 'unknown' | undefined): UrlContext {
  if (nodes === undefined || nodes === 'unknown') return { kind: 'origin', origin: { kind: 'unknown' } };
  const url = readUrlText(run.ctx.source, nodes);
  const shape = readAuthorizeUrl(url, run.audienceInput.constantText);
  if (!shape) {
    const questionMark = url.text.indexOf('?');
    const base = questionMark === -1 ? url.text : url.text.slice(0, questionMark);
    return base.includes(DYNAMIC) ? { kind: 'origin', origin: { kind: 'unknown' } } : { kind: 'not-authorize' };
  }
  if (shape.query) {
    const literalParams = parseQuery(url.text.slice(shape.query[0], shape.query[1])).map((p) => p.name);
    if (literalParams.some((name) => name === 'scope' || name === 'audience' || name === 'response_type')) {
      return { kind: 'blocked', message: 'this /authorize URL sets scope, audience or response_type both in its text and in its query parameters; merge them and rerun' };
    }
  }
  return { kind: 'origin', origin: shape.origin };
}

/**
 * The audience as a JS expression: a string literal, or around the computed host a template
 * literal, or a concatenation in a file written in plain ES5 (see src/ast/syntax.ts).
 */
function audienceExpression(parts: readonly ValuePart[], quote: '"' | "'", modern: boolean): string {
  if (parts.every((p) => 'text' in p)) return quoteString(parts.map((p) => ('text' in p ? p.text : '')).join(''), quote);
  if (!modern) return concatenation(parts, quote);
  return `\`${parts.map((p) => ('text' in p ? templateText(p.text) : `\${${p.expression}}`)).join('')}\``;
}

interface OptionPlan {
  /** The node a finding is reported at. */
  anchor: AnyNode;
  origin: UrlOrigin;
  existingAudience: ReturnType<typeof classifyExistingAudience>;
  audienceNode?: AnyNode;
}

/** Checks shared by query objects and search params; returns the audience parts to write, or reports and returns null. */
function audienceFor(run: Run, plan: OptionPlan): { parts?: ValuePart[] } | null {
  const resolution = audienceForOrigin(run.audienceInput, plan.origin);
  if (resolution.kind === 'not-auth0') return null;
  if (plan.existingAudience === 'other') {
    run.ctx.report((plan.audienceNode ?? plan.anchor) as never, 'custom-audience', CUSTOM_AUDIENCE_MESSAGE, 'own-api-audience');
    return null;
  }
  if (plan.existingAudience === 'management') return {};
  if (resolution.kind === 'finding') {
    run.ctx.report(plan.anchor as never, resolution.code, resolution.message, hostCause(resolution.code));
    return null;
  }
  return { parts: resolution.parts };
}

/** An audience resolution's findings are about the URL's host: custom, or out of sight. */
function hostCause(code: FindingCode): FindingCause | undefined {
  return code === 'unresolved-config' ? 'domain-out-of-sight' : undefined;
}

function reportIfAuth0(run: Run, node: AnyNode, code: FindingCode, message: string): void {
  if (run.audienceInput.auth0Context || run.ctx.options.audience) run.ctx.report(node as never, code, message);
}

// ---------------------------------------------------------------------------------------------
// new URLSearchParams({…}), qs.stringify({…}), querystring.stringify({…})

function migrateQueryObjects(run: Run): void {
  const { ctx } = run;
  for (const use of findQueryObjects(ctx.j, ctx.root, run.constants)) {
    const object = use.object;
    const responseType = findProperty(object, 'response_type');
    const responseTypeValue = unwrapExpression(responseType?.value);
    if (!isIdTokenOnly(stringValue(responseTypeValue)) || !responseTypeValue) continue;

    const urlNodes = urlAround(ctx.j, ctx.root, use.producer, run.constants);
    const looksLikeAuthorize = !!findProperty(object, 'client_id') || !!findProperty(object, 'redirect_uri');
    if (!urlNodes && !looksLikeAuthorize) continue;
    const context = urlContext(run, urlNodes);
    if (context.kind === 'not-authorize') continue;
    loginSite(run, object, (scopes) => migrateQueryObject(run, use, object, responseTypeValue, context, scopes));
  }
}

function migrateQueryObject(
  run: Run,
  use: QueryObjectUse,
  object: AnyNode,
  responseTypeValue: AnyNode,
  context: Exclude<UrlContext, { kind: 'not-authorize' }>,
  scopes: readonly string[],
): void {
  const { ctx } = run;
  if (context.kind === 'blocked') {
    reportIfAuth0(run, object, 'unresolved-config', context.message);
    return;
  }
  if (hasSpread(object) || (use.boundName && isMutated(run, use.boundName))) {
    reportIfAuth0(run, object, 'unresolved-config', 'the parameters of this /authorize request are partly set elsewhere (spread or assigned later); add audience, scope and response_type "token id_token" by hand');
    return;
  }
  const scopeProperty = findProperty(object, 'scope');
  const scopeValue = unwrapExpression(scopeProperty?.value);
  const existingScope = stringValue(scopeValue);
  const audienceProperty = findProperty(object, 'audience');
  const audience = audienceFor(run, {
    anchor: object,
    origin: context.origin,
    existingAudience: audienceProperty ? classifyExistingAudience(audienceProperty.value) : 'none',
    audienceNode: audienceProperty,
  });
  if (!audience) return;
  if (scopeProperty && existingScope === undefined) {
    ctx.report(scopeProperty as never, 'unresolved-config', COMPUTED_SCOPE_MESSAGE, 'non-literal-value');
    return;
  }

  const edits = new EditList();
  const quote = quoteForObject(ctx.source, object);
  if (audience.parts) {
    const text = audienceExpression(audience.parts, quote, usesModernSyntax(run.ctx.j, run.ctx.root));
    const audienceValue = asNode(audienceProperty?.value);
    if (audienceValue) edits.replaceNode(audienceValue as never, text);
    else insertProperty(edits, ctx.source, object as never, 'audience', text, { before: ['scope', 'response_type'] });
  }
  if (scopeValue && existingScope !== undefined) {
    setStringValue(edits, ctx.source, scopeValue as never, mergeScopeString(existingScope, scopes));
  } else {
    insertProperty(edits, ctx.source, object as never, 'scope', quoteString(mergeScopeString(undefined, scopes), quote), { before: ['response_type'] });
  }
  setStringValue(edits, ctx.source, responseTypeValue as never, RESPONSE_TYPE);
  commit(ctx, edits, object);
}

/** `params.scope = …` and the like after the object is declared: its final keys are not all in the literal. */
function isMutated(run: Run, name: string): boolean {
  const { j, root } = run.ctx;
  return (
    nodesOf(j, root, j.AssignmentExpression).some((path) => {
      const left = unwrapExpression(path.node.left);
      return (left?.type === 'MemberExpression' || left?.type === 'OptionalMemberExpression') && unwrapExpression(left.object)?.type === 'Identifier' && unwrapExpression(left.object)?.name === name;
    }) ||
    nodesOf(j, root, j.CallExpression).some((path) => {
      const callee = unwrapExpression(path.node.callee);
      const target = unwrapExpression((path.node.arguments as unknown[])[0]);
      return memberPropertyName(callee) === 'assign' && target?.type === 'Identifier' && target.name === name;
    })
  );
}

// ---------------------------------------------------------------------------------------------
// url.searchParams.set(…) / params.append(…) sequences

const STATEMENT_LISTS = new Set(['Program', 'BlockStatement', 'SwitchCase', 'StaticBlock', 'TSModuleBlock']);

/** The statement a call is the whole of, when new statements can go beside it. */
function statementOf(call: SearchParamsCall): ASTPath | undefined {
  const statement = call.path.parent as ASTPath | null;
  if (!statement || (statement.node as unknown as AnyNode).type !== 'ExpressionStatement') return undefined;
  const list = asNode(statement.parent?.node);
  return list && STATEMENT_LISTS.has(list.type) ? statement : undefined;
}

function migrateSearchParams(run: Run): void {
  const { ctx } = run;
  const calls = findSearchParamsCalls(ctx.j, ctx.root, ctx.source);
  for (const responseTypeCall of calls) {
    if (responseTypeCall.key !== 'response_type' || !isIdTokenOnly(stringValue(responseTypeCall.value))) continue;
    const urlNodes = searchParamsUrl(ctx.j, ctx.root, responseTypeCall.receiver, run.constants);
    if (urlNodes === undefined) continue;
    const anchor = responseTypeCall.path.node as unknown as AnyNode;
    const context = urlContext(run, urlNodes);
    if (context.kind === 'not-authorize') continue;
    loginSite(run, anchor, (scopes) => migrateSearchParamsCall(run, calls, responseTypeCall, anchor, context, scopes));
  }
}

function migrateSearchParamsCall(
  run: Run,
  calls: readonly SearchParamsCall[],
  responseTypeCall: SearchParamsCall,
  anchor: AnyNode,
  context: Exclude<UrlContext, { kind: 'not-authorize' }>,
  scopes: readonly string[],
): void {
  const { ctx } = run;
  if (context.kind === 'blocked') {
    reportIfAuth0(run, anchor, 'unresolved-config', context.message);
    return;
  }
  const scope = enclosingScope(responseTypeCall.path);
  const group = calls.filter((c) => c.receiverText === responseTypeCall.receiverText && enclosingScope(c.path) === scope);
  const byKey = (key: string): SearchParamsCall[] => group.filter((c) => c.key === key);
  const [scopeCall, ...moreScopes] = byKey('scope');
  const [audienceCall, ...moreAudiences] = byKey('audience');
  const responseStatement = statementOf(responseTypeCall);
  const scopeStatement = scopeCall ? statementOf(scopeCall) : undefined;
  if (byKey('response_type').length > 1 || moreScopes.length > 0 || moreAudiences.length > 0 || !responseStatement || (scopeCall && !scopeStatement)) {
    reportIfAuth0(run, anchor, 'unresolved-config', 'these search params set scope, audience or response_type more than once or outside a plain statement; add audience, scope and response_type "token id_token" by hand');
    return;
  }
  const audience = audienceFor(run, {
    anchor,
    origin: context.origin,
    existingAudience: audienceCall ? classifyExistingAudience(audienceCall.value) : 'none',
    audienceNode: audienceCall?.path.node as unknown as AnyNode | undefined,
  });
  if (!audience) return;
  const existingScope = scopeCall ? stringValue(scopeCall.value) : undefined;
  if (scopeCall && existingScope === undefined) {
    ctx.report(scopeCall.path.node as never, 'unresolved-config', COMPUTED_SCOPE_MESSAGE, 'non-literal-value');
    return;
  }

  const keyNode = asNode((anchor.arguments as unknown[])[0]);
  const keyQuote = keyNode ? quoteOf(ctx.source, keyNode as never) : "'";
  const quote: '"' | "'" = keyQuote === '"' ? '"' : "'";
  const edits = new EditList();
  const addCall = (before: ASTPath, key: string, valueText: string): void => {
    const statement = before.node as unknown as AnyNode;
    const [start] = spanOf(statement as never);
    const semicolon = textOf(ctx.source, statement as never).trimEnd().endsWith(';') ? ';' : '';
    const call = `${responseTypeCall.receiverText}.${responseTypeCall.method}(${quoteString(key, quote)}, ${valueText})${semicolon}`;
    // Without semicolons, the statement after the new line starts with `(`, `[` or a backtick
    // too and would continue it: give it the leading `;` such code uses.
    const guard = semicolon === '' && /^[([`]/.test(responseTypeCall.receiverText) ? ';' : '';
    edits.insert(start, `${call}${eolOf(ctx.source)}${indentAt(ctx.source, start)}${guard}`);
  };
  if (audience.parts) {
    const text = audienceExpression(audience.parts, quote, usesModernSyntax(run.ctx.j, run.ctx.root));
    if (audienceCall) edits.replaceNode(audienceCall.value as never, text);
    else addCall(scopeStatement ?? responseStatement, 'audience', text);
  }
  if (scopeCall && existingScope !== undefined) {
    setStringValue(edits, ctx.source, scopeCall.value as never, mergeScopeString(existingScope, scopes));
  } else {
    addCall(responseStatement, 'scope', quoteString(mergeScopeString(undefined, scopes), quote));
  }
  setStringValue(edits, ctx.source, responseTypeCall.value as never, RESPONSE_TYPE);
  commit(ctx, edits, anchor);
}

export const transformModule: TransformModule = { meta, apply };
export default toJscodeshiftTransform([transformModule], everyTransform);
