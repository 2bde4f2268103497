import type { ASTNode } from 'jscodeshift';
import { spanOf, type TextEdit } from '../ast/edits';
import { type AnyNode, asNode, calleeName, CLASS_FIELD_TYPES, CLASS_METHOD_TYPES, eolOf, indentAt, isStringLiteral, keyName, memberPropertyName, quoteOf, quoteString, stringValue, unwrapExpression } from '../ast/nodes';
import { hasMember, insertMember, memberName, type TypeMembers } from '../ast/type-members';
import { type Binding, childNodes, isFunctionNode, type ScopeIndex } from './scope';
import { accessTwinField, storageRead, type TokenKind } from './tokens';
import { type OriginFinder, REDIRECT_LOGIN, SOME_LOGIN } from './origins';

/**
 * Token twins (DESIGN.md "Token tracing"): for an expression that holds an ID token, the edits
 * that make it read the matching access token instead, and whatever must be added elsewhere in
 * the file for that access token to exist (a `this.accessToken = …` beside `this.idToken = …`).
 *
 * Values are followed, not names: a local is followed to its initialiser, a field to every
 * assignment of it in the file, a storage key to what the package stores under it. Whatever
 * cannot be followed to its origin is reported as untraceable and left alone.
 */

/** The seed guide's placeholders: its old approach passes the first, its new approach the second. */
export const SEED_ID_TOKEN_PLACEHOLDER = '{yourIdToken}';
export const SEED_ACCESS_TOKEN_PLACEHOLDER = '{yourMgmtApiAccessToken}';

/** What the package and the file tell about Web Storage keys. */
export interface StorageKnowledge {
  kindOf(key: string): TokenKind | 'ambiguous' | undefined;
  /** The key the access token is (or will be) stored under, read in place of an ID-token key. */
  accessKey: string;
}

/** Text to insert at an offset of the source, e.g. a twin assignment on the line after a statement. */
export interface Addition {
  offset: number;
  text: string;
}

export interface TwinEffects {
  /** ID-token storage keys whose reads now use the access-token key. */
  storageKeys: Set<string>;
  additions: Addition[];
  /** Where the token comes from, as links of the migration plan (see origins.ts). */
  origins: Set<string>;
}

export type Twin =
  /** Already the access token; `origins` as for `id` twins, where the codemod can tell. */
  | { kind: 'access'; origins?: readonly string[] }
  /** `null`, `undefined`, `''`: no token at all, kept as it is (a fallback or a cleared field). */
  | { kind: 'neutral' }
  | { kind: 'id'; edits: TextEdit[]; effects: TwinEffects }
  | { kind: 'untraceable'; reason: string };

const ID_FIELDS = new Set(['idToken', 'id_token']);
const ACCESS_FIELDS = new Set(['accessToken', 'access_token']);
/** State containers whose contents are put there by other code (React state, Vuex/Redux stores). */
const STORE_CONTAINERS = new Set(['state', '$store', 'store', 'getters', 'rootState']);
const STATEMENT_LISTS = new Set(['BlockStatement', 'Program', 'SwitchCase', 'StaticBlock', 'TSModuleBlock']);
const IDENTIFIER_NAME = /^[A-Za-z_$][\w$]*$/;

/** An assignment, class field or accessor that sets a field. */
interface FieldWrite {
  /** `data` is a property of the object a Vue component's `data()` returns. */
  kind: 'assign' | 'field' | 'getter' | 'data' | 'other';
  node: AnyNode;
}

type ContainerResult =
  | { kind: 'access'; origins?: readonly string[] }
  | { kind: 'id'; twinField: string; effects: TwinEffects }
  | { kind: 'untraceable'; reason: string };

const untraceable = (reason: string): Twin => ({ kind: 'untraceable', reason });
const emptyEffects = (): TwinEffects => ({ storageKeys: new Set(), additions: [], origins: new Set() });

function mergeEffects(into: TwinEffects, from: TwinEffects): void {
  from.storageKeys.forEach((k) => into.storageKeys.add(k));
  from.origins.forEach((o) => into.origins.add(o));
  into.additions.push(...from.additions);
}

/**
 * Where and how to add `text` after the statement or class member at [start, end): on a line of
 * its own, indented like it, when it has its line to itself (after a trailing line comment, which
 * stays with its line); else on the same line. A statement ends with a semicolon when the one it
 * follows does; on a shared line a missing one is supplied between the two.
 */
export function placeAfter(source: string, start: number, end: number, text: string, kind: 'statement' | 'member'): Addition {
  const lineStart = source.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = source.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = source.length;
  else if (source[lineEnd - 1] === '\r') lineEnd--;
  const ownLine = /^[ \t]*$/.test(source.slice(lineStart, start)) && /^[ \t]*(\/\/.*)?$/.test(source.slice(end, lineEnd));
  const hasSemicolon = source[end - 1] === ';';
  const terminator = kind === 'statement' && hasSemicolon ? ';' : '';
  if (ownLine) return { offset: lineEnd, text: `${eolOf(source)}${indentAt(source, start)}${text}${terminator}` };
  const separator = hasSemicolon || (kind === 'member' && source[end - 1] === '}') ? ' ' : '; ';
  return { offset: end, text: `${separator}${text}${kind === 'statement' ? ';' : ''}` };
}

/** Applies edits that lie within [start, end) to that slice of the source. */
export function applyWithin(source: string, start: number, end: number, edits: readonly TextEdit[]): string {
  const inside = [...edits].filter((e) => e.start >= start && e.end <= end).sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = start;
  for (const e of inside) {
    out += source.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  return out + source.slice(cursor, end);
}

export class TokenTracer {
  private readonly ids = new Map<object, number>();
  private nextId = 1;
  private fieldWrites: Map<string, FieldWrite[]> | undefined;
  private readonly containers = new Map<string, ContainerResult | 'pending'>();

  constructor(
    private readonly source: string,
    private readonly scope: ScopeIndex,
    private readonly storage: StorageKnowledge,
    private readonly eol: string,
    /**
     * The object type declared in this file for a TypeScript local, parameter or class property
     * (see type-members.ts); 'unextendable' when its type is this file's but not a plain object
     * type the codemod can add a member to.
     */
    private readonly declaredType: (declaring: AnyNode) => TypeMembers | 'unextendable' | undefined = () => undefined,
    /** Finds where login results come from; without it, twins carry no origins. */
    private readonly origins?: OriginFinder,
    /**
     * Whether the file is a module, whose top-level functions are its own. A classic script's are
     * globals of the page, which other scripts or inline handlers may call.
     */
    private readonly isModule = false,
  ) {}

  /**
   * The twin of `expression`. `site` is where the twin's text will be evaluated when that is not
   * where `expression` stands (a local's initialiser written at the local's use); every name the
   * twin keeps must then mean the same thing there.
   */
  twinOf(expression: AnyNode, site: AnyNode | null = null, depth = 0, parameters = false): Twin {
    const n = unwrapExpression(expression);
    if (!n) return untraceable('the codemod cannot follow this expression');
    if (depth > 8) return untraceable('it is passed through too many variables');

    const literal = this.literalTwin(n);
    if (literal) return literal;

    const read = storageRead(n) ?? this.constantKeyRead(n);
    if (read) return this.storageTwin(n, read, site);

    if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
      // A token from the environment is configured for the app (an API or machine-to-machine
      // token): a user's ID token is never kept there.
      if (isProcessEnv(asNode(n.object))) return { kind: 'access' };
      const field = memberPropertyName(n);
      if (field === undefined) return untraceable('its property name is computed');
      return this.memberTwin(n, asNode(n.object) as AnyNode, field, site, depth);
    }
    if (n.type === 'Identifier') return this.identifierTwin(n, site, depth, parameters && depth === 0 && site === null);
    if (n.type === 'LogicalExpression') {
      if (n.operator === '&&') {
        // `guard && token`: the guard stays as it is, the token is the value.
        if (!this.keepsMeaning(n.left as AnyNode, site)) return untraceable('its guard reads names that differ where the token is used');
        return this.twinOf(n.right as AnyNode, site, depth + 1);
      }
      return this.combine([this.twinOf(n.left as AnyNode, site, depth + 1), this.twinOf(n.right as AnyNode, site, depth + 1)]);
    }
    if (n.type === 'ConditionalExpression') {
      if (!this.keepsMeaning(n.test as AnyNode, site)) return untraceable('its condition reads names that differ where the token is used');
      return this.combine([this.twinOf(n.consequent as AnyNode, site, depth + 1), this.twinOf(n.alternate as AnyNode, site, depth + 1)]);
    }
    if (n.type === 'CallExpression' || n.type === 'OptionalCallExpression' || n.type === 'AwaitExpression' || n.type === 'NewExpression') {
      const param = this.urlParamTwin(n, site);
      if (param) return param;
      const call = resultCall(n);
      if (call && isSdkTokenCall(call)) return { kind: 'access' };
      const returned = call ? (this.returnedTwin(call, depth) ?? this.getterTwin(call, site, depth)) : undefined;
      if (returned) return returned;
      // `auth.getAccessToken()` defined elsewhere: its name says what it returns, and some login
      // of the package gave it.
      if (call && hasAccessTokenName(call)) return { kind: 'access', origins: [SOME_LOGIN] };
      return untraceable('it is returned by a function call');
    }
    return untraceable('the codemod cannot follow this expression');
  }

  /**
   * `params.get('id_token')` on a `URLSearchParams` (the callback's hash, parsed by hand): its
   * twin is `params.get('access_token')`, which the redirect carries once the login asks for a token.
   */
  private urlParamTwin(n: AnyNode, site: AnyNode | null): Twin | undefined {
    if (n.type !== 'CallExpression' && n.type !== 'OptionalCallExpression') return undefined;
    const callee = unwrapExpression(n.callee);
    const [argument] = (n.arguments as unknown[]).map((a) => unwrapExpression(a));
    const key = stringValue(argument);
    if (memberPropertyName(callee) !== 'get' || (key !== 'id_token' && key !== 'access_token') || !argument) return undefined;
    const receiver = unwrapExpression(callee?.object);
    const parsed = receiver ? this.searchParamsSource(receiver) : undefined;
    if (!receiver || !parsed) return undefined;
    const origin = /hash|location|href|search/.test(this.source.slice(parsed.start as number, parsed.end as number)) ? REDIRECT_LOGIN : SOME_LOGIN;
    if (key === 'access_token') return { kind: 'access', origins: [origin] };
    if (!this.keepsMeaning(receiver, site)) return untraceable('its URLSearchParams differs where the token is used');
    const [start, end] = spanOf(argument as unknown as ASTNode);
    const effects = emptyEffects();
    effects.origins.add(origin);
    return { kind: 'id', edits: [{ start, end, text: quoteString('access_token', quoteOf(this.source, argument as unknown as ASTNode)) }], effects };
  }

  /** The argument of the `new URLSearchParams(…)` a value is, directly or through a name bound once to it. */
  private searchParamsSource(node: AnyNode): AnyNode | undefined {
    let value: AnyNode | null = node;
    if (node.type === 'Identifier') {
      const binding = this.scope.resolve(node.name as string, node);
      if (!binding || binding.declarators.length !== 1 || this.scope.isReassigned(binding)) return undefined;
      value = unwrapExpression(binding.declarators[0].init);
    }
    if (value?.type !== 'NewExpression') return undefined;
    const callee = unwrapExpression(value.callee);
    if (callee?.type !== 'Identifier' || callee.name !== 'URLSearchParams') return undefined;
    return asNode((value.arguments as unknown[])[0]) ?? undefined;
  }

  /** Functions whose returns are being traced: a recursive function proves nothing. */
  private readonly tracing = new Set<AnyNode>();

  /**
   * An access token returned by a function or method of this file (`this.getManagementToken()`,
   * `mgmtToken()` doing a client-credentials request): every value it returns is one.
   */
  private returnedTwin(call: AnyNode, depth: number): Twin | undefined {
    const fn = this.calledFunction(call);
    if (!fn || this.tracing.has(fn)) return undefined;
    const returned = returnedValues(fn);
    if (returned.length === 0) return undefined;
    this.tracing.add(fn);
    try {
      const twins = returned.map((value) => this.twinOf(value, null, depth + 1));
      return twins.every((t) => t.kind === 'access') ? { kind: 'access', origins: accessOrigins(twins) } : undefined;
    } finally {
      this.tracing.delete(fn);
    }
  }

  /**
   * The twin of a call to a getter method or function of this file that returns the stored ID
   * token (`this.getToken()` → `this.getAccessToken()`): the call switches to a twin beside it that
   * returns the access token, added unless the file has one already. Undefined when the function
   * returns no ID token (the call is then untraceable as any call).
   */
  private getterTwin(call: AnyNode, site: AnyNode | null, depth: number): Twin | undefined {
    const getter = this.calledGetter(call);
    if (!getter || this.tracing.has(getter.fn)) return undefined;
    const returned = returnedValues(getter.fn);
    if (returned.length === 0) return undefined;
    this.tracing.add(getter.fn);
    let twin: Twin;
    try {
      twin = this.combine(returned.map((value) => this.twinOf(value, null, depth + 1)));
    } finally {
      this.tracing.delete(getter.fn);
    }
    const name = getter.name;
    if (twin.kind === 'untraceable') return returned.some((v) => this.mentionsIdToken(v)) ? untraceable(`${name}() returns a token the codemod cannot follow: ${twin.reason}`) : undefined;
    if (twin.kind !== 'id') return undefined;
    // The twin is a copy of the getter that returns the access token: the getter must do nothing
    // else, or the copy would do it twice (or do it around the other token).
    const only = onlyReturn(getter.fn);
    if (!only) return untraceable(`${name}() does more than return the ID token; add a getter beside it that returns the access token, and call it here`);
    if ((getter.fn.params as unknown[]).length > 0 || (call.arguments as unknown[]).length > 0) {
      return untraceable(`${name}() takes arguments; add a getter beside it that returns the access token, and call it here`);
    }
    const [returnStart, returnEnd] = spanOf(only as unknown as ASTNode);
    if (twin.edits.some((e) => e.start < returnStart || e.end > returnEnd)) return untraceable(`${name}() returns a token read outside its own body`);
    const twinName = accessGetterName(name);
    if (!twinName) return untraceable(`the codemod cannot name an access-token twin of ${name}(); add a getter beside it that returns the access token, and call it here`);
    if (!this.keepsMeaning(asNode(unwrapExpression(call.callee)?.object) ?? (unwrapExpression(call.callee) as AnyNode), site)) {
      return untraceable(`${name}() means something else where the token is used`);
    }
    const calleeName = getter.calleeName;
    const [nameStart, nameEnd] = spanOf(calleeName as unknown as ASTNode);
    const edits: TextEdit[] = [{ start: nameStart, end: nameEnd, text: twinName }];
    const effects = emptyEffects();
    twin.effects.storageKeys.forEach((k) => effects.storageKeys.add(k));
    twin.effects.origins.forEach((o) => effects.origins.add(o));

    const existing = this.existingGetter(getter, twinName, call, site);
    if (existing === 'access') return { kind: 'id', edits, effects };
    if (existing !== undefined) return untraceable(existing);
    // A copy at a classic script's top level is a global of the page: it could replace a
    // function of that name another script defines.
    if (!this.isModule && this.scope.topLevelName(getter.fn) !== undefined) {
      return untraceable(`${name}() is a global function of the page, and a ${twinName}() beside it could replace one another script defines; add it yourself, and call it here`);
    }
    effects.additions.push(this.copyGetter(getter, only, twinName, twin.edits), ...twin.effects.additions);
    return { kind: 'id', edits, effects };
  }

  /** Whether an expression reads something named as an ID token (`localStorage.getItem('id_token')`, `this.idToken`). */
  private mentionsIdToken(value: AnyNode): boolean {
    const [start, end] = spanOf(value as unknown as ASTNode);
    return /id_?token/i.test(this.source.slice(start, end));
  }

  /**
   * The getter a call runs: a method of the class `this` is at the call (not static, private,
   * computed or decorated), a function declared in a statement list, or a `const` bound to one.
   * `copied` is the member or statement its twin is a copy of.
   */
  private calledGetter(call: AnyNode): Getter | undefined {
    const callee = unwrapExpression(call.callee);
    const fn = this.calledFunction(call);
    if (!fn || !callee) return undefined;
    if (callee.type === 'Identifier') {
      const binding = this.scope.resolve(callee.name as string, callee);
      if (!binding) return undefined;
      let copied: AnyNode | undefined;
      let nameNode: AnyNode | undefined;
      if (fn.type === 'FunctionDeclaration') {
        copied = fn;
        nameNode = asNode(fn.id) ?? undefined;
      } else {
        const declarator = binding.declarators[0];
        const declaration = this.scope.parentOf(declarator);
        if (declaration?.type !== 'VariableDeclaration' || (declaration.declarations as unknown[]).length !== 1) return undefined;
        copied = declaration;
        nameNode = asNode(declarator.id) ?? undefined;
      }
      // A named export is copied whole, so the twin is exported like the getter; a default export cannot be.
      const parent = this.scope.parentOf(copied);
      if (parent?.type === 'ExportNamedDeclaration') copied = parent;
      else if (!parent || !STATEMENT_LISTS.has(parent.type)) return undefined;
      if (!nameNode || nameNode.type !== 'Identifier') return undefined;
      return { kind: 'function', fn, copied, nameNode, calleeName: callee, name: callee.name as string, binding };
    }
    const parent = this.scope.parentOf(fn);
    const method = fn.type === 'FunctionExpression' && parent?.type === 'MethodDefinition' ? parent : fn;
    const body = this.scope.parentOf(method);
    const cls = body && this.scope.parentOf(body);
    if (method.type === 'ClassPrivateMethod' || method.static || method.computed || (Array.isArray(method.decorators) && method.decorators.length > 0)) return undefined;
    if (!cls || this.scope.thisClassOf(call) !== cls) return undefined;
    const nameNode = asNode(method.key);
    const calleeName = asNode(callee.property);
    if (nameNode?.type !== 'Identifier' || calleeName?.type !== 'Identifier' || callee.computed) return undefined;
    return { kind: 'method', fn, copied: method, nameNode, calleeName, name: nameNode.name as string, classNode: cls };
  }

  /**
   * Whether the twin's name is taken: 'access' when by a getter of the same kind that returns an
   * access token (the call switches to it), undefined when free, else why it cannot be used.
   */
  private existingGetter(getter: Getter, twinName: string, call: AnyNode, site: AnyNode | null): 'access' | string | undefined {
    const taken = `${twinName} already exists and does not return an access token; call a getter that returns the access token here`;
    let fn: AnyNode | undefined;
    if (getter.kind === 'method') {
      const key = `this#${this.idOf(getter.classNode)}`;
      const writes = this.writesOf(key, twinName);
      if (writes.length === 0) return undefined;
      if (writes.length > 1 || writes[0].kind !== 'other') return taken;
      fn = this.methodNamed(getter.classNode, twinName);
    } else {
      const here = this.scope.resolve(twinName, call);
      if (site && this.scope.resolve(twinName, site) !== here) return `${twinName} means something else where the token is used`;
      if (!here) {
        // A name the file uses for anything (a global, a local elsewhere) would be captured by the new function.
        return new RegExp(`(^|[^\\w$])${twinName.replace(/\$/g, '\\$')}($|[^\\w$])`).test(this.source) ? `${twinName} is already used in this file; add a getter that returns the access token, and call it here` : undefined;
      }
      fn = this.functionOf(here);
    }
    // The existing getter must return an access token wherever it returns.
    if (!fn || this.tracing.has(fn)) return taken;
    const returned = returnedValues(fn);
    this.tracing.add(fn);
    try {
      const twins = returned.map((value) => this.twinOf(value, null, 1));
      return twins.length > 0 && twins.every((t) => t.kind === 'access') ? 'access' : taken;
    } finally {
      this.tracing.delete(fn);
    }
  }

  /** The function of a plain (non-static, non-accessor) method `name` of a class. */
  private methodNamed(cls: AnyNode, name: string): AnyNode | undefined {
    const members = (asNode(cls.body)?.body as AnyNode[] | undefined) ?? [];
    const method = members.find((m) => CLASS_METHOD_TYPES.has(m.type) && !m.computed && !m.static && keyName(m.key) === name && m.kind === 'method');
    if (!method) return undefined;
    return method.type === 'MethodDefinition' ? (asNode(method.value) ?? undefined) : method;
  }

  /**
   * A copy of the getter under the twin's name, returning the access token, placed after it. Comments
   * inside its body are left out: they speak of the ID token the getter returns.
   */
  private copyGetter(getter: Getter, only: AnyNode, twinName: string, returnEdits: readonly TextEdit[]): Addition {
    const [start, end] = spanOf(getter.copied as unknown as ASTNode);
    const [nameStart] = spanOf(getter.nameNode as unknown as ASTNode);
    const edits: TextEdit[] = [{ start: nameStart, end: nameStart + getter.name.length, text: twinName }, ...returnEdits];
    const body = asNode(getter.fn.body);
    if (body?.type === 'BlockStatement') {
      const [bodyStart, bodyEnd] = spanOf(body as unknown as ASTNode);
      const [returnStart, returnEnd] = spanOf(only as unknown as ASTNode);
      const before = this.source.slice(bodyStart + 1, returnStart);
      const after = this.source.slice(returnEnd, bodyEnd - 1);
      if (/\S/.test(before)) edits.push({ start: bodyStart + 1, end: returnStart, text: before.includes('\n') ? `${this.eol}${indentAt(this.source, returnStart)}` : ' ' });
      if (/\S/.test(after)) edits.push({ start: returnEnd, end: bodyEnd - 1, text: after.includes('\n') ? `${this.eol}${indentAt(this.source, bodyEnd - 1)}` : ' ' });
    }
    const addition = placeAfter(this.source, start, end, applyWithin(this.source, start, end, edits), 'member');
    // Members or statements kept apart by a blank line get one between the getter and its twin too.
    const blankAfter = /^[^\n]*\n[ \t]*\r?\n/.test(this.source.slice(end));
    if (blankAfter && addition.text.startsWith(this.eol)) addition.text = `${this.eol}${addition.text}`;
    return addition;
  }

  /** The function a call runs: a function of this file by name, or a method of the class `this` is. */
  private calledFunction(call: AnyNode): AnyNode | undefined {
    const callee = unwrapExpression(call.callee);
    if (callee?.type === 'Identifier') {
      const binding = this.scope.resolve(callee.name as string, callee);
      return binding ? this.functionOf(binding) : undefined;
    }
    if ((callee?.type === 'MemberExpression' || callee?.type === 'OptionalMemberExpression') && unwrapExpression(callee.object)?.type === 'ThisExpression') {
      const name = memberPropertyName(callee);
      // `this` of the call's own method (not of a `function () {}` nested in it), and no static method.
      const body = asNode(this.scope.thisClassOf(call)?.body);
      const method = body && name
        ? (body.body as AnyNode[]).find((m) => CLASS_METHOD_TYPES.has(m.type) && !m.computed && !m.static && keyName(m.key) === name && m.kind === 'method')
        : undefined;
      if (!method) return undefined;
      return method.type === 'MethodDefinition' ? (asNode(method.value) ?? undefined) : method;
    }
    return undefined;
  }

  /** The function a name is bound to: a function declaration, or a variable set once to a function. */
  private functionOf(binding: Binding): AnyNode | undefined {
    if (binding.kind === 'function') return functionDeclaredIn(binding.scope, binding.name);
    if ((binding.kind === 'const' || binding.kind === 'let' || binding.kind === 'var') && binding.declarators.length === 1 && !this.scope.isReassigned(binding)) {
      const init = unwrapExpression(binding.declarators[0].init);
      return init && isFunctionNode(init) ? init : undefined;
    }
    return undefined;
  }

  private literalTwin(n: AnyNode): Twin | undefined {
    if (n.type === 'NullLiteral' || (n.type === 'Literal' && n.value === null)) return { kind: 'neutral' };
    if (n.type === 'Identifier' && n.name === 'undefined' && !this.scope.resolve('undefined', n)) return { kind: 'neutral' };
    const value = isStringLiteral(n) || n.type === 'TemplateLiteral' ? stringValue(n) : undefined;
    if (value === undefined) {
      if (n.type === 'TemplateLiteral') return untraceable('it is built from a template');
      if (n.type.endsWith('Literal')) return untraceable('it is a literal');
      return undefined;
    }
    if (value === '') return { kind: 'neutral' };
    if (value === SEED_ACCESS_TOKEN_PLACEHOLDER) return { kind: 'access', origins: [SOME_LOGIN] };
    if (value === SEED_ID_TOKEN_PLACEHOLDER) {
      const [start, end] = spanOf(n as unknown as ASTNode);
      const quote = quoteOf(this.source, n as unknown as ASTNode);
      const effects = emptyEffects();
      effects.origins.add(SOME_LOGIN);
      return { kind: 'id', edits: [{ start, end, text: quoteString(SEED_ACCESS_TOKEN_PLACEHOLDER, quote) }], effects };
    }
    return untraceable('it is a string literal');
  }

  /** `storage.getItem(KEY)` where `KEY` is a constant bound to a string literal. */
  private constantKeyRead(n: AnyNode): ReturnType<typeof storageRead> {
    if (n.type !== 'CallExpression') return undefined;
    const arg = unwrapExpression((n.arguments as unknown[])[0]);
    if (arg?.type !== 'Identifier') return undefined;
    const binding = this.scope.resolve(arg.name as string, arg);
    const init = binding && this.singleInitialiser(binding);
    const key = init ? stringValue(init) : undefined;
    if (key === undefined || !isStringLiteral(init)) return undefined;
    const probe = storageRead({ ...n, arguments: [init] });
    return probe ? { ...probe, keyNode: arg } : undefined;
  }

  private storageTwin(n: AnyNode, read: NonNullable<ReturnType<typeof storageRead>>, site: AnyNode | null): Twin {
    const kind = this.storage.kindOf(read.key);
    if (kind === 'access') return { kind: 'access', origins: [`storage:${read.key}`] };
    if (kind === 'ambiguous') return untraceable(`storage key '${read.key}' holds ID tokens and access tokens`);
    if (kind !== 'id') return untraceable(`storage key '${read.key}' is not known to hold an ID token`);
    const storageObject = read.form === 'getItem' ? asNode(asNode(n.callee)?.object) : asNode(n.object);
    if (storageObject && !this.keepsMeaning(storageObject, site)) return untraceable('its storage object differs where the token is used');
    const accessKey = this.storage.accessKey;
    const [start, end] = spanOf(read.keyNode as unknown as ASTNode);
    let text: string;
    if (read.form === 'member') {
      if (!IDENTIFIER_NAME.test(accessKey)) return untraceable(`storage key '${accessKey}' cannot be written as a property`);
      text = accessKey;
    } else if (read.keyNode.type === 'Identifier') {
      text = quoteString(accessKey, this.quoteOfConstant(read.keyNode));
    } else {
      const q = quoteOf(this.source, read.keyNode as unknown as ASTNode);
      text = quoteString(accessKey, q);
    }
    const effects = emptyEffects();
    effects.storageKeys.add(read.key);
    effects.origins.add(`storage:${read.key}`);
    effects.origins.add(`storage:${accessKey}`);
    return { kind: 'id', edits: [{ start, end, text }], effects };
  }

  /**
   * A parameter that carries the token into the file's own function and is read only here:
   * `function showProfile(idToken) { new auth0.Management({ domain, token: idToken }) }`. Every
   * call passes its twin instead (`showProfile(authResult.accessToken)`), and the parameter is
   * renamed `accessToken` where that name is free. Untraceable when the function may be called
   * from elsewhere (exported, a method, passed as a value) or the parameter is read elsewhere too
   * (those reads still want the ID token).
   */
  private parameterTwin(n: AnyNode, binding: Binding, depth: number): Twin {
    const name = n.name as string;
    const fn = binding.scope;
    const params = (fn.params as unknown[] | undefined) ?? [];
    const index = params.findIndex((param) => asNode(param)?.type === 'Identifier' && asNode(param)?.name === name);
    if (index === -1) return untraceable(`${name} is a function parameter`);
    const declaration = asNode(params[index]) as AnyNode;
    const uses = this.scope.usesOf(fn);
    if (!uses || uses.callbacks.length > 0) return untraceable(`${name} is a parameter of a function that may be called from elsewhere`);
    const global = this.isModule ? undefined : this.scope.topLevelName(fn);
    if (global !== undefined) {
      return untraceable(
        `${name} is a parameter of ${global}(), a global function of the page that other scripts or inline handlers may call too; pass the access token at every call of it in the app and name the parameter accessToken`,
      );
    }
    const references = this.scope.referencesTo(binding, declaration);
    if (references.length !== 1 || references[0] !== n) return untraceable(`${name} is a function parameter that its function also reads elsewhere`);
    const twins = uses.calls.map((call) => {
      const argument = asNode((call.arguments as unknown[])[index]);
      return argument && argument.type !== 'SpreadElement' ? this.twinOf(argument, null, depth + 1) : untraceable(`a call of its function passes no ${name}`);
    });
    const combined = this.combine(twins);
    if (combined.kind === 'untraceable') return untraceable(`${name} is passed by a call where ${combined.reason}`);
    if (combined.kind !== 'id') return combined;
    return { kind: 'id', edits: [...combined.edits, ...this.renameParameter(fn, declaration, n)], effects: combined.effects };
  }

  /** `idToken` → `accessToken` at the parameter and its one read, where nothing in the function is named so. */
  private renameParameter(fn: AnyNode, declaration: AnyNode, read: AnyNode): TextEdit[] {
    const renamed = 'accessToken';
    const taken = identifiersIn(fn).has(renamed);
    if (taken) return [];
    const at = (node: AnyNode): TextEdit => {
      const [start] = spanOf(node as unknown as ASTNode);
      return { start, end: start + (node.name as string).length, text: renamed };
    };
    return [at(declaration), at(read)];
  }

  private quoteOfConstant(identifier: AnyNode): '"' | "'" | '`' {
    const binding = this.scope.resolve(identifier.name as string, identifier);
    const init = binding && this.singleInitialiser(binding);
    return init ? quoteOf(this.source, init as unknown as ASTNode) : "'";
  }

  /**
   * `parameters`: the caller applies every edit of the twin, wherever it is (a consumer switched in
   * place), so a parameter may be followed to the calls that pass it (see parameterTwin). Nowhere
   * else: a twin written out as text (a stored copy, a local's value) keeps only its own span.
   */
  private identifierTwin(n: AnyNode, site: AnyNode | null, depth: number, parameters = false): Twin {
    const name = n.name as string;
    const binding = this.scope.resolve(name, n);
    if (!binding) return untraceable(`${name} is not declared in this file`);
    if (binding.kind === 'param') {
      // Its calls, where they are all in sight, tell what it carries and from which logins (the
      // same answer on a second run, after the calls pass the access token).
      const followed = parameters ? this.parameterTwin(n, binding, depth) : untraceable(`${name} is a function parameter`);
      // Else a parameter named for the access token (`setupManagement(accessToken)`): its name says
      // what its callers pass, as a getAccessToken() defined elsewhere does; some login gave it.
      if (followed.kind === 'untraceable' && ACCESS_TOKEN_NAME.test(name)) return { kind: 'access', origins: [SOME_LOGIN] };
      return followed;
    }
    if (binding.kind === 'import') return untraceable(`${name} is imported`);
    if (binding.kind !== 'var' && binding.kind !== 'let' && binding.kind !== 'const') return untraceable(`${name} is not a variable`);
    if (binding.declarators.length !== 1 || this.scope.isReassigned(binding)) return untraceable(`${name} is assigned more than once`);
    const declarator = binding.declarators[0];
    const id = asNode(declarator.id);
    const init = asNode(declarator.init);
    if (!id || !init) return untraceable(`${name} is declared without a value`);
    const at = site ?? n;

    if (id.type === 'Identifier') {
      const inner = this.twinOf(init, at, depth + 1);
      if (inner.kind !== 'id') return inner.kind === 'untraceable' ? untraceable(`${name}: ${inner.reason}`) : inner;
      const [initStart, initEnd] = spanOf(init as unknown as ASTNode);
      let text = applyWithin(this.source, initStart, initEnd, inner.edits);
      if (this.needsParentheses(init, n)) text = `(${text})`;
      const [start, end] = spanOf(n as unknown as ASTNode);
      return { kind: 'id', edits: [{ start, end, text }], effects: inner.effects };
    }

    if (id.type === 'ObjectPattern') {
      // `const { idToken } = authResult` → the use becomes `authResult.accessToken`.
      const prop = (id.properties as AnyNode[]).find((p) => asNode(p.value)?.type === 'Identifier' && asNode(p.value)?.name === name);
      const key = prop && !prop.computed ? asNode(prop.key) : null;
      const field = key ? (key.type === 'Identifier' ? (key.name as string) : stringValue(key)) : undefined;
      if (!field) return untraceable(`${name} is destructured in a way the codemod cannot follow`);
      const receiver = unwrapExpression(init);
      if (!receiver || !['Identifier', 'MemberExpression', 'ThisExpression'].includes(receiver.type)) {
        return untraceable(`${name} is destructured from an expression the codemod cannot follow`);
      }
      const result = this.fieldTwin(receiver, field, declarator, depth);
      if (result.kind !== 'id') return result.kind === 'access' ? result : untraceable(`${name}: ${result.reason}`);
      if (!this.keepsMeaning(receiver, at)) return untraceable(`${name} is destructured from names that differ where the token is used`);
      const [start, end] = spanOf(n as unknown as ASTNode);
      const receiverText = this.source.slice(...spanOf(receiver as unknown as ASTNode));
      const effects = this.withTwinDeclaration(result.effects, receiver, field, result.twinField, declarator);
      if (typeof effects === 'string') return untraceable(`${name}: ${effects}`);
      return { kind: 'id', edits: [{ start, end, text: `${receiverText}.${result.twinField}` }], effects };
    }
    return untraceable(`${name} is destructured in a way the codemod cannot follow`);
  }

  private memberTwin(member: AnyNode, receiver: AnyNode, field: string, site: AnyNode | null, depth: number): Twin {
    const result = this.fieldTwin(receiver, field, member, depth);
    if (result.kind !== 'id') return result;
    if (!this.keepsMeaning(receiver, site)) return untraceable('it reads names that differ where the token is used');
    const property = asNode(member.property) as AnyNode;
    const [start, end] = spanOf(property as unknown as ASTNode);
    const text = member.computed ? quoteString(result.twinField, quoteOf(this.source, property as unknown as ASTNode)) : result.twinField;
    if (!member.computed && !IDENTIFIER_NAME.test(result.twinField)) return untraceable('its twin field is not an identifier');
    const effects = this.withTwinDeclaration(result.effects, receiver, field, result.twinField, member);
    if (typeof effects === 'string') return untraceable(effects);
    return { kind: 'id', edits: [{ start, end, text }], effects };
  }

  /**
   * `effects` plus, where `receiver` is a TypeScript local, parameter or `this` property whose
   * object type this file declares (`authResult: { idToken: string }`, a local interface or type
   * alias), the member that declares the twin field beside the ID-token one, laid out like it:
   * otherwise `authResult.accessToken` would not compile. A reason instead when the file declares
   * the type in a form the codemod cannot add to (a union, `extends`, a nested property).
   */
  private withTwinDeclaration(effects: TwinEffects, receiver: AnyNode, field: string, twinField: string, at: AnyNode): TwinEffects | string {
    const declaring = this.declaringNode(receiver, at);
    if (declaring === 'nested') return `its object's type is declared in this file and the codemod cannot add ${twinField} to it; declare ${twinField} beside ${field} and pass the access token here`;
    const type = declaring?.typeAnnotation ? this.declaredType(declaring) : undefined;
    if (type === 'unextendable') {
      return `its type is declared in this file in a form the codemod cannot add ${twinField} to; declare ${twinField} beside ${field} and pass the access token here`;
    }
    const member = type?.members.find((m) => memberName(m) === field);
    if (!type || !member || hasMember(type, twinField)) return effects;
    const annotation = asNode(member.typeAnnotation);
    const typeText = annotation ? this.source.slice(...spanOf(annotation as unknown as ASTNode)) : '';
    const entry = `${member.readonly ? 'readonly ' : ''}${twinField}${member.optional ? '?' : ''}${typeText}`;
    const additions: Addition[] = [];
    insertMember({ insert: (offset, text) => additions.push({ offset, text }) }, this.source, type, twinField, entry, { after: [field] });
    return { ...effects, additions: [...effects.additions, ...additions] };
  }

  /**
   * The node whose type annotation types `receiver`: the declaring identifier of a local or
   * parameter, or the class property behind `this.x`. 'nested' for a deeper member whose root is
   * typed with one of this file's types (the codemod does not follow member types).
   */
  private declaringNode(receiver: AnyNode, at: AnyNode): AnyNode | 'nested' | undefined {
    const r = unwrapExpression(receiver);
    if (!r) return undefined;
    if (r.type === 'Identifier') return this.declaringIdentifier(r);
    if (r.type !== 'MemberExpression' && r.type !== 'OptionalMemberExpression') return undefined;
    const object = unwrapExpression(r.object);
    const name = memberPropertyName(r);
    if (object?.type === 'ThisExpression' && name !== undefined) {
      const body = asNode(this.scope.thisClassOf(at)?.body);
      return ((body?.body as AnyNode[] | undefined) ?? []).find((m) => !m.static && m.typeAnnotation && asNode(m.key)?.name === name);
    }
    let root: AnyNode | null = r;
    while (root && (root.type === 'MemberExpression' || root.type === 'OptionalMemberExpression')) root = unwrapExpression(root.object);
    const declaring = root?.type === 'Identifier' ? this.declaringIdentifier(root) : undefined;
    return declaring?.typeAnnotation && this.declaredType(declaring) !== undefined ? 'nested' : undefined;
  }

  /** The identifier that declares a local or parameter (`a` in `(a: T) =>` or `const a: T = …`). */
  private declaringIdentifier(identifier: AnyNode): AnyNode | undefined {
    const binding = this.scope.resolve(identifier.name as string, identifier);
    if (binding?.kind === 'param') {
      for (const param of (binding.scope.params as unknown[] | undefined) ?? []) {
        let p = asNode(param);
        if (p?.type === 'TSParameterProperty') p = asNode(p.parameter);
        if (p?.type === 'AssignmentPattern') p = asNode(p.left);
        if (p?.type === 'Identifier' && p.name === identifier.name) return p;
      }
      return undefined;
    }
    if (binding?.kind !== 'var' && binding?.kind !== 'let' && binding?.kind !== 'const') return undefined;
    const id = binding.declarators.length === 1 ? asNode(binding.declarators[0].id) : undefined;
    return id?.type === 'Identifier' ? id : undefined;
  }

  /**
   * What `receiver.field` holds, and the field its access-token twin is (or will be) in.
   * A field the file itself sets is followed to every value it is set to; a field it never sets
   * is judged by its name, when the object comes from a login result in this file's reach.
   */
  private fieldTwin(receiver: AnyNode, field: string, at: AnyNode, depth: number): ContainerResult {
    const key = this.receiverKey(receiver, at);
    if (key !== undefined) {
      const writes = this.writesOf(key, field);
      if (writes.length > 0) return this.containerTwin(key, field, writes, depth);
    }
    if (ACCESS_FIELDS.has(field)) return { kind: 'access', origins: this.origins?.ofObject(receiver) ?? [] };
    if (!ID_FIELDS.has(field)) return { kind: 'untraceable', reason: `.${field} is not known to hold an ID or access token` };
    const foreign = this.foreignOrigin(receiver, field, at);
    if (foreign) return { kind: 'untraceable', reason: foreign };
    const effects = emptyEffects();
    this.origins?.ofObject(receiver).forEach((origin) => effects.origins.add(origin));
    return { kind: 'id', twinField: accessTwinField(field) as string, effects };
  }

  /** Why an object's ID-token field cannot be assumed to have an access-token twin, or undefined when it can. */
  private foreignOrigin(receiver: AnyNode, field: string, at: AnyNode, depth = 0): string | undefined {
    const names: string[] = [];
    let root: AnyNode | null = unwrapExpression(receiver);
    let firstField: string | undefined;
    while (root && (root.type === 'MemberExpression' || root.type === 'OptionalMemberExpression')) {
      const name = memberPropertyName(root);
      if (name === undefined) return 'its object is reached through a computed property';
      names.push(name);
      firstField = name;
      root = unwrapExpression(root.object);
    }
    if (!root) return 'the codemod cannot follow its object';
    if (root.type === 'Identifier') names.push(root.name as string);
    // A bare token handed down as a prop, or anything kept in a store, is put there by other code;
    // a whole login result handed around (`props.session.idToken`) keeps its access token beside it.
    if (names[0] === 'props' || names.some((n) => STORE_CONTAINERS.has(n))) {
      return 'it comes from component props or store state that other code sets';
    }
    if (root.type === 'ThisExpression') {
      if (firstField === undefined) return `this.${field} is never set in this file`;
      const key = this.receiverKey(root, at);
      const writes = key === undefined ? [] : this.writesOf(key, firstField);
      const setHere = writes.some((w) => w.kind === 'assign' || (w.kind === 'field' && asNode(w.node.value)));
      return setHere ? undefined : `this.${firstField} is set outside this file`;
    }
    if (root.type !== 'Identifier') return undefined;
    const binding = this.scope.resolve(root.name as string, root);
    if (!binding) return `${root.name as string} is not declared in this file`;
    if (binding.kind === 'import') return `${root.name as string} is imported`;
    // `const { auth } = this.props; auth.idToken`: judge the object the local was taken from.
    const declarator = binding.declarators.length === 1 ? binding.declarators[0] : undefined;
    const init = declarator ? unwrapExpression(declarator.init) : null;
    if (init && depth < 4 && ['Identifier', 'MemberExpression', 'ThisExpression'].includes(init.type)) {
      return this.foreignOrigin(init, field, init, depth + 1);
    }
    return undefined;
  }

  private containerTwin(key: string, field: string, writes: FieldWrite[], depth: number): ContainerResult {
    const cacheKey = `${key}|${field}`;
    const cached = this.containers.get(cacheKey);
    if (cached === 'pending') return { kind: 'untraceable', reason: `${field} is set from itself` };
    if (cached) return cached;
    this.containers.set(cacheKey, 'pending');
    const result = this.planContainer(key, field, writes, depth);
    this.containers.set(cacheKey, result);
    return result;
  }

  private planContainer(key: string, field: string, writes: FieldWrite[], depth: number): ContainerResult {
    const label = `${key.startsWith('this#') ? 'this' : 'the object'}.${field}`;
    const twins: { write: FieldWrite; value: AnyNode | null; twin: Twin }[] = [];
    for (const write of writes) {
      const value = this.writtenValue(write);
      if (value === undefined) return { kind: 'untraceable', reason: `${label} is set in a way the codemod cannot mirror` };
      twins.push({ write, value, twin: value ? this.twinOf(value, null, depth + 1) : { kind: 'neutral' } });
    }
    const failed = twins.find((t) => t.twin.kind === 'untraceable');
    if (failed && failed.twin.kind === 'untraceable') {
      return { kind: 'untraceable', reason: `${label} is set to a value the codemod cannot follow: ${failed.twin.reason}` };
    }
    const hasId = twins.some((t) => t.twin.kind === 'id');
    const hasAccess = twins.some((t) => t.twin.kind === 'access');
    if (hasId && hasAccess) return { kind: 'untraceable', reason: `${label} holds ID tokens and access tokens` };
    if (hasAccess) return { kind: 'access', origins: accessOrigins(twins.map((t) => t.twin)) };
    if (!hasId) {
      return ACCESS_FIELDS.has(field) ? { kind: 'access' } : { kind: 'untraceable', reason: `${label} is never set to a token in this file` };
    }
    if (ACCESS_FIELDS.has(field)) return { kind: 'untraceable', reason: `${label} holds an ID token under an access-token name` };

    const twinField = accessTwinField(field) ?? (field.includes('_') ? 'access_token' : 'accessToken');
    const twinWrites = this.writesOf(key, twinField);
    if (twinWrites.length > 0) {
      // The file already keeps the access token beside the ID token.
      const existing = this.containerTwin(key, twinField, twinWrites, depth + 1);
      if (existing.kind !== 'access') return { kind: 'untraceable', reason: `${label}'s twin ${twinField} does not hold an access token` };
      const effects = emptyEffects();
      for (const { twin } of twins) if (twin.kind === 'id') twin.effects.origins.forEach((o) => effects.origins.add(o));
      return { kind: 'id', twinField, effects };
    }
    const effects = emptyEffects();
    for (const { write, value, twin } of twins) {
      const addition = this.twinWrite(write, value, twin, twinField);
      if (!addition) return { kind: 'untraceable', reason: `${label} is set where a twin cannot be added beside it` };
      effects.additions.push(addition);
      if (twin.kind === 'id') mergeEffects(effects, twin.effects);
    }
    return { kind: 'id', twinField, effects };
  }

  /** The value a write sets (null for a field declared without one), or undefined when it cannot be mirrored. */
  private writtenValue(write: FieldWrite): AnyNode | null | undefined {
    const n = write.node;
    if (write.kind === 'assign') return n.operator === '=' ? (asNode(n.right) ?? undefined) : undefined;
    if (write.kind === 'field') {
      if (Array.isArray(n.decorators) && n.decorators.length > 0) return undefined;
      return asNode(n.value);
    }
    if (write.kind === 'data') return asNode(n.value);
    if (write.kind === 'getter') {
      const fn = n.type === 'MethodDefinition' ? asNode(n.value) : n;
      const body = asNode(fn?.body);
      const statements = (body?.body as AnyNode[] | undefined) ?? [];
      if (statements.length !== 1 || statements[0].type !== 'ReturnStatement') return undefined;
      return asNode(statements[0].argument) ?? undefined;
    }
    return undefined;
  }

  /** The twin of one write, inserted on its own line after it. */
  private twinWrite(write: FieldWrite, value: AnyNode | null, twin: Twin, twinField: string): Addition | undefined {
    const valueText = (): string => {
      if (!value) return '';
      const [start, end] = spanOf(value as unknown as ASTNode);
      return applyWithin(this.source, start, end, twin.kind === 'id' ? twin.edits : []);
    };
    if (write.kind === 'assign') {
      const statement = this.scope.parentOf(write.node);
      const list = statement && this.scope.parentOf(statement);
      if (!statement || statement.type !== 'ExpressionStatement' || !list || !STATEMENT_LISTS.has(list.type)) return undefined;
      const left = asNode(write.node.left) as AnyNode;
      const objectText = this.source.slice(...spanOf(asNode(left.object) as unknown as ASTNode));
      const [start, end] = spanOf(statement as unknown as ASTNode);
      return placeAfter(this.source, start, end, `${objectText}.${twinField} = ${valueText()}`, 'statement');
    }
    if (write.kind === 'data') return this.twinDataProperty(write.node, twinField, valueText());
    // Class members: a copy of the member with the twin's name and value.
    const [start, end] = spanOf(write.node as unknown as ASTNode);
    const keyNode = asNode(write.node.key) as AnyNode;
    const edits: TextEdit[] = [];
    const [keyStart, keyEnd] = spanOf(keyNode as unknown as ASTNode);
    edits.push({ start: keyStart, end: keyEnd, text: twinField });
    if (value && twin.kind === 'id') edits.push(...twin.edits);
    return placeAfter(this.source, start, end, applyWithin(this.source, start, end, edits), 'member');
  }

  /** `accessToken: …` beside a property of an object literal, laid out like its neighbours. */
  private twinDataProperty(property: AnyNode, twinField: string, valueText: string): Addition | undefined {
    const object = this.scope.parentOf(property);
    if (!object || !IDENTIFIER_NAME.test(twinField)) return undefined;
    const properties = object.properties as AnyNode[];
    const [objectStart] = spanOf(object as unknown as ASTNode);
    const [firstStart] = spanOf(properties[0] as unknown as ASTNode);
    const multiline = this.source.slice(objectStart, firstStart).includes('\n');
    const [start, end] = spanOf(property as unknown as ASTNode);
    const entry = `${twinField}: ${valueText}`;
    const comma = commaAfter(this.source, end);
    const separator = multiline ? `${this.eol}${indentAt(this.source, start)}` : ' ';
    if (comma !== -1) return { offset: comma + 1, text: `${separator}${entry},` };
    return { offset: end, text: `,${separator}${entry}` };
  }

  private combine(twins: Twin[]): Twin {
    const failed = twins.find((t) => t.kind === 'untraceable');
    if (failed) return failed;
    const ids = twins.filter((t): t is Extract<Twin, { kind: 'id' }> => t.kind === 'id');
    const hasAccess = twins.some((t) => t.kind === 'access');
    if (ids.length > 0 && hasAccess) return untraceable('it mixes ID tokens and access tokens');
    if (ids.length > 0) {
      const effects = emptyEffects();
      ids.forEach((t) => mergeEffects(effects, t.effects));
      return { kind: 'id', edits: ids.flatMap((t) => t.edits), effects };
    }
    return hasAccess ? { kind: 'access', origins: accessOrigins(twins) } : { kind: 'neutral' };
  }

  /**
   * True when `kept`, written at `site`, reads the same bindings (not reassigned since) and the
   * same `this` as where it stands. Always true in place (`site` null).
   */
  private keepsMeaning(kept: AnyNode, site: AnyNode | null): boolean {
    if (!site) return true;
    const references = this.scope.references(kept);
    if (!references) return false;
    for (const ref of references) {
      if (ref.type === 'ThisExpression') {
        if (this.scope.thisScopeOf(ref) !== this.scope.thisScopeOf(site)) return false;
        continue;
      }
      if (ref.type !== 'Identifier') return false;
      const name = ref.name as string;
      if (name === 'arguments') return false;
      const here = this.scope.resolve(name, ref);
      if (here !== this.scope.resolve(name, site)) return false;
      if (here && this.scope.isReassigned(here)) return false;
    }
    return true;
  }

  /** Whether an initialiser written in place of `use` needs parentheses to keep its meaning. */
  private needsParentheses(init: AnyNode, use: AnyNode): boolean {
    const tight = new Set([
      'Identifier',
      'ThisExpression',
      'MemberExpression',
      'OptionalMemberExpression',
      'CallExpression',
      'OptionalCallExpression',
      'NewExpression',
      'TemplateLiteral',
      'ParenthesizedExpression',
      'TSNonNullExpression',
      'StringLiteral',
      'Literal',
    ]);
    if (tight.has(init.type)) return false;
    const parent = this.scope.parentOf(use);
    if (!parent) return false;
    if ((parent.type === 'Property' || parent.type === 'ObjectProperty') && parent.value === use) return false;
    if ((parent.type === 'CallExpression' || parent.type === 'NewExpression') && (parent.arguments as unknown[]).includes(use)) return false;
    if (parent.type === 'VariableDeclarator' || parent.type === 'ArrayExpression' || parent.type === 'TemplateLiteral') return false;
    if (parent.type === 'JSXExpressionContainer' || parent.type === 'ReturnStatement' || parent.type === 'ExpressionStatement') return false;
    if (parent.type === 'AssignmentExpression' && parent.right === use) return false;
    return true;
  }

  private singleInitialiser(binding: Binding): AnyNode | undefined {
    if (binding.declarators.length !== 1 || this.scope.isReassigned(binding)) return undefined;
    const declarator = binding.declarators[0];
    return asNode(declarator.id)?.type === 'Identifier' ? (unwrapExpression(declarator.init) ?? undefined) : undefined;
  }

  // -------------------------------------------------------------------------------------------
  // Which object a receiver is, and where the file sets its fields

  private idOf(object: object): number {
    let id = this.ids.get(object);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(object, id);
    }
    return id;
  }

  /** A key naming the object `receiver` evaluates to at `at`, equal for every expression reaching the same object. */
  private receiverKey(receiver: AnyNode, at: AnyNode): string | undefined {
    const n = unwrapExpression(receiver);
    if (!n) return undefined;
    if (n.type === 'ThisExpression') {
      const cls = this.scope.thisClassOf(at);
      return `this#${cls ? this.idOf(cls) : 'plain'}`;
    }
    if (n.type === 'Identifier') {
      const binding = this.scope.resolve(n.name as string, n);
      if (!binding) return `global#${n.name as string}`;
      // `var vm = this` / `const self = this`: the alias reaches the same object as `this` there.
      const init = this.singleInitialiser(binding);
      if (init?.type === 'ThisExpression') return this.receiverKey(init, init);
      return `var#${this.idOf(binding)}`;
    }
    if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
      const name = memberPropertyName(n);
      const inner = name === undefined ? undefined : this.receiverKey(asNode(n.object) as AnyNode, at);
      return inner === undefined ? undefined : `${inner}.${name}`;
    }
    return undefined;
  }

  private writesOf(key: string, field: string): FieldWrite[] {
    if (!this.fieldWrites) this.fieldWrites = this.indexFieldWrites();
    return this.fieldWrites.get(`${key}|${field}`) ?? [];
  }

  private indexFieldWrites(): Map<string, FieldWrite[]> {
    const index = new Map<string, FieldWrite[]>();
    const add = (key: string | undefined, field: string | undefined, write: FieldWrite): void => {
      if (key === undefined || field === undefined) return;
      const k = `${key}|${field}`;
      const list = index.get(k) ?? [];
      list.push(write);
      index.set(k, list);
    };
    const memberKey = (node: AnyNode): string | undefined => (node.computed ? undefined : keyName(node.key));
    for (const node of this.scope.runtimeNodes()) {
      if (node.type === 'AssignmentExpression') {
        const left = asNode(node.left);
        if (left && (left.type === 'MemberExpression' || left.type === 'OptionalMemberExpression')) {
          add(this.receiverKey(asNode(left.object) as AnyNode, left), memberPropertyName(left), { kind: 'assign', node });
        }
      } else if (node.type === 'ObjectExpression') {
        for (const prop of vueDataProperties(node)) add('this#plain', memberKey(prop), { kind: 'data', node: prop });
      } else if (node.type === 'ClassBody') {
        const cls = this.scope.parentOf(node);
        const key = cls ? `this#${this.idOf(cls)}` : undefined;
        for (const member of node.body as AnyNode[]) {
          if (member.static) continue;
          const name = memberKey(member);
          if (CLASS_FIELD_TYPES.has(member.type)) add(key, name, { kind: 'field', node: member });
          else if (CLASS_METHOD_TYPES.has(member.type)) {
            add(key, name, { kind: member.kind === 'get' ? 'getter' : 'other', node: member });
            if (member.kind === 'constructor') {
              const fn = member.type === 'MethodDefinition' ? asNode(member.value) : member;
              for (const param of (fn?.params as AnyNode[] | undefined) ?? []) {
                if (param.type === 'TSParameterProperty') add(key, asNode(param.parameter)?.name as string | undefined, { kind: 'other', node: param });
              }
            }
          }
        }
      }
    }
    return index;
  }
}

/**
 * auth0-spa-js / auth0-react methods that only ever return access tokens: code calling them has
 * already moved to access tokens (`await auth0.getTokenSilently({ audience })`).
 */
const ACCESS_TOKEN_METHODS = new Set(['getTokenSilently', 'getAccessTokenSilently', 'getTokenWithPopup', 'getAccessTokenWithPopup']);

/** `process.env`. */
function isProcessEnv(node: AnyNode | null): boolean {
  const n = unwrapExpression(node);
  const owner = unwrapExpression(n?.object);
  return memberPropertyName(n) === 'env' && owner?.type === 'Identifier' && owner.name === 'process';
}

/** Methods whose name says they return an access token: `accessToken()`, `getAccessToken()`. */
const ACCESS_TOKEN_NAME = /^(get_?)?access_?token$/i;

/** auth0-spa-js / auth0-react / auth0-angular methods that return an access token of their own login. */
function isSdkTokenCall(call: AnyNode): boolean {
  const name = calleeName(call);
  return name !== undefined && ACCESS_TOKEN_METHODS.has(name);
}

function hasAccessTokenName(call: AnyNode): boolean {
  const name = calleeName(call);
  return name !== undefined && ACCESS_TOKEN_NAME.test(name);
}

/**
 * The call whose result a value is, through what only waits for it: `await x`,
 * `firstValueFrom(x)` / `lastValueFrom(x)` (RxJS), `x.toPromise()`.
 */
function resultCall(node: AnyNode): AnyNode | undefined {
  let n: AnyNode | null = node;
  for (let i = 0; i < 4 && n; i++) {
    if (n.type === 'AwaitExpression') {
      n = unwrapExpression(n.argument);
      continue;
    }
    if (n.type !== 'CallExpression' && n.type !== 'OptionalCallExpression') return undefined;
    const callee = unwrapExpression(n.callee);
    const name = callee?.type === 'Identifier' ? (callee.name as string) : memberPropertyName(callee);
    if ((name === 'firstValueFrom' || name === 'lastValueFrom') && callee?.type === 'Identifier') {
      n = unwrapExpression((n.arguments as unknown[])[0]);
      continue;
    }
    if (name === 'toPromise' && callee?.type !== 'Identifier' && (n.arguments as unknown[]).length === 0) {
      n = unwrapExpression(callee?.object);
      continue;
    }
    return n;
  }
  return undefined;
}

/** The function declared as `name` directly in `scope` (a program, block or function body). */
function functionDeclaredIn(scope: AnyNode, name: string): AnyNode | undefined {
  const body = scope.type === 'Program' || scope.type === 'BlockStatement' ? scope.body : asNode(scope.body)?.body;
  if (!Array.isArray(body)) return undefined;
  for (const statement of body as AnyNode[]) {
    const declaration = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? asNode(statement.declaration) : statement;
    if (declaration?.type === 'FunctionDeclaration' && asNode(declaration.id)?.name === name) return declaration;
  }
  return undefined;
}

/** What a function returns: its expression body, or the argument of each `return` not inside a nested function. */
function returnedValues(fn: AnyNode): AnyNode[] {
  const body = asNode(fn.body);
  if (!body) return [];
  if (body.type !== 'BlockStatement') return [body];
  const values: AnyNode[] = [];
  const stack: AnyNode[] = [body];
  while (stack.length > 0) {
    const node = stack.pop() as AnyNode;
    if (node.type === 'ReturnStatement') {
      const argument = asNode(node.argument);
      if (!argument) return [];
      values.push(argument);
      continue;
    }
    for (const child of childNodes(node)) if (!isFunctionNode(child)) stack.push(child);
  }
  return values;
}

/** Where the access tokens among `twins` come from. */
function accessOrigins(twins: readonly Twin[]): string[] {
  return [...new Set(twins.flatMap((t) => (t.kind === 'access' ? (t.origins ?? []) : [])))];
}

/** Offset of the comma right after `from` (skipping blanks and comments), or -1. */
function commaAfter(source: string, from: number): number {
  let i = from;
  while (i < source.length) {
    if (source[i] === ',') return i;
    if (/\s/.test(source[i])) i++;
    else if (source.startsWith('//', i)) i = source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i);
    else if (source.startsWith('/*', i)) i = source.indexOf('*/', i + 2) === -1 ? source.length : source.indexOf('*/', i + 2) + 2;
    else return -1;
  }
  return -1;
}

const VUE_OPTION_KEYS = new Set(['methods', 'computed', 'watch', 'created', 'mounted', 'beforeMount', 'props', 'components']);

/**
 * The properties of the object a Vue options-API component's `data()` returns: they are fields
 * of the component's `this`, like a class's fields.
 */
function vueDataProperties(options: AnyNode): AnyNode[] {
  const properties = (options.properties as AnyNode[]) ?? [];
  const names = properties.map((p) => {
    const key = asNode(p.key);
    return key && !p.computed ? ((key.type === 'Identifier' ? key.name : stringValue(key)) as string | undefined) : undefined;
  });
  if (!names.some((n) => n !== undefined && VUE_OPTION_KEYS.has(n))) return [];
  const data = properties[names.indexOf('data')];
  if (!data) return [];
  const fn = data.type === 'ObjectMethod' ? data : asNode(data.value);
  if (!fn || !['ObjectMethod', 'FunctionExpression', 'ArrowFunctionExpression'].includes(fn.type)) return [];
  let returned = unwrapExpression(fn.body);
  if (returned?.type === 'BlockStatement') {
    const statements = returned.body as AnyNode[];
    const last = statements[statements.length - 1];
    returned = last?.type === 'ReturnStatement' ? unwrapExpression(last.argument) : null;
  }
  if (returned?.type !== 'ObjectExpression') return [];
  return (returned.properties as AnyNode[]).filter((p) => (p.type === 'Property' || p.type === 'ObjectProperty') && !p.computed);
}

/** A getter method or function whose call a consumer passes, and what its twin is copied from. */
type Getter = {
  fn: AnyNode;
  /** The class member or statement the twin is a copy of. */
  copied: AnyNode;
  /** The getter's name where it is declared, and at the call. */
  nameNode: AnyNode;
  calleeName: AnyNode;
  name: string;
} & ({ kind: 'method'; classNode: AnyNode } | { kind: 'function'; binding: Binding });

/** The return statement (or expression body) that is all a function does, if that is all it does. */
function onlyReturn(fn: AnyNode): AnyNode | undefined {
  const body = asNode(fn.body);
  if (!body) return undefined;
  if (body.type !== 'BlockStatement') return body;
  const statements = body.body as AnyNode[];
  return statements.length === 1 && statements[0].type === 'ReturnStatement' && asNode(statements[0].argument) ? statements[0] : undefined;
}

/**
 * The name of the access-token twin of an ID-token getter: `getToken`/`getIdToken` →
 * `getAccessToken`, `idToken` → `accessToken`, `get_id_token` → `get_access_token`; undefined
 * for a name that says nothing of a token.
 */
export function accessGetterName(name: string): string | undefined {
  if (/access/i.test(name)) return undefined;
  const rules: [RegExp, string][] = [
    [/^idToken/, 'accessToken'],
    [/^id_token/, 'access_token'],
    [/(Id|ID)Token/, 'AccessToken'],
    [/_id_token/, '_access_token'],
    [/Token/, 'AccessToken'],
    [/_token/, '_access_token'],
    [/^token/, 'accessToken'],
  ];
  for (const [pattern, replacement] of rules) if (pattern.test(name)) return name.replace(pattern, replacement);
  return undefined;
}

/** The names of every identifier inside a node (bindings, references and property names alike). */
function identifiersIn(node: AnyNode): Set<string> {
  const names = new Set<string>();
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as AnyNode;
    if (current.type === 'Identifier') names.add(current.name as string);
    stack.push(...childNodes(current));
  }
  return names;
}
