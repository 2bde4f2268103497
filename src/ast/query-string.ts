import { isManagementAudience, isUserinfoAudience } from '../catalog/audience';
import { mergeScopeString } from '../catalog/scopes';
import { CUSTOM_AUDIENCE_MESSAGE } from './audience';

/**
 * Text editing of an `/authorize` query — the part after `?` — as the author wrote it.
 *
 * Parameters are read as raw `key=value` parts with their offsets; the migration rewrites only the
 * values of `audience`, `scope` and `response_type` and inserts missing ones, so every other
 * parameter survives byte for byte and in order. Whitespace around a part is layout (the guide's
 * multi-line form puts a newline and indentation before each `&`), and inserted parts copy it.
 * New values follow the query's own encoding: `%20`, `+` or a bare space between scopes, and
 * `https%3A%2F%2F…` or `https://…` for URLs.
 */

/** Stands in the query text for a value computed by an expression (`${x}`, `' + x + '`). */
export const DYNAMIC = '\u0000';

export interface QueryParam {
  /** [start, end) of the `key=value` text, layout whitespace excluded. */
  start: number;
  end: number;
  /** The key as written. */
  key: string;
  /** The key decoded. */
  name: string;
  /** [start, end) of the value; an empty span at `end` when the part has no `=`. */
  valueStart: number;
  valueEnd: number;
  hasEquals: boolean;
  /** The value as written ('' without `=`). */
  raw: string;
}

function isLayout(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/** The parameters of a query, in order; empty parts (`a=1&&b=2`) are skipped. */
export function parseQuery(query: string): QueryParam[] {
  const params: QueryParam[] = [];
  let chunkStart = 0;
  for (let i = 0; i <= query.length; i++) {
    if (i < query.length && query[i] !== '&') continue;
    let start = chunkStart;
    let end = i;
    while (start < end && isLayout(query[start])) start++;
    while (end > start && isLayout(query[end - 1])) end--;
    if (start < end) {
      const eq = query.indexOf('=', start);
      const hasEquals = eq !== -1 && eq < end;
      const key = query.slice(start, hasEquals ? eq : end);
      const valueStart = hasEquals ? eq + 1 : end;
      params.push({
        start,
        end,
        key,
        name: decodeQueryComponent(key),
        valueStart,
        valueEnd: end,
        hasEquals,
        raw: query.slice(valueStart, end),
      });
    }
    chunkStart = i + 1;
  }
  return params;
}

/** Form decoding as URLSearchParams does it (`+` is a space); malformed escapes stay as written. */
export function decodeQueryComponent(raw: string): string {
  return raw.replace(/\+/g, ' ').replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

export interface EncodingStyle {
  /** How a space is written: `token%20id_token`, `token+id_token` or `token id_token`. */
  space: '%20' | '+' | ' ';
  /** Whether `:` and `/` in URL values (the audience) are percent-encoded. */
  encodeUrlReserved: boolean;
  /** Whether the `:` in scope names (`read:current_user`) is percent-encoded. */
  encodeScopeColon: boolean;
  /** `%3A` or `%3a`. */
  upperHex: boolean;
}

export interface EncodingHints {
  /** The query's computed values are encoded by the code (`${encodeURIComponent(x)}`): the default when no literal value tells. */
  dynamicValuesEncoded?: boolean;
}

const RESERVED_ENCODED = /%3A|%2F/i;
const RESERVED_RAW = /[:/]/;

/** Reads how the query writes its own values. Without evidence: the guide's style (`%20`, `https://…`). */
export function detectEncoding(params: readonly QueryParam[], hints: EncodingHints = {}): EncodingStyle {
  const valuesOf = (name: string): string[] => params.filter((p) => p.name === name).map((p) => p.raw);
  const spaced = [...valuesOf('scope'), ...valuesOf('response_type')];

  let space: EncodingStyle['space'] | undefined;
  for (const raw of spaced) {
    if (raw.includes('%20')) space = '%20';
    else if (raw.includes('+')) space = '+';
    else if (raw.includes(' ')) space = ' ';
    if (space) break;
  }
  if (!space && params.some((p) => p.raw.includes('%20'))) space = '%20';

  // URL-valued parameters first; the scope's own colons are judged separately below.
  const urlValues = [
    ...valuesOf('redirect_uri'),
    ...valuesOf('audience'),
    ...params.filter((p) => !['redirect_uri', 'audience', 'scope'].includes(p.name)).map((p) => p.raw),
  ];
  let encodeUrlReserved: boolean | undefined;
  for (const raw of urlValues) {
    if (RESERVED_ENCODED.test(raw)) encodeUrlReserved = true;
    else if (RESERVED_RAW.test(raw)) encodeUrlReserved = false;
    if (encodeUrlReserved !== undefined) break;
  }
  encodeUrlReserved ??= hints.dynamicValuesEncoded ?? false;

  let encodeScopeColon: boolean | undefined;
  for (const raw of valuesOf('scope')) {
    if (/%3A/i.test(raw)) encodeScopeColon = true;
    else if (raw.includes(':')) encodeScopeColon = false;
    if (encodeScopeColon !== undefined) break;
  }

  const lettered = params.map((p) => /%(?:[0-9][a-fA-F]|[a-fA-F][0-9a-fA-F])/.exec(p.raw)).find((m) => m !== null);
  const upperHex = lettered ? lettered[0] === lettered[0].toUpperCase() : true;

  return { space: space ?? '%20', encodeUrlReserved, encodeScopeColon: encodeScopeColon ?? encodeUrlReserved, upperHex };
}

/** Characters written as they are in every style. `{`/`}` keep documentation placeholders readable. */
const SAFE = /[A-Za-z0-9\-._~{}!*'(),;@]/;

/** Writes a value in the query's style; `kind` says whether `:`/`/` follow the URL or the scope rule. */
export function encodeQueryValue(value: string, style: EncodingStyle, kind: 'url' | 'scope'): string {
  const encodeReserved = kind === 'url' ? style.encodeUrlReserved : style.encodeScopeColon;
  let out = '';
  for (const ch of value) {
    if (ch === ' ') out += style.space;
    else if (ch === ':' || ch === '/') out += encodeReserved ? percent(ch, style) : ch;
    else if (SAFE.test(ch)) out += ch;
    else out += percent(ch, style);
  }
  return out;
}

function percent(ch: string, style: EncodingStyle): string {
  const encoded = encodeURIComponent(ch);
  return style.upperHex ? encoded : encoded.toLowerCase();
}

/** The space-separated tokens of a decoded value. */
function tokens(value: string): string[] {
  return value.split(/\s+/).filter(Boolean);
}

/** True when the query asks for an ID token alone: one literal `response_type` whose only type is `id_token`. */
export function requestsIdTokenOnly(params: readonly QueryParam[]): boolean {
  const responseTypes = params.filter((p) => p.name === 'response_type');
  if (responseTypes.length !== 1) return false;
  const raw = responseTypes[0].raw;
  if (raw.includes(DYNAMIC)) return false;
  const types = tokens(decodeQueryComponent(raw));
  return types.length === 1 && types[0] === 'id_token';
}

export type ExistingAudienceKind = 'none' | 'management' | 'replace' | 'other';

/**
 * What the query's existing `audience` asks for: none, the Management API's already, one we may
 * replace (`/userinfo`, or an empty value), or another API's (left alone). A computed audience
 * counts as another API's unless it has the `https://${host}/api/v2/` shape.
 */
export function existingAudience(params: readonly QueryParam[]): ExistingAudienceKind {
  const audiences = params.filter((p) => p.name === 'audience');
  if (audiences.length === 0) return 'none';
  if (audiences.length > 1) return 'other';
  const value = decodeQueryComponent(audiences[0].raw).trim();
  if (value === '') return 'replace';
  if (value.includes(DYNAMIC)) return /^https:\/\/[^/]+\/api\/v2\/?$/.test(value) ? 'management' : 'other';
  if (isUserinfoAudience(value)) return 'replace';
  if (isManagementAudience(value)) return 'management';
  return 'other';
}

/** A value to write: text (encoded in the query's style) or a computed part spliced in as code. */
export type ValuePart = { text: string } | { expression: string };

/** Written output: raw query text, or the source of an expression whose value goes there. */
export type QuerySegment = { raw: string } | { expression: string };

export interface QueryEdit {
  /** [start, end) in the query text; start === end inserts. */
  start: number;
  end: number;
  segments: QuerySegment[];
}

export interface QueryRequest {
  /** The Management API audience; needed unless the query already asks for it. */
  audience?: readonly ValuePart[];
  scopes: readonly string[];
  hints?: EncodingHints;
}

export type QueryPlan =
  | { kind: 'not-applicable' }
  | { kind: 'blocked'; code: 'custom-audience' | 'unresolved-config'; message: string }
  | { kind: 'edits'; edits: QueryEdit[]; style: EncodingStyle };

/**
 * The edits that make a query ask for an access token to the Management API: `audience` added
 * (before `scope`, else before `response_type`, as the guide orders them), the scopes merged into
 * `scope` (or `openid profile email` + scopes where there is none, before `response_type`), and
 * `response_type=id_token` → `token id_token`. Queries that do not ask for an ID token alone are
 * not applicable, so planning an edited query again gives nothing to do.
 */
export function planQueryEdits(query: string, request: QueryRequest): QueryPlan {
  const params = parseQuery(query);
  if (!requestsIdTokenOnly(params)) return { kind: 'not-applicable' };
  if (params.some((p) => p.key.includes(DYNAMIC))) {
    return blocked('unresolved-config', 'part of this /authorize query is computed (a parameter name comes from an expression); add audience, scope and response_type=token id_token by hand');
  }
  const responseType = params.find((p) => p.name === 'response_type') as QueryParam;
  const scopes = params.filter((p) => p.name === 'scope');
  if (scopes.length > 1) return blocked('unresolved-config', 'this /authorize query has more than one scope parameter; merge them and rerun');
  const scope = scopes[0];
  const audienceKind = existingAudience(params);
  if (audienceKind === 'other') return blocked('custom-audience', CUSTOM_AUDIENCE_MESSAGE);
  if (scope && scope.raw.includes(DYNAMIC)) {
    return blocked('unresolved-config', `the scope of this /authorize URL is computed; add ${request.scopes.join(' ')} to it, the Management API audience and response_type=token id_token by hand`);
  }
  const needsAudience = audienceKind === 'none' || audienceKind === 'replace';
  if (needsAudience && !request.audience) {
    return blocked('unresolved-config', 'no Management API audience is known for this /authorize URL; rerun with --audience');
  }

  const style = detectEncoding(params, request.hints);
  const edits: QueryEdit[] = [];
  const audienceSegments = (request.audience ?? []).map(
    (part): QuerySegment => ('text' in part ? { raw: encodeQueryValue(part.text, style, 'url') } : { expression: part.expression }),
  );

  if (audienceKind === 'replace') {
    const audience = params.find((p) => p.name === 'audience') as QueryParam;
    edits.push(valueEdit(audience, audienceSegments));
  } else if (audienceKind === 'none') {
    const anchor = scope ?? responseType;
    const separator = separatorNear(query, params, params.indexOf(anchor));
    edits.push({ start: anchor.start, end: anchor.start, segments: [{ raw: 'audience=' }, ...audienceSegments, { raw: separator }] });
  }

  if (scope) {
    const scopeEdit = mergedScope(scope, request.scopes, style);
    if (scopeEdit) edits.push(scopeEdit);
  } else {
    const value = encodeQueryValue(mergeScopeString(undefined, request.scopes), style, 'scope');
    const separator = separatorNear(query, params, params.indexOf(responseType));
    edits.push({ start: responseType.start, end: responseType.start, segments: [{ raw: `scope=${value}${separator}` }] });
  }

  edits.push(valueEdit(responseType, [{ raw: encodeQueryValue('token id_token', style, 'scope') }]));
  return { kind: 'edits', edits, style };
}

function blocked(code: 'custom-audience' | 'unresolved-config', message: string): QueryPlan {
  return { kind: 'blocked', code, message };
}

function valueEdit(param: QueryParam, segments: QuerySegment[]): QueryEdit {
  const prefix: QuerySegment[] = param.hasEquals ? [] : [{ raw: '=' }];
  return { start: param.valueStart, end: param.valueEnd, segments: [...prefix, ...segments] };
}

/** The scope value with the missing scopes appended; the scopes already written stay byte for byte. */
function mergedScope(scope: QueryParam, add: readonly string[], style: EncodingStyle): QueryEdit | undefined {
  const decoded = decodeQueryComponent(scope.raw);
  const merged = mergeScopeString(decoded, add);
  if (merged === decoded) return undefined;
  const rawKept = scope.raw.replace(/(?:%20|\+|\s)+$/, '');
  const keptDecoded = decodeQueryComponent(rawKept);
  const text =
    keptDecoded !== '' && merged.startsWith(keptDecoded)
      ? rawKept + encodeQueryValue(merged.slice(keptDecoded.length), style, 'scope')
      : encodeQueryValue(merged, style, 'scope');
  return valueEdit(scope, [{ raw: text }]);
}

/**
 * The text that separates the part at `index` from its neighbour — `&`, or the guide's newline,
 * indentation and `&` — so an inserted part is laid out like the others.
 */
function separatorNear(query: string, params: readonly QueryParam[], index: number): string {
  const candidates: string[] = [];
  if (index + 1 < params.length) candidates.push(query.slice(params[index].end, params[index + 1].start));
  if (index > 0) candidates.push(query.slice(params[index - 1].end, params[index].start));
  return candidates.find((text) => /^\s*&\s*$/.test(text)) ?? '&';
}

/** Applies edits whose segments are all raw text (expressions are the caller's to render). */
export function applyQueryEdits(query: string, edits: readonly QueryEdit[]): string {
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.index - b.index);
  let out = '';
  let cursor = 0;
  for (const { edit } of ordered) {
    out += query.slice(cursor, edit.start);
    for (const segment of edit.segments) {
      if (!('raw' in segment)) throw new Error('applyQueryEdits renders raw text only');
      out += segment.raw;
    }
    cursor = edit.end;
  }
  return out + query.slice(cursor);
}

/**
 * The migrated query for a literal audience, or the query unchanged when it does not ask for an
 * ID token alone or cannot be migrated safely.
 */
export function migrateQueryString(query: string, request: { audience: string; scopes: readonly string[] }): string {
  const plan = planQueryEdits(query, { audience: [{ text: request.audience }], scopes: request.scopes });
  return plan.kind === 'edits' ? applyQueryEdits(query, plan.edits) : query;
}
