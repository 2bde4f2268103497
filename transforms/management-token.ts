/**
 * Gives the Management API the access token where it was given the ID token.
 *
 * Before:
 *   webAuth.parseHash(function (err, authResult) {
 *     localStorage.setItem('id_token', authResult.idToken);
 *     var auth0Manage = new auth0.Management({ domain: 'acme.auth0.com', token: authResult.idToken });
 *     auth0Manage.linkUser(userId, secondaryIdToken, cb);
 *   });
 *   fetch('https://acme.auth0.com/api/v2/users/' + id, { headers: { Authorization: 'Bearer ' + localStorage.getItem('id_token') } });
 *
 * After:
 *   webAuth.parseHash(function (err, authResult) {
 *     localStorage.setItem('id_token', authResult.idToken);
 *     localStorage.setItem('access_token', authResult.accessToken);
 *     var auth0Manage = new auth0.Management({ domain: 'acme.auth0.com', token: authResult.accessToken });
 *     auth0Manage.linkUser(userId, secondaryIdToken, cb);
 *   });
 *   fetch('https://acme.auth0.com/api/v2/users/' + id, { headers: { Authorization: 'Bearer ' + localStorage.getItem('access_token') } });
 *
 * Only the credential changes: the secondary ID token of `linkUser` and `link_with` stays an ID
 * token, and a local holding the ID token stays (other code may read it); the credential becomes
 * the twin of the local's initialiser where it is used.
 */
import type { ASTNode } from 'jscodeshift';
import { spanOf } from '../src/ast/edits';
import { nodesOf } from '../src/ast/node-index';
import { localObjectType } from '../src/ast/type-members';
import { asNode, type AnyNode, eolOf, memberPropertyName, quoteOf, quoteString, stringValue, unwrapExpression } from '../src/ast/nodes';
import { findManagementCredentials } from '../src/analysis/management-credentials';
import { ScopeIndex } from '../src/analysis/scope';
import { type Addition, applyWithin, placeAfter, type StorageKnowledge, TokenTracer } from '../src/analysis/token-twins';
import { findAuth0Bindings } from '../src/analysis/auth0-bindings';
import { scopesToRequest } from '../src/analysis/facts';
import { constantInitialisers } from '../src/analysis/management-calls';
import { findStorageWrites, managementStorageKeys, type StorageWrite, type TokenKind, tokenKindOf } from '../src/analysis/tokens';
import { isIgnoredNode, toJscodeshiftTransform } from '../src/transform-kit';
import type { FindingCause, FindingCode, TransformContext, TransformMeta, TransformModule } from '../src/types';

export const meta: TransformMeta = {
  id: 'management-token',
  description: 'Give the Management API the access token instead of the ID token (auth0.Management, ManagementClient, raw /api/v2 calls).',
};

const DEFAULT_ACCESS_KEY = 'access_token';
const STATEMENT_LISTS = new Set(['BlockStatement', 'Program', 'SwitchCase', 'StaticBlock', 'TSModuleBlock']);

const LINK_WITH_USER_ID_MESSAGE =
  "This identities POST links by provider + user_id, which a current-user access token may not do; send the secondary account's ID token as link_with instead.";

function untraceableMessage(reason: string): string {
  return `Cannot trace this Management API token (${reason}); pass an access token for the Management API here, not an ID token.`;
}

function storeTwinMessage(accessKey: string, reason: string): string {
  return `This stored ID token is what the Management API reads, but the codemod cannot store the access token beside it (${reason}); store the access token under '${accessKey}' here.`;
}

export function apply(ctx: TransformContext): void {
  const rootNode = ctx.root.paths()[0]?.node as unknown as AnyNode | undefined;
  if (!rootNode) return;
  const scope = new ScopeIndex(rootNode);
  const eol = eolOf(ctx.source);
  const writes = findStorageWrites(ctx.j, ctx.root);
  const fileKeys = storageKeysOfFile(ctx, writes);
  const storage = storageKnowledge(ctx, fileKeys);
  const tracer = new TokenTracer(ctx.source, scope, storage, eol, (declaring) => localObjectType(ctx.j, ctx.root, declaring));
  const credentials = findManagementCredentials(ctx.j, ctx.root, scope, ctx.source);

  // Findings are reported in source order, whichever pass found them.
  // An interceptor's token matters only where the package calls the Management API at all.
  let calls: boolean | undefined;
  const managementCalls = (): boolean => (calls ??= scopesToRequest(ctx).length > 0);
  const findings: PendingFinding[] = credentials.problems
    .filter((p) => !p.ifManagementCalls || managementCalls())
    .map((p) => ({ node: p.node, code: p.code, message: p.message, cause: p.cause }));

  const consumedKeys = new Set<string>();
  const additions: Addition[] = [];
  for (const site of credentials.sites) {
    if (isIgnoredNode(ctx.source, site.token, site.request)) continue;
    const twin = tracer.twinOf(site.token);
    if (twin.kind === 'untraceable') {
      findings.push({ node: site.token, code: 'untraceable-token', message: untraceableMessage(twin.reason), cause: 'untraced-token' });
      continue;
    }
    if (twin.kind !== 'id') continue;
    const span = spanOf((site.shorthandProperty ?? site.token) as unknown as ASTNode);
    if (!ctx.edits.canAdd(span[0], span[1])) continue;
    if (site.shorthandProperty) {
      const [start, end] = spanOf(site.token as unknown as ASTNode);
      const value = applyWithin(ctx.source, start, end, twin.edits);
      ctx.edits.replaceNode(site.shorthandProperty as unknown as ASTNode, `${ctx.source.slice(start, end)}: ${value}`);
    } else {
      for (const edit of twin.edits) ctx.edits.replace(edit.start, edit.end, edit.text);
    }
    twin.effects.storageKeys.forEach((key) => consumedKeys.add(key));
    additions.push(...twin.effects.additions);
  }

  const mayLinkByUserId = ctx.options.scopeMode === 'any-user' || (ctx.options.scopes ?? []).includes('update:users');
  if (!mayLinkByUserId) {
    for (const userId of credentials.userIdLinks) findings.push({ node: userId, code: 'link-with-user-id', message: LINK_WITH_USER_ID_MESSAGE });
  }

  addStorageTwins(ctx, scope, tracer, writes, fileKeys, storage, consumedKeys, additions, findings);

  findings.sort((a, b) => spanOf(a.node as unknown as ASTNode)[0] - spanOf(b.node as unknown as ASTNode)[0]);
  for (const finding of findings) ctx.report(finding.node as unknown as ASTNode, finding.code, finding.message, finding.cause);

  const done = new Set<string>();
  for (const addition of additions) {
    const key = `${addition.offset}:${addition.text}`;
    if (done.has(key) || !ctx.edits.canAdd(addition.offset, addition.offset)) continue;
    done.add(key);
    ctx.edits.insert(addition.offset, addition.text);
  }
}

interface PendingFinding {
  node: AnyNode;
  code: FindingCode;
  message: string;
  cause?: FindingCause;
}

interface FileStorageKeys {
  id: Set<string>;
  access: Set<string>;
}

/** Keys this file itself stores ID and access tokens under (`setItem(k, r.idToken)`, `storage.k = r.accessToken`). */
function storageKeysOfFile(ctx: TransformContext, writes: readonly StorageWrite[]): FileStorageKeys {
  const constants = constantInitialisers(ctx.j, ctx.root);
  const keys: FileStorageKeys = { id: new Set(), access: new Set() };
  for (const write of writes) {
    const kind = tokenKindOf(write.value, constants, new Map<string, TokenKind>());
    if (kind) keys[kind].add(write.key);
  }
  return keys;
}

/** What a storage key holds (the package's facts and this file's own writes), and the access-token key to read. */
function storageKnowledge(ctx: TransformContext, file: FileStorageKeys): StorageKnowledge {
  // Its key lists are read only when a storage key is asked about: the runner keeps a result only
  // while the facts it read stay the same, and most files read no stored token.
  const facts = ctx.packageFacts?.storage;
  let keys: { id: Set<string>; access: Set<string> } | undefined;
  const known = (): { id: Set<string>; access: Set<string> } =>
    (keys ??= {
      id: new Set([...(facts?.idTokenKeys ?? []), ...file.id]),
      access: new Set([...(facts?.accessTokenKeys ?? []), ...file.access]),
    });
  return {
    kindOf(key: string) {
      const { id: idKeys, access: accessKeys } = known();
      if (idKeys.has(key) && accessKeys.has(key)) return 'ambiguous';
      if (idKeys.has(key)) return 'id';
      if (accessKeys.has(key)) return 'access';
      if (/^(id_?token|idToken)$/i.test(key)) return 'id';
      if (/^(access_?token|accessToken)$/i.test(key)) return 'access';
      return undefined;
    },
    get accessKey() {
      return facts?.accessTokenKeys[0] ?? [...file.access][0] ?? DEFAULT_ACCESS_KEY;
    },
  };
}

/**
 * Where the package gives a stored ID token to the Management API but stores no access token,
 * stores the access token beside the ID token (and removes it where the ID token is removed),
 * so the reads switched to the access-token key find it.
 */
function addStorageTwins(
  ctx: TransformContext,
  scope: ScopeIndex,
  tracer: TokenTracer,
  writes: readonly StorageWrite[],
  file: FileStorageKeys,
  storage: StorageKnowledge,
  consumedKeys: ReadonlySet<string>,
  additions: Addition[],
  findings: PendingFinding[],
): void {
  if (writes.length === 0 && !ctx.source.includes('removeItem')) return;
  const facts = ctx.packageFacts?.storage;
  if ((facts?.accessTokenKeys.length ?? 0) > 0 || file.access.size > 0) return;
  const managementKeys = new Set([...(facts?.managementTokenKeys ?? []), ...consumedKeys]);
  const accessKey = storage.accessKey;
  // An earlier run may have switched the Management API's reads to the access-token key while no
  // line could store that token (the ID token is stored inside a braceless `if`). Nothing stores
  // the key yet, so keep asking for the twin of every stored ID token: the finding stays open
  // until someone stores the access token.
  const readsAccessKey =
    managementKeys.has(accessKey) || managementStorageKeys(ctx.j, ctx.root, findAuth0Bindings(ctx.j, ctx.root)).includes(accessKey);
  if (readsAccessKey) file.id.forEach((key) => managementKeys.add(key));
  if (managementKeys.size === 0) return;

  for (const write of writes) {
    if (!managementKeys.has(write.key)) continue;
    const twin = tracer.twinOf(write.value);
    const valueNode = write.value as unknown as ASTNode;
    if (twin.kind === 'untraceable' || twin.kind === 'access') {
      const reason = twin.kind === 'access' ? `'${write.key}' also holds access tokens` : twin.reason;
      findings.push({ node: write.value, code: 'untraceable-token', message: storeTwinMessage(accessKey, reason), cause: 'no-twin-storage' });
      continue;
    }
    const [start, end] = spanOf(valueNode);
    const value = applyWithin(ctx.source, start, end, twin.kind === 'id' ? twin.edits : []);
    const statement = write.statement.node as unknown as AnyNode;
    const addition = twinStatement(ctx, scope, statement, write, accessKey, value);
    if (!addition) {
      findings.push({
        node: write.value,
        code: 'untraceable-token',
        message: storeTwinMessage(accessKey, 'no line can be added after this one'),
        cause: 'no-twin-storage',
      });
      continue;
    }
    additions.push(addition);
    if (twin.kind === 'id') additions.push(...twin.effects.additions);
  }

  const removed = new Set<string>();
  const removals: { statement: AnyNode; storageText: string; keyNode: AnyNode }[] = [];
  nodesOf(ctx.j, ctx.root, ctx.j.CallExpression).forEach((path) => {
    const callee = unwrapExpression(path.node.callee);
    if (memberPropertyName(callee) !== 'removeItem' || !callee) return;
    const keyNode = asNode((path.node.arguments as unknown[])[0]);
    const key = stringValue(keyNode);
    const storageText = ctx.source.slice(...spanOf(callee.object as ASTNode));
    if (!/^(window\.)?(localStorage|sessionStorage)$/.test(storageText) || key === undefined || !keyNode) return;
    removed.add(`${storageText}:${key}`);
    const statement = path.parent?.node as unknown as AnyNode | undefined;
    if (managementKeys.has(key) && statement?.type === 'ExpressionStatement') removals.push({ statement, storageText, keyNode });
  });
  for (const { statement, storageText, keyNode } of removals) {
    if (removed.has(`${storageText}:${accessKey}`)) continue;
    const text = `${storageText}.removeItem(${quoteString(accessKey, quoteOf(ctx.source, keyNode as unknown as ASTNode))})`;
    const addition = lineAfter(ctx, scope, statement, text);
    if (addition) additions.push(addition);
  }
}

/** `storage.setItem('access_token', value)` (or the write's own assignment form) after the ID token's write. */
function twinStatement(
  ctx: TransformContext,
  scope: ScopeIndex,
  statement: AnyNode, write: StorageWrite, accessKey: string, value: string): Addition | undefined {
  const expression = write.expression.node as unknown as AnyNode;
  if (expression.type === 'CallExpression') {
    const callee = asNode(expression.callee) as AnyNode;
    const storageText = ctx.source.slice(...spanOf(asNode(callee.object) as unknown as ASTNode));
    const keyNode = asNode((expression.arguments as unknown[])[0]) as AnyNode;
    const key = quoteString(accessKey, quoteOf(ctx.source, keyNode as unknown as ASTNode));
    return lineAfter(ctx, scope, statement, `${storageText}.setItem(${key}, ${value})`);
  }
  const left = asNode(expression.left) as AnyNode;
  const storageText = ctx.source.slice(...spanOf(asNode(left.object) as unknown as ASTNode));
  if (left.computed) {
    const key = quoteString(accessKey, quoteOf(ctx.source, asNode(left.property) as unknown as ASTNode));
    return lineAfter(ctx, scope, statement, `${storageText}[${key}] = ${value}`);
  }
  if (!/^[A-Za-z_$][\w$]*$/.test(accessKey)) return undefined;
  return lineAfter(ctx, scope, statement, `${storageText}.${accessKey} = ${value}`);
}

/** A statement after `statement` (on its own line when `statement` has one), or undefined outside a statement list. */
function lineAfter(ctx: TransformContext, scope: ScopeIndex, statement: AnyNode, text: string): Addition | undefined {
  const parent = scope.parentOf(statement);
  if (!parent || !STATEMENT_LISTS.has(parent.type)) return undefined;
  const [start, end] = spanOf(statement as unknown as ASTNode);
  return placeAfter(ctx.source, start, end, text, 'statement');
}

export const transformModule: TransformModule = { meta, apply };
export default toJscodeshiftTransform([transformModule]);
