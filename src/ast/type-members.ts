import type { ASTNode, Collection, JSCodeshift } from 'jscodeshift';
import { nodesOf } from './node-index';
import type { EditList } from './edits';
import { spanOf } from './edits';
import { type AnyNode, asNode, eolOf, indentAt, stringValue, unwrapExpression } from './nodes';

/**
 * The members of the object type a TypeScript declaration gives a local
 * (`const body: TokenBody = {…}` with a local `interface TokenBody {…}` or `type TokenBody = {…}`,
 * or an inline `{…}` annotation), so a property added to the object literal can be declared too
 * (an object literal with a key its type does not declare does not compile).
 */

export interface TypeMembers {
  /** The `{ … }` node (TSInterfaceBody or TSTypeLiteral) whose text spans the braces. */
  container: AnyNode;
  members: AnyNode[];
}

/**
 * The local object type a declarator's object literal must fit, when the file declares it: the
 * id's annotation (`const b: T = {…}`) or a `satisfies T` on the initialiser. (`{…} as T` does
 * not reject extra keys.)
 */
export function declaredObjectType(j: JSCodeshift, root: Collection, declaratorId: unknown, init?: unknown): TypeMembers | undefined {
  const id = asNode(declaratorId);
  const initNode = asNode(init);
  const annotation =
    asNode(asNode(id?.typeAnnotation)?.typeAnnotation) ?? (initNode?.type === 'TSSatisfiesExpression' ? asNode(initNode.typeAnnotation) : null);
  if (!annotation) return undefined;
  if (annotation.type === 'TSTypeLiteral') return { container: annotation, members: annotation.members as AnyNode[] };
  if (annotation.type !== 'TSTypeReference') return undefined;
  const typeName = asNode(annotation.typeName);
  if (typeName?.type !== 'Identifier' || annotation.typeParameters) return undefined;
  const name = typeName.name as string;
  const interfaces = nodesOf(j, root, j.TSInterfaceDeclaration, { id: { name } });
  const aliases = nodesOf(j, root, j.TSTypeAliasDeclaration, { id: { name } });
  if (interfaces.length + aliases.length !== 1) return undefined;
  if (interfaces.length === 1) {
    const decl = interfaces[0].node as unknown as AnyNode;
    // An interface that extends another may get the key from there; we only see this file.
    if ((decl.extends as unknown[] | undefined)?.length) return undefined;
    const body = asNode(decl.body);
    return body ? { container: body, members: body.body as AnyNode[] } : undefined;
  }
  const literal = asNode((aliases[0].node as unknown as AnyNode).typeAnnotation);
  return literal?.type === 'TSTypeLiteral' ? { container: literal, members: literal.members as AnyNode[] } : undefined;
}

/** The name of a property signature (`a: T`, `'a'?: T`), or undefined. */
export function memberName(member: AnyNode): string | undefined {
  if (member.type !== 'TSPropertySignature' || member.computed) return undefined;
  const key = asNode(member.key);
  if (!key) return undefined;
  return key.type === 'Identifier' ? (key.name as string) : stringValue(key);
}

export function hasMember(type: TypeMembers, name: string): boolean {
  return type.members.some((m) => memberName(m) === name);
}

/**
 * Declares `name?: typeText` in the type, laid out like its other members (one per line or
 * inline, `;`, `,` or no separators). Inserted before the first present name in `before`, else
 * after the first present name in `after`, else last. Returns false when nothing was done.
 */
export function insertOptionalMember(
  edits: Pick<EditList, 'insert'>,
  source: string,
  type: TypeMembers,
  name: string,
  typeText: string,
  placement: { before?: readonly string[]; after?: readonly string[] },
): boolean {
  return insertMember(edits, source, type, name, `${name}?: ${typeText}`, placement);
}

/** `insertOptionalMember` for any member text `entry` declaring `name`. */
export function insertMember(
  edits: Pick<EditList, 'insert'>,
  source: string,
  type: TypeMembers,
  name: string,
  entry: string,
  placement: { before?: readonly string[]; after?: readonly string[] },
): boolean {
  if (hasMember(type, name) || type.members.length === 0) return false;
  const eol = eolOf(source);
  const [containerStart] = spanOf(type.container as unknown as ASTNode);
  const [firstStart] = spanOf(type.members[0] as unknown as ASTNode);
  const multiline = source.slice(containerStart, firstStart).includes('\n');
  const separator = memberSeparator(source, type.members, multiline);

  const byName = (names: readonly string[] | undefined): AnyNode | undefined => {
    for (const n of names ?? []) {
      const found = type.members.find((m) => memberName(m) === n);
      if (found) return found;
    }
    return undefined;
  };
  const after = byName(placement.after);
  const before = after ? undefined : byName(placement.before);

  if (before) {
    const [start] = spanOf(before as unknown as ASTNode);
    if (multiline) {
      const indent = indentAt(source, start);
      edits.insert(start, `${entry}${separator}${eol}${indent}`);
    } else {
      edits.insert(start, `${entry}${separator || ';'} `);
    }
    return true;
  }
  const anchor = after ?? type.members[type.members.length - 1];
  const [anchorStart, anchorEnd] = spanOf(anchor as unknown as ASTNode);
  const anchorText = source.slice(anchorStart, anchorEnd);
  const anchorHasSeparator = /[;,]$/.test(anchorText);
  if (multiline) {
    const indent = indentAt(source, anchorStart);
    const lead = anchorHasSeparator || separator === '' ? '' : separator;
    const trail = anchorHasSeparator ? separator : '';
    edits.insert(anchorEnd, `${lead}${eol}${indent}${entry}${trail}`);
    return true;
  }
  const sep = separator || ';';
  edits.insert(anchorEnd, anchorHasSeparator ? ` ${entry}${sep}` : `${sep} ${entry}`);
  return true;
}

/** The separator the members use (`;` or `,`); '' for one-per-line members without separators. */
function memberSeparator(source: string, members: AnyNode[], multiline: boolean): ';' | ',' | '' {
  for (const m of members) {
    const [start, end] = spanOf(m as unknown as ASTNode);
    const last = source.slice(start, end).slice(-1);
    if (last === ';' || last === ',') return last;
  }
  return multiline ? '' : ';';
}

/**
 * `declaredObjectType`, or 'unextendable' when the annotation still names one of this file's
 * types (interface, type alias, class, enum, type parameter) or spells an object type out inside
 * a union or the like: the codemod cannot add a member there, and a member it does not add does not compile.
 * Undefined for types from elsewhere (an import, a library's global).
 */
export function localObjectType(j: JSCodeshift, root: Collection, declaring: unknown): TypeMembers | 'unextendable' | undefined {
  const annotation = asNode(asNode(asNode(declaring)?.typeAnnotation)?.typeAnnotation);
  const found = declaredObjectType(j, root, declaring);
  // The file builds such objects itself (`= { idToken: … }`): they would lack the new member,
  // both for the compiler and at run time.
  if (found && annotation && buildsObjectsOf(j, root, annotation)) return 'unextendable';
  if (found) return found;
  return annotation && mentionsLocalType(j, root, annotation) ? 'unextendable' : undefined;
}

/** Whether a local or class property typed like `annotation` (the same inline type, or the same named type) is given an object literal. */
function buildsObjectsOf(j: JSCodeshift, root: Collection, annotation: AnyNode): boolean {
  const name = annotation.type === 'TSTypeReference' ? asNode(annotation.typeName)?.name : undefined;
  const sameType = (typed: unknown): boolean => {
    const other = asNode(asNode(asNode(typed)?.typeAnnotation)?.typeAnnotation);
    if (!other) return false;
    return other === annotation || (name !== undefined && other.type === 'TSTypeReference' && asNode(other.typeName)?.name === name);
  };
  const isObject = (value: unknown): boolean => asNode(unwrapExpression(value))?.type === 'ObjectExpression';
  return (
    nodesOf(j, root, j.VariableDeclarator, (d) => isObject(d.init) && sameType(d.id)).length > 0 ||
    nodesOf(j, root, j.ClassProperty, (p) => isObject(p.value) && sameType(p)).length > 0
  );
}

function mentionsLocalType(j: JSCodeshift, root: Collection, node: AnyNode): boolean {
  if (node.type === 'TSTypeLiteral') return true;
  if (node.type === 'TSTypeReference') {
    const name = asNode(node.typeName)?.name;
    if (typeof name === 'string' && declaresType(j, root, name)) return true;
  }
  for (const key of Object.keys(node)) {
    const value = node[key];
    for (const item of Array.isArray(value) ? value : [value]) {
      const child = asNode(item);
      if (child && key !== 'loc' && mentionsLocalType(j, root, child)) return true;
    }
  }
  return false;
}

function declaresType(j: JSCodeshift, root: Collection, name: string): boolean {
  const named = { id: { name } };
  return (
    nodesOf(j, root, j.TSInterfaceDeclaration, named).length > 0 ||
    nodesOf(j, root, j.TSTypeAliasDeclaration, named).length > 0 ||
    nodesOf(j, root, j.ClassDeclaration, named).length > 0 ||
    nodesOf(j, root, j.TSEnumDeclaration, named).length > 0 ||
    // A type parameter (`<T extends LoginResult>`) stands for the file's types as well.
    nodesOf(j, root, j.TSTypeParameter, (node) => node.name === name || asNode(node.name)?.name === name).length > 0
  );
}

