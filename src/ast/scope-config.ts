import type { ASTNode } from 'jscodeshift';
import { constantInitialisers } from '../analysis/management-calls';
import { isManagementAudience, isUserinfoAudience } from '../catalog/audience';
import { importedValue } from '../analysis/module-values';
import type { TransformContext } from '../types';
import { type AudienceText, audienceFromHost, classifyExistingAudience, hostExpressionProblem } from './audience';
import type { EditList } from './edits';
import { spanOf } from './edits';
import {
  type AnyNode,
  asNode,
  eolOf,
  fileIndentUnit,
  indentAt,
  isStringLiteral,
  objectProperties,
  quoteOf,
  quoteString,
  stringValue,
  unwrapExpression,
} from './nodes';
import { type InsertPropertyOptions, insertProperty } from './object';

/**
 * Reading and writing the three login options the migration touches — `audience`, `scope` and
 * `responseType` — and adding properties, even whole nested objects (`auth: { params: { … } }`),
 * to object literals in the layout the surrounding code already uses.
 */

type Ctx = Pick<TransformContext, 'j' | 'root' | 'source' | 'options'> & Partial<Pick<TransformContext, 'filePath' | 'packageFacts'>>;
type Quote = '"' | "'";

// ---------------------------------------------------------------------------------------------
// String-valued options

/** A string option as the file shows it. */
export interface StringOption {
  /** The value, when the file shows it (a literal, or a name bound once to a literal). */
  value?: string;
  /** The literal to edit in place; absent when the value comes through a name or is unknown. */
  literal?: AnyNode;
  /** Where another module of the package defines the value (`src/config.js:4:17`), when it does. */
  where?: string;
}

/**
 * Reads a string option's value node: a literal (editable), a `const` bound to one, or a literal
 * another module of the package exports (both read only).
 */
export function readStringOption(ctx: Ctx, node: unknown): StringOption {
  const n = unwrapExpression(node);
  if (!n) return {};
  const literal = stringValue(n);
  if (literal !== undefined) return { value: literal, literal: n };
  if (n.type === 'Identifier') {
    const bound = stringValue(constantInitialisers(ctx.j, ctx.root).get(n.name as string));
    if (bound !== undefined) return { value: bound };
  }
  const imported = importedValue(ctx, n);
  if (imported?.kind === 'string') return { value: imported.value, where: imported.where };
  if (imported) return { where: imported.where };
  return {};
}

/** How a value read from another module is named in a message: ` (set in src/config.js:4:17)`. */
export function definedAt(option: { where?: string }): string {
  return option.where ? ` (set in ${option.where})` : '';
}

export function responseTypeTokens(value: string): Set<string> {
  return new Set(value.split(/\s+/).filter(Boolean));
}

/** A `code` flow exchanges the code elsewhere (server or PKCE); its options are not ours to change. */
export function isCodeFlow(value: string): boolean {
  return responseTypeTokens(value).has('code');
}

/**
 * The response type that also returns an access token, keeping the ID token: `id_token` →
 * `token id_token`. Undefined when the value already asks for what it needs.
 */
export function withAccessToken(value: string): string | undefined {
  const tokens = responseTypeTokens(value);
  return tokens.size === 1 && tokens.has('id_token') ? 'token id_token' : undefined;
}

// ---------------------------------------------------------------------------------------------
// Audience

/** What an existing `audience` asks for, and how to rewrite it when it is the OIDC `/userinfo` one. */
export type AudienceJudgement =
  | { kind: 'none' }
  | { kind: 'management' }
  | { kind: 'other'; node: AnyNode }
  | { kind: 'userinfo'; node: AnyNode; rewrite: UserinfoRewrite };

type UserinfoRewrite =
  /** A literal `https://HOST/userinfo`: write the Management audience of HOST. */
  | { form: 'literal'; host: string; target: AnyNode }
  /** `` `https://${x}/userinfo` `` or `'https://' + x + '/userinfo'`: only the tail changes. */
  | { form: 'tail'; host: AnyNode; tail: AnyNode; template: boolean }
  /** Read from another module (`config.audience`): changed there, by hand. */
  | { form: 'imported'; host: string; where: string };

const USERINFO_URL = /^https:\/\/([^/]+)\/userinfo\/?$/;
const USERINFO_TAIL = /^\/userinfo\/?$/;
const MANAGEMENT_TAIL = /^\/api\/v2\/?$/;

/**
 * Judges an `audience` value: absent, the Management API's, the `/userinfo` audience (which may be
 * replaced), or another API's — including any value this file does not show.
 */
export function judgeAudience(ctx: Ctx, value: unknown): AudienceJudgement {
  const node = unwrapExpression(value);
  if (!node) return { kind: 'none' };
  const literal = stringValue(node);
  if (literal !== undefined) {
    const host = USERINFO_URL.exec(literal.trim())?.[1];
    if (host) return { kind: 'userinfo', node, rewrite: { form: 'literal', host, target: node } };
    return classifyExistingAudience(node) === 'management' ? { kind: 'management' } : { kind: 'other', node };
  }
  if (node.type === 'Identifier' || node.type === 'MemberExpression') {
    const local = node.type === 'Identifier' ? stringValue(constantInitialisers(ctx.j, ctx.root).get(node.name as string)) : undefined;
    const imported = local === undefined ? importedValue(ctx, node) : undefined;
    const bound = local ?? (imported?.kind === 'string' ? imported.value : undefined);
    if (bound === undefined) return { kind: 'other', node };
    const host = USERINFO_URL.exec(bound.trim())?.[1];
    if (host && local === undefined && imported) return { kind: 'userinfo', node, rewrite: { form: 'imported', host, where: imported.where } };
    if (host) return { kind: 'userinfo', node, rewrite: { form: 'literal', host, target: node } };
    return isManagementAudience(bound) && !isUserinfoAudience(bound) ? { kind: 'management' } : { kind: 'other', node };
  }
  const hostAndTail = splitHostAndTail(node);
  if (hostAndTail) {
    const tailText = stringValue(hostAndTail.tail) ?? templateElementText(hostAndTail.tail);
    if (MANAGEMENT_TAIL.test(tailText)) return { kind: 'management' };
    if (USERINFO_TAIL.test(tailText)) {
      return { kind: 'userinfo', node, rewrite: { form: 'tail', host: hostAndTail.host, tail: hostAndTail.tail, template: hostAndTail.template } };
    }
  }
  return { kind: 'other', node };
}

/** `` `https://${x}<tail>` `` or `'https://' + x + '<tail>'` → the host expression and the tail node. */
function splitHostAndTail(node: AnyNode): { host: AnyNode; tail: AnyNode; template: boolean } | undefined {
  if (node.type === 'TemplateLiteral') {
    const quasis = node.quasis as AnyNode[];
    const expressions = node.expressions as AnyNode[];
    if (expressions.length !== 1 || templateElementText(quasis[0]) !== 'https://') return undefined;
    return { host: expressions[0], tail: quasis[1], template: true };
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const left = unwrapExpression(node.left);
    const tail = unwrapExpression(node.right);
    if (!left || !tail || !isStringLiteral(tail) || left.type !== 'BinaryExpression' || left.operator !== '+') return undefined;
    if (stringValue(left.left) !== 'https://') return undefined;
    const host = unwrapExpression(left.right);
    return host ? { host, tail, template: false } : undefined;
  }
  return undefined;
}

function templateElementText(node: AnyNode): string {
  const value = node.value as { cooked?: string | null; raw: string } | undefined;
  return value?.cooked ?? value?.raw ?? '';
}

/** The edit that turns a `/userinfo` audience into the Management API's, or why it cannot be made. */
export function userinfoReplacement(
  ctx: Ctx,
  judgement: Extract<AudienceJudgement, { kind: 'userinfo' }>,
  fallbackQuote: Quote,
): { ok: true; node: AnyNode; text: string } | Extract<AudienceText, { ok: false }> {
  const { rewrite, node } = judgement;
  if (rewrite.form === 'imported') {
    const audience = audienceFromHost(ctx, rewrite.host, "'");
    if (!audience.ok) return audience;
    return {
      ok: false,
      code: 'unresolved-config',
      message: `the audience is the /userinfo one in ${rewrite.where}, which may serve more than this login; make it ${audience.text} there by hand (with openid in the scope, the Management API's token is good for /userinfo too), then rerun`,
      cause: 'imported-options',
    };
  }
  const quote = isStringLiteral(node) || node.type === 'TemplateLiteral' ? quoteOf(ctx.source, node as ASTNode) : fallbackQuote;
  if (rewrite.form === 'literal' || ctx.options.audience) {
    const host = rewrite.form === 'literal' ? rewrite.host : '';
    const audience = audienceFromHost(ctx, host, quote);
    return audience.ok ? { ok: true, node: rewrite.form === 'literal' ? rewrite.target : node, text: audience.text } : audience;
  }
  // The host expression decides whether this is the tenant host; only a custom domain bound in
  // this file can be told apart, and the expression itself stays as written.
  // Only the tail is rewritten: the host expression is not written a second time.
  const host = unwrapExpression(rewrite.host);
  const hostLiteral = stringValue(host);
  const check = hostLiteral !== undefined ? audienceFromHost(ctx, hostLiteral, "'") : (hostExpressionProblem(ctx, host) ?? { ok: true });
  if (!check.ok) return check;
  const tailText = rewrite.template ? '/api/v2/' : quoteString('/api/v2/', quoteOf(ctx.source, rewrite.tail as ASTNode) as Quote);
  return { ok: true, node: rewrite.tail, text: tailText };
}

// ---------------------------------------------------------------------------------------------
// Adding properties and nested objects

interface PlannedEntry {
  key: string;
  value: string | ObjectPlan;
  placement: InsertPropertyOptions;
}

/**
 * Properties to add to one object literal — an existing one (`node`) or one that is created with
 * its first properties — including objects nested in it. Emitting records text edits only; nothing
 * is reprinted.
 */
export class ObjectPlan {
  private readonly entries: PlannedEntry[] = [];
  private readonly nested: ObjectPlan[] = [];

  constructor(readonly node?: AnyNode) {}

  /** Adds `key: valueText` unless the key is already planned. */
  add(key: string, valueText: string, placement: InsertPropertyOptions = {}): void {
    if (!this.entries.some((e) => e.key === key)) this.entries.push({ key, value: valueText, placement });
  }

  /** The plan of the object under `key`: the existing literal's, or a new object added here. */
  child(key: string, existing: AnyNode | undefined, placement: InsertPropertyOptions = {}): ObjectPlan {
    if (existing) {
      const found = this.nested.find((p) => p.node === existing);
      if (found) return found;
      const plan = new ObjectPlan(existing);
      this.nested.push(plan);
      return plan;
    }
    const planned = this.entries.find((e) => e.key === key && typeof e.value !== 'string');
    if (planned) return planned.value as ObjectPlan;
    const plan = new ObjectPlan();
    this.entries.push({ key, value: plan, placement });
    return plan;
  }

  get isEmpty(): boolean {
    return this.entries.every((e) => typeof e.value !== 'string' && e.value.isEmpty) && this.nested.every((p) => p.isEmpty);
  }

  /** Records the edits of a plan over an existing object literal. */
  emit(edits: EditList, source: string): void {
    if (!this.node) throw new Error('only a plan over an existing object can be emitted in place');
    for (const plan of this.nested) plan.emit(edits, source);
    const entries = this.entries.filter((e) => typeof e.value === 'string' || !e.value.isEmpty);
    if (entries.length === 0) return;
    const props = objectProperties(this.node);
    const layout = layoutOf(source, this.node);
    if (props.length === 0) {
      const [start, end] = spanOf(this.node as unknown as ASTNode);
      edits.replace(start, end, this.render(layout, indentAt(source, start)), 'member');
      return;
    }
    for (const entry of entries) {
      const text = typeof entry.value === 'string' ? entry.value : entry.value.render(layout, layout.propertyIndent);
      insertProperty(edits, source, this.node as unknown as ASTNode, entry.key, text, entry.placement);
    }
  }

  /** The text of a new object holding this plan's entries; `indent` is that of the line its key is on. */
  render(layout: Layout, indent: string): string {
    const entries = this.entries.filter((e) => typeof e.value === 'string' || !e.value.isEmpty);
    if (entries.length === 0) return '{}';
    const inner = indent + layout.unit;
    const parts = entries.map((e) => {
      const key = layout.keyQuote ? quoteString(e.key, layout.keyQuote) : e.key;
      const value = typeof e.value === 'string' ? e.value : e.value.render(layout, inner);
      return `${key}: ${value}`;
    });
    if (!layout.multiline) return `{ ${parts.join(', ')} }`;
    const eol = layout.eol;
    return `{${eol}${parts.map((p) => inner + p).join(`,${eol}`)}${layout.trailingComma ? ',' : ''}${eol}${indent}}`;
  }
}

/** How an object literal is laid out, so new objects inside it look like it. */
export interface Layout {
  multiline: boolean;
  /** The indentation of the object's own properties. */
  propertyIndent: string;
  /** One level of indentation. */
  unit: string;
  eol: '\n' | '\r\n';
  trailingComma: boolean;
  /** The quote of quoted keys, when the object quotes its keys. */
  keyQuote?: Quote;
}

export function layoutOf(source: string, obj: AnyNode): Layout {
  const [objStart, objEnd] = spanOf(obj as unknown as ASTNode);
  const props = objectProperties(obj);
  const eol = eolOf(source);
  const objectIndent = indentAt(source, objStart);
  if (props.length === 0) {
    const multiline = source.slice(objStart, objEnd).includes('\n');
    const unit = fileIndentUnit(source);
    return { multiline, propertyIndent: objectIndent + unit, unit, eol, trailingComma: false };
  }
  const [firstStart] = spanOf(props[0] as unknown as ASTNode);
  const [, lastEnd] = spanOf(props[props.length - 1] as unknown as ASTNode);
  const multiline = source.slice(objStart, firstStart).includes('\n');
  const propertyIndent = multiline ? indentAt(source, firstStart) : objectIndent;
  const unit =
    multiline && propertyIndent.length > objectIndent.length && propertyIndent.startsWith(objectIndent)
      ? propertyIndent.slice(objectIndent.length)
      : fileIndentUnit(source);
  const afterLast = source.slice(lastEnd, objEnd - 1).replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g, '');
  const key = asNode(props[0].key);
  const keyQuote = key && isStringLiteral(key) ? (quoteOf(source, key as unknown as ASTNode) === '"' ? '"' : "'") : undefined;
  return { multiline, propertyIndent, unit, eol, trailingComma: afterLast.trim().startsWith(','), ...(keyQuote ? { keyQuote } : {}) };
}
