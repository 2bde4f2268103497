import { type AnyNode, memberPropertyName } from '../ast/nodes';
import { localScopeOf, type ScopeIndex } from './scope';

/**
 * The names a login client is kept under (`webAuth`, `this.lock`, a function's own `var lock`),
 * as keys and as links of the migration plan: a login call or a parsed result on a holder joins
 * the flow of the config built into it.
 */

/** A name an instance is kept under: a variable, or a field (`this.x`, `obj.x`, class property). */
export interface Holder {
  kind: 'identifier' | 'member';
  name: string;
  /** A variable declared in a function: where its scope starts (see scope.ts localScopeOf). */
  scope?: string;
}

export function holderKey(holder: Holder): string {
  return `${holder.kind}:${holder.name}${holder.scope ? `:${holder.scope}` : ''}`;
}

/**
 * The holder as a flow link: package-wide for a module-level or global name (a page's scripts
 * share it), a place in its own file (`@…`) for a function's local.
 */
export function holderLink(holder: Holder): string {
  return `${holder.scope ? '@' : ''}holder:${holderKey(holder)}`;
}

export function identifierHolder(identifier: AnyNode, scope: ScopeIndex): Holder {
  const local = localScopeOf(scope, identifier);
  return { kind: 'identifier', name: identifier.name as string, ...(local ? { scope: local } : {}) };
}

export function holderOfExpression(node: AnyNode | null | undefined, scope: ScopeIndex): Holder | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return identifierHolder(node, scope);
  const member = memberPropertyName(node);
  return member ? { kind: 'member', name: member } : undefined;
}

