import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { nodesOf } from '../ast/node-index';
import { spanOf, textOf } from '../ast/edits';
import { customDomainMessage } from '../ast/audience';
import { asNode, type AnyNode, isStringLiteral, memberPropertyName, stringValue, unwrapExpression } from '../ast/nodes';
import { DYNAMIC, type ValuePart } from '../ast/query-string';
import { type StringPiece, stringPieces, type TextPiece } from '../ast/string-parts';
import { classifyHost, managementAudienceForHost } from '../catalog/audience';
import type { TransformOptions } from '../types';

/**
 * Where a file builds `/authorize` URLs by hand, and which tenant each one talks to:
 *
 *   'https://acme.auth0.com/authorize?response_type=id_token&…'        a literal
 *   `https://${domain}/authorize?scope=openid&response_type=id_token…`  a template
 *   'https://' + domain + '/authorize?response_type=id_token&…'        a concatenation
 *   base + '/authorize?' + qs.stringify({ response_type: 'id_token' })  a query object
 *   new URL(`https://${domain}/authorize`).searchParams.set(…)          URL search params
 *
 * Every URL is read as one text in which each computed part is the DYNAMIC character, with the
 * source offset of every literal character, so edits land inside the literals as written.
 */

// ---------------------------------------------------------------------------------------------
// URL text

export interface UrlText {
  pieces: StringPiece[];
  /** The URL's text with each computed part written as DYNAMIC. */
  text: string;
  /** For each character of `text`: the index of its piece. */
  pieceAt: number[];
  /** For each character of `text`: its source offset, or -1 (computed, or written with an escape). */
  sourceAt: number[];
}

/** Reads string expressions (a URL, or a base and a path) as one URL text. */
export function readUrlText(source: string, nodes: readonly unknown[]): UrlText {
  const pieces = nodes.flatMap((node) => stringPieces(source, node));
  let text = '';
  const pieceAt: number[] = [];
  const sourceAt: number[] = [];
  pieces.forEach((piece, index) => {
    if (piece.kind === 'expression') {
      text += DYNAMIC;
      pieceAt.push(index);
      sourceAt.push(-1);
      return;
    }
    const span = literalTextSpan(source, piece);
    const chars = span ? source.slice(span[0], span[1]) : piece.value;
    for (let i = 0; i < chars.length; i++) {
      text += chars[i];
      pieceAt.push(index);
      sourceAt.push(span ? span[0] + i : -1);
    }
  });
  return { pieces, text, pieceAt, sourceAt };
}

/**
 * The source span that spells a literal piece's value exactly, or undefined when the piece is
 * written with escapes. A template's cooked text has CRLF folded to LF, and the flow parser's
 * template chunks include their `` ` ``, `}` and `${` delimiters.
 */
function literalTextSpan(source: string, piece: TextPiece): [number, number] | undefined {
  const spells = (from: number, to: number): boolean => {
    const raw = source.slice(from, to);
    return raw === piece.value || (piece.container === 'template' && raw.replace(/\r\n?/g, '\n') === piece.value);
  };
  if (spells(piece.start, piece.end)) return [piece.start, piece.end];
  if (piece.container !== 'template') return undefined;
  const from = '`}'.includes(source[piece.start]) ? piece.start + 1 : piece.start;
  const to = source.startsWith('${', piece.end - 2) ? piece.end - 2 : source[piece.end - 1] === '`' ? piece.end - 1 : piece.end;
  return spells(from, to) ? [from, to] : undefined;
}

const WRAPPERS = new Set(['TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TSTypeAssertion', 'ParenthesizedExpression']);

/** The path above TypeScript casts and parentheses, which string reading looks through. */
function climbWrappers(path: ASTPath): ASTPath {
  let current = path;
  while (current.parent && WRAPPERS.has((current.parent.node as unknown as AnyNode).type)) current = current.parent as ASTPath;
  return current;
}

function isConcatenation(node: unknown): boolean {
  const n = asNode(node);
  return !!n && n.type === 'BinaryExpression' && n.operator === '+';
}

/** A node that string reading treats as part of a larger string: an operand of `+` or a template's `${}`. */
function isInsideStringExpression(path: ASTPath): boolean {
  const outer = climbWrappers(path);
  const parent = asNode(outer.parent?.node);
  return !!parent && (isConcatenation(parent) || parent.type === 'TemplateLiteral');
}

const NOT_A_VALUE = new Set(['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'TSLiteralType', 'TSExternalModuleReference']);

/**
 * The outermost string expressions (literal, template, concatenation) whose text mentions
 * `response_type`, outermost first.
 */
export function findStringExpressions(j: JSCodeshift, root: Collection, source: string): ASTPath[] {
  const found: ASTPath[] = [];
  const isString = (node: unknown): boolean => isStringLiteral(node) || asNode(node)?.type === 'TemplateLiteral' || isConcatenation(node);
  nodesOf(j, root, j.Node, isString).forEach((nodePath) => {
    const path = nodePath as unknown as ASTPath;
    const node = path.node as unknown as AnyNode;
    if (isInsideStringExpression(path)) return;
    const parent = asNode(path.parent?.node);
    if (parent && (NOT_A_VALUE.has(parent.type) || parent.type === 'TaggedTemplateExpression')) return;
    if (parent && (parent.type === 'Property' || parent.type === 'ObjectProperty') && parent.key === node) return;
    if (!textOf(source, node as never).includes('response_type')) return;
    found.push(path);
  });
  return found;
}

/** The outermost string expression a computed part sits in (`'…?' + qs.stringify(o)`, `` `…?${p}` ``). */
function stringExpressionAround(path: ASTPath): AnyNode {
  let current = climbWrappers(path);
  while (current.parent) {
    const parent = current.parent.node as unknown as AnyNode;
    if (!isConcatenation(parent) && parent.type !== 'TemplateLiteral') break;
    current = climbWrappers(current.parent as ASTPath);
  }
  return current.node as unknown as AnyNode;
}

// ---------------------------------------------------------------------------------------------
// The URL's shape and tenant

export type UrlOrigin =
  | { kind: 'host'; host: string }
  /** `https://${domain}`, `https://${tenant}.auth0.com`: parts of the host, literal or computed. */
  | { kind: 'expression-host'; parts: ({ text: string } | { node: AnyNode })[] }
  /** `${AUTH0_URL}/authorize`: the whole origin is one computed value. */
  | { kind: 'expression-origin'; node: AnyNode }
  /** A relative `/authorize`, or a base that cannot be read. */
  | { kind: 'unknown' };

export interface AuthorizeUrl {
  origin: UrlOrigin;
  /** [start, end) of the query (after `?`, before `#`) in the URL text; absent without a query. */
  query?: [number, number];
}

/** The literal string a name is bound to once in the file (`const AUTHORIZE_URL = '…'`). */
export type ConstantText = (node: AnyNode) => string | undefined;

export function constantTextOf(constants: ReadonlyMap<string, AnyNode>): ConstantText {
  return (node) => {
    const n = unwrapExpression(node);
    if (n?.type !== 'Identifier') return undefined;
    return stringValue(constants.get(n.name as string));
  };
}

/**
 * Reads a URL text as an Auth0 `/authorize` URL: the path must be `/authorize` at the root of the
 * host (other providers' OAuth paths such as GitHub's `/login/oauth/authorize` are not), and the
 * text must start with the URL. Undefined when it is not such a URL.
 */
export function readAuthorizeUrl(url: UrlText, constantText: ConstantText): AuthorizeUrl | undefined {
  const text = url.text;
  const queryFrom = (start: number): [number, number] => {
    const hash = text.indexOf('#', start);
    return [start, hash === -1 ? text.length : hash];
  };
  const match = /\/authorize(?=[?#]|$)/.exec(text);
  if (match) {
    const origin = originOf(url, text.slice(0, match.index));
    if (!origin) return undefined;
    const after = match.index + '/authorize'.length;
    return { origin, query: text[after] === '?' ? queryFrom(after + 1) : undefined };
  }
  // `AUTHORIZE_URL + '?…'` or `new URL(AUTHORIZE_URL)` with the constant written in this file.
  if (text[0] === DYNAMIC && (text.length === 1 || text[1] === '?')) {
    const base = constantText(pieceNode(url, 0));
    const baseMatch = base === undefined ? null : /^(?:https?:)?\/\/([^/?#\s]+)\/authorize$/.exec(base);
    if (!baseMatch) return undefined;
    return { origin: { kind: 'host', host: baseMatch[1] }, query: text.length > 1 ? queryFrom(2) : undefined };
  }
  return undefined;
}

function pieceNode(url: UrlText, index: number): AnyNode {
  const piece = url.pieces[url.pieceAt[index]];
  if (piece.kind !== 'expression') throw new Error('not a computed part');
  return piece.node;
}

function originOf(url: UrlText, prefix: string): UrlOrigin | undefined {
  if (prefix === '') return { kind: 'unknown' };
  if (prefix === DYNAMIC) return { kind: 'expression-origin', node: pieceNode(url, 0) };
  const match = /^(?:https?:)?\/\/([^/?#\s]+)$/.exec(prefix);
  if (!match) return undefined;
  const host = match[1];
  if (!host.includes(DYNAMIC)) return { kind: 'host', host };
  const parts: ({ text: string } | { node: AnyNode })[] = [];
  for (let i = prefix.length - host.length; i < prefix.length; i++) {
    if (prefix[i] === DYNAMIC) {
      parts.push({ node: pieceNode(url, i) });
      continue;
    }
    const last = parts[parts.length - 1];
    if (last && 'text' in last) last.text += prefix[i];
    else parts.push({ text: prefix[i] });
  }
  return { kind: 'expression-host', parts };
}

/** OAuth providers whose `/authorize` URLs are never Auth0's, even with `--audience`. */
const OTHER_PROVIDERS =
  /(^|\.)(github\.com|gitlab\.com|bitbucket\.org|google\.com|googleapis\.com|microsoftonline\.com|live\.com|microsoft\.com|facebook\.com|apple\.com|okta\.com|oktapreview\.com|okta-emea\.com|amazoncognito\.com|amazon\.com|onelogin\.com|linkedin\.com|twitter\.com|x\.com|slack\.com|spotify\.com|discord\.com|dropbox\.com|twitch\.tv|yahoo\.com|paypal\.com|salesforce\.com|pingidentity\.com|pingone\.com)(:\d+)?$/i;

export function isOtherProviderHost(host: string): boolean {
  return OTHER_PROVIDERS.test(host.trim().replace(/^https?:\/\//i, '').replace(/\/+$/, ''));
}

export type AudienceResolution =
  | { kind: 'audience'; parts: ValuePart[] }
  | { kind: 'finding'; code: 'custom-domain' | 'unresolved-config'; message: string }
  /** Not an Auth0 URL: leave it alone without a word. */
  | { kind: 'not-auth0' };

export interface AudienceInput {
  source: string;
  options: Pick<TransformOptions, 'audience'>;
  /** The file mentions Auth0, so an unreadable host is worth a finding rather than silence. */
  auth0Context: boolean;
  constantText: ConstantText;
}

export const UNRESOLVED_HOST_MESSAGE =
  'cannot derive the Auth0 tenant host of this /authorize URL; rerun with --audience https://TENANT.auth0.com/api/v2/ or add audience, scope and response_type=token id_token by hand';

/** Names of values that hold a whole origin (`https://host`) rather than a bare host. */
const ORIGIN_NAME = /url|uri|origin|issuer|base|endpoint|authority/i;

/**
 * The Management API audience for a URL's origin (DESIGN.md "Audience"): `--audience` wins; a
 * tenant or placeholder host gives `https://HOST/api/v2/`; a computed host gives the same built
 * from that expression; a custom domain or an unreadable host gives a finding — but only where the
 * file is about Auth0, since other providers' URLs are none of our business.
 */
export function audienceForOrigin(input: AudienceInput, origin: UrlOrigin): AudienceResolution {
  const given: AudienceResolution | undefined = input.options.audience ? { kind: 'audience', parts: [{ text: input.options.audience }] } : undefined;
  const unresolved = (message = UNRESOLVED_HOST_MESSAGE): AudienceResolution =>
    given ?? (input.auth0Context ? { kind: 'finding', code: 'unresolved-config', message } : { kind: 'not-auth0' });

  if (origin.kind === 'host') return audienceForLiteralHost(input, origin.host, given);
  if (origin.kind === 'unknown') return unresolved();

  const nodes = origin.kind === 'expression-origin' ? [origin.node] : origin.parts.flatMap((p) => ('node' in p ? [p.node] : []));
  const texts = nodes.map((n) => textOf(input.source, (unwrapExpression(n) ?? n) as never));
  if (!input.auth0Context && !texts.some((t) => /auth0/i.test(t)) && !given) return { kind: 'not-auth0' };
  if (!nodes.every(isPlainReference)) return unresolved('the host of this /authorize URL is computed by a call or an operation; rerun with --audience https://TENANT.auth0.com/api/v2/');
  // The page's own location is the app (or a proxy in front of Auth0), never the tenant host.
  if (texts.some((t) => /^(?:(?:window|document|self|globalThis)\??\.)?location\b/.test(t))) {
    return unresolved(`${texts[0]} is the app's own location, not the Auth0 tenant host; rerun with --audience https://TENANT.auth0.com/api/v2/`);
  }

  if (origin.kind === 'expression-origin') {
    const bound = input.constantText(origin.node);
    if (bound !== undefined) {
      const hostMatch = /^https?:\/\/([^/?#\s]+)$/.exec(bound);
      if (!hostMatch) return unresolved();
      const literal = audienceForLiteralHost(input, hostMatch[1], given);
      if (literal.kind !== 'audience' || given) return literal;
    } else if (!ORIGIN_NAME.test(lastName(origin.node))) {
      return unresolved(`cannot tell whether ${texts[0]} holds a URL or a host; rerun with --audience https://TENANT.auth0.com/api/v2/`);
    }
    return given ?? { kind: 'audience', parts: [{ expression: texts[0] }, { text: '/api/v2/' }] };
  }

  const parts = origin.parts;
  if (parts.length === 1) {
    const bound = input.constantText(nodes[0]);
    if (bound !== undefined) {
      const literal = audienceForLiteralHost(input, bound, given);
      if (literal.kind !== 'audience' || given) return literal;
    }
  } else {
    const last = parts[parts.length - 1];
    if (!('text' in last) || !/\.([a-z0-9-]+\.)?auth0\.com$/i.test(last.text)) {
      return unresolved('the host of this /authorize URL is built from expressions and is not an *.auth0.com tenant host; rerun with --audience https://TENANT.auth0.com/api/v2/');
    }
  }
  if (given) return given;
  let expressionIndex = 0;
  const hostParts: ValuePart[] = parts.map((p) => ('text' in p ? { text: p.text } : { expression: texts[expressionIndex++] }));
  return { kind: 'audience', parts: joinText([{ text: 'https://' }, ...hostParts, { text: '/api/v2/' }]) };
}

function audienceForLiteralHost(input: AudienceInput, host: string, given: AudienceResolution | undefined): AudienceResolution {
  if (isOtherProviderHost(host)) return { kind: 'not-auth0' };
  if (given) return given;
  const kind = classifyHost(host);
  if (kind === 'tenant' || kind === 'placeholder') return { kind: 'audience', parts: [{ text: managementAudienceForHost(host) }] };
  if (!input.auth0Context) return { kind: 'not-auth0' };
  if (kind === 'custom-domain') return { kind: 'finding', code: 'custom-domain', message: customDomainMessage(host) };
  return { kind: 'finding', code: 'unresolved-config', message: UNRESOLVED_HOST_MESSAGE };
}

function joinText(parts: ValuePart[]): ValuePart[] {
  const out: ValuePart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if ('text' in part && last && 'text' in last) out[out.length - 1] = { text: last.text + part.text };
    else out.push(part);
  }
  return out;
}

/**
 * A name or a chain of property reads (`domain`, `this.config.domain`, `import.meta.env.X`):
 * copying it into the audience evaluates nothing new.
 */
export function isPlainReference(node: unknown): boolean {
  const n = unwrapExpression(node);
  if (!n) return false;
  if (n.type === 'Identifier' || n.type === 'ThisExpression' || n.type === 'MetaProperty') return true;
  // babel's ESTree form of `a?.b`
  if (n.type === 'ChainExpression') return isPlainReference(n.expression);
  if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
    if (n.computed && memberPropertyName(n) === undefined) return false;
    return isPlainReference(n.object);
  }
  return false;
}

function lastName(node: AnyNode): string {
  let n = unwrapExpression(node);
  if (n?.type === 'ChainExpression') n = asNode(n.expression);
  if (n?.type === 'Identifier') return n.name as string;
  return memberPropertyName(n) ?? '';
}

// ---------------------------------------------------------------------------------------------
// Where a query object or a URLSearchParams ends up

/** The string expression a value is put into — directly, through `.toString()`, or through a variable. */
export function urlAround(j: JSCodeshift, root: Collection, path: ASTPath, constants: ReadonlyMap<string, AnyNode>): AnyNode[] | undefined {
  const direct = urlAroundValue(path, constants);
  if (direct) return direct;
  const holder = climbWrappers(path);
  const declarator = asNode(holder.parent?.node);
  if (declarator?.type !== 'VariableDeclarator' || declarator.init !== holder.node) return undefined;
  const id = asNode(declarator.id);
  if (id?.type !== 'Identifier') return undefined;
  let found: AnyNode[] | undefined;
  nodesOf(j, root, j.Identifier, { name: id.name as string }).forEach((ref) => {
    if (found || ref.node === (id as unknown) || !isReference(ref)) return;
    found = urlAroundValue(ref, constants);
  });
  return found;
}

function urlAroundValue(path: ASTPath, constants: ReadonlyMap<string, AnyNode>): AnyNode[] | undefined {
  let current = climbWrappers(path);
  const member = asNode(current.parent?.node);
  const call = asNode(current.parent?.parent?.node);
  if (member && member.object === current.node && memberPropertyName(member) === 'toString' && call?.type === 'CallExpression' && call.callee === member) {
    current = climbWrappers(current.parent?.parent as ASTPath);
  }
  const parent = asNode(current.parent?.node);
  if (!parent) return undefined;
  if (isConcatenation(parent) || parent.type === 'TemplateLiteral') return [stringExpressionAround(current.parent as ASTPath)];
  // `url.search = params` on a `new URL('https://…/authorize')`
  if (parent.type === 'AssignmentExpression' && parent.right === current.node && memberPropertyName(parent.left) === 'search') {
    return newUrlParts(asNode(unwrapExpression(asNode(parent.left)?.object)), constants);
  }
  return undefined;
}

function isReference(path: ASTPath): boolean {
  const parent = asNode(path.parent?.node);
  if (!parent) return true;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === path.node && !parent.computed) return false;
  if ((parent.type === 'Property' || parent.type === 'ObjectProperty') && parent.key === path.node && !parent.shorthand) return false;
  return parent.type !== 'VariableDeclarator' || parent.id !== path.node;
}

/** The URL string expressions of `new URL(url)` / `new URL('/authorize', base)`, following a name bound to one. */
export function newUrlParts(node: AnyNode | null | undefined, constants: ReadonlyMap<string, AnyNode>): AnyNode[] | undefined {
  let n = unwrapExpression(node);
  if (n?.type === 'Identifier') n = constants.get(n.name as string) ?? null;
  if (!n || n.type !== 'NewExpression') return undefined;
  const callee = unwrapExpression(n.callee);
  const isUrl = callee?.type === 'Identifier' ? callee.name === 'URL' : memberPropertyName(callee) === 'URL';
  if (!isUrl) return undefined;
  const args = (n.arguments as unknown[]).map((a) => asNode(a)).filter((a): a is AnyNode => a !== null);
  if (args.length === 0) return undefined;
  const path = stringValue(args[0]);
  if (args.length > 1 && path !== undefined && path.startsWith('/')) return [args[1], args[0]];
  return [args[0]];
}

// ---------------------------------------------------------------------------------------------
// Query objects: new URLSearchParams({…}), qs.stringify({…}), querystring.stringify({…})

const QUERY_MODULES = new Set(['qs', 'querystring', 'node:querystring', 'query-string', 'querystringify']);
/** Names such modules are commonly bound to, for files that use them as globals or through a bundler. */
const QUERY_NAMESPACES = new Set(['qs', 'querystring', 'queryString', 'QueryString', 'Qs']);

export interface QueryObjectUse {
  /** The `new URLSearchParams(…)` or `….stringify(…)` expression. */
  producer: ASTPath;
  /** The object literal of parameters (written at the call, or bound to the name passed). */
  object: AnyNode;
  /** The name the object is bound to, when it is passed by name. */
  boundName?: string;
}

/** Local names bound to a query-string module (namespaces) or to its `stringify` (functions). */
function queryModuleBindings(j: JSCodeshift, root: Collection): { namespaces: Set<string>; functions: Set<string> } {
  const namespaces = new Set(QUERY_NAMESPACES);
  const functions = new Set<string>();
  nodesOf(j, root, j.ImportDeclaration).forEach((path) => {
    if (!QUERY_MODULES.has(String(path.node.source.value))) return;
    for (const spec of path.node.specifiers ?? []) {
      const local = spec.local?.name;
      if (typeof local !== 'string') continue;
      if (spec.type === 'ImportSpecifier') {
        if (String(spec.imported.name) === 'stringify') functions.add(local);
      } else namespaces.add(local);
    }
  });
  nodesOf(j, root, j.VariableDeclarator).forEach((path) => {
    const init = unwrapExpression(path.node.init);
    const callee = asNode(init?.callee);
    if (init?.type !== 'CallExpression' || callee?.type !== 'Identifier' || callee.name !== 'require') return;
    const module = stringValue((init.arguments as unknown[])[0]);
    if (module === undefined || !QUERY_MODULES.has(module)) return;
    const id = asNode(path.node.id);
    if (id?.type === 'Identifier') namespaces.add(id.name as string);
    if (id?.type === 'ObjectPattern') {
      for (const prop of id.properties as AnyNode[]) {
        const key = asNode(prop.key);
        const value = asNode(prop.value);
        if (key?.type === 'Identifier' && key.name === 'stringify' && value?.type === 'Identifier') functions.add(value.name as string);
      }
    }
  });
  return { namespaces, functions };
}

/** Parameter objects given to URLSearchParams or a query-string `stringify`, each object once. */
export function findQueryObjects(j: JSCodeshift, root: Collection, constants: ReadonlyMap<string, AnyNode>): QueryObjectUse[] {
  const modules = queryModuleBindings(j, root);
  const uses: QueryObjectUse[] = [];
  const seen = new Set<AnyNode>();
  const consider = (producer: ASTPath, arg: unknown): void => {
    const value = unwrapExpression(arg);
    let object: AnyNode | undefined;
    let boundName: string | undefined;
    if (value?.type === 'ObjectExpression') object = value;
    else if (value?.type === 'Identifier') {
      const init = constants.get(value.name as string);
      if (init?.type === 'ObjectExpression') {
        object = init;
        boundName = value.name as string;
      }
    }
    if (!object || seen.has(object)) return;
    seen.add(object);
    uses.push({ producer, object, boundName });
  };
  nodesOf(j, root, j.NewExpression).forEach((path) => {
    const callee = unwrapExpression(path.node.callee);
    const name = callee?.type === 'Identifier' ? (callee.name as string) : memberPropertyName(callee);
    if (name === 'URLSearchParams') consider(path, path.node.arguments[0]);
  });
  nodesOf(j, root, j.CallExpression).forEach((path) => {
    const callee = unwrapExpression(path.node.callee);
    if (!callee) return;
    const isStringify =
      (callee.type === 'Identifier' && modules.functions.has(callee.name as string)) ||
      (memberPropertyName(callee) === 'stringify' && unwrapExpression(callee.object)?.type === 'Identifier' && modules.namespaces.has(unwrapExpression(callee.object)?.name as string));
    if (isStringify) consider(path, path.node.arguments[0]);
  });
  return uses;
}

// ---------------------------------------------------------------------------------------------
// searchParams.set / append sequences

export interface SearchParamsCall {
  path: ASTPath;
  /** `url.searchParams`, `params`: the object the call is made on. */
  receiver: AnyNode;
  receiverText: string;
  method: 'set' | 'append';
  key: string;
  value: AnyNode;
}

/** `x.set('key', value)` / `x.append('key', value)` calls with a literal key. */
export function findSearchParamsCalls(j: JSCodeshift, root: Collection, source: string): SearchParamsCall[] {
  const calls: SearchParamsCall[] = [];
  nodesOf(j, root, j.CallExpression).forEach((path) => {
    const callee = unwrapExpression(path.node.callee);
    const method = memberPropertyName(callee);
    if (!callee || (method !== 'set' && method !== 'append')) return;
    const [keyNode, value] = (path.node.arguments as unknown[]).map((a) => asNode(a));
    const key = stringValue(keyNode);
    const receiver = unwrapExpression(callee.object);
    if (key === undefined || !value || !receiver) return;
    calls.push({ path, receiver, receiverText: textOf(source, receiver as never), method, key, value });
  });
  return calls;
}

/**
 * The URL a search-params receiver belongs to: `url.searchParams` of `const url = new URL(…)`,
 * a name bound to that, or a `new URLSearchParams()` later put into a URL string. 'unknown' when
 * it is search params of something this file does not show; undefined when it may not be search
 * params at all (a Map, Headers, FormData…).
 */
export function searchParamsUrl(
  j: JSCodeshift,
  root: Collection,
  receiver: AnyNode,
  constants: ReadonlyMap<string, AnyNode>,
): AnyNode[] | 'unknown' | undefined {
  if (memberPropertyName(receiver) === 'searchParams') return newUrlParts(asNode(receiver.object), constants) ?? 'unknown';
  if (receiver.type !== 'Identifier') return undefined;
  const name = receiver.name as string;
  const init = constants.get(name);
  if (init && memberPropertyName(init) === 'searchParams') return searchParamsUrl(j, root, init, constants);
  const initCallee = init?.type === 'NewExpression' ? unwrapExpression(init.callee) : null;
  if (initCallee?.type === 'Identifier' && initCallee.name === 'URLSearchParams') {
    let url: AnyNode[] | undefined;
    nodesOf(j, root, j.VariableDeclarator, { id: { type: 'Identifier', name } }).forEach((declarator) => {
      url ??= urlAround(j, root, declarator.get('init') as ASTPath, constants);
    });
    return url ?? 'unknown';
  }
  return /params|query|search/i.test(name) ? 'unknown' : undefined;
}

/** The function (or the program) whose body a path sits in. */
export function enclosingScope(path: ASTPath): AnyNode {
  let current: ASTPath | null = path.parent as ASTPath | null;
  while (current) {
    const type = (current.node as unknown as AnyNode).type;
    if (type === 'Program' || type.includes('Function') || type === 'ClassMethod' || type === 'ObjectMethod') {
      return current.node as unknown as AnyNode;
    }
    current = current.parent as ASTPath | null;
  }
  return path.node as unknown as AnyNode;
}

/** True when `inner` lies within `outer` in the source. */
export function contains(outer: AnyNode, inner: AnyNode): boolean {
  const [outerStart, outerEnd] = spanOf(outer as never);
  const [innerStart, innerEnd] = spanOf(inner as never);
  return outerStart <= innerStart && innerEnd <= outerEnd;
}
