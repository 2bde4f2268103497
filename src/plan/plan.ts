import { scopesForEndpoints, sortScopes } from '../catalog/scopes';
import type { TransformId, TransformOptions } from '../types';
import type { FlowSiteRef, FlowStatus, FlowSummary, PackageSite, PlanFinding, PlanNote, SiteDecision } from './types';

/**
 * The migration plan of one package (DESIGN.md "Flows: whole or not at all"), computed from the
 * sites every transform found in the package's files before any file is edited.
 *
 * Sites that share a link form a flow. A flow is migrated only when every site of it can be:
 * a consumer is switched to the access token only together with the producers that will then
 * issue one and the carriers that will keep it. When one site cannot be migrated, nothing in
 * its flow changes and that site reports why; the package's other flows still migrate.
 */

export interface PlanInput {
  sites: readonly PackageSite[];
  /** Endpoints of the Management API client methods the package calls (`getUser` → `GET /api/v2/users/{id}`). */
  methodEndpoints: readonly string[];
  options: TransformOptions;
  /** The transforms that write in this run (`all` = every one). */
  selected: readonly TransformId[];
  /**
   * False under stock jscodeshift, where only one file is known: a login or a Management API call
   * elsewhere in the package cannot be seen, and `--scopes` / `--audience` say the user takes
   * care of it.
   */
  packageScan: boolean;
}

export interface PackagePlan {
  decision(file: string, key: string): SiteDecision;
  flows: readonly FlowSummary[];
  /** Notes about migrated flows (consent, RS256), to add to their files' findings. */
  notes: readonly PlanNote[];
  /** The scopes the package's migrated (or already migrated) flows request. */
  scopes: readonly string[];
}

const GENERIC_LOGIN = 'login:*';
/** Every login that redirects back to the app (see origins.ts). */
const REDIRECT_LOGIN = 'login:redirect';
const HOLD: SiteDecision = { act: false, scopes: [] };
const CONSUMER_TRANSFORM: TransformId = 'management-token';

/** Links that name a login: a client kept under a name, a login call, a token request. */
function isLoginLink(link: string): boolean {
  return link.startsWith('holder:') || link === REDIRECT_LOGIN || link.includes('@');
}

/** A link as the package knows it: `@…` links name a place in their own file. */
function qualified(site: PackageSite, link: string): string {
  return link.startsWith('@') ? `${site.file}${link}` : link;
}

class UnionFind {
  private readonly parent = new Map<string, string>();

  find(x: string): string {
    let root = x;
    for (let next = this.parent.get(root); next !== undefined && next !== root; next = this.parent.get(root)) root = next;
    let cursor = x;
    while (cursor !== root) {
      const next = this.parent.get(cursor) ?? root;
      this.parent.set(cursor, root);
      cursor = next;
    }
    if (!this.parent.has(root)) this.parent.set(root, root);
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

function siteId(site: PackageSite): string {
  return `site:${site.file}|${site.key}`;
}

function refOf(site: PackageSite): FlowSiteRef {
  return { file: site.file, line: site.line, column: site.column, role: site.role, transform: site.transform };
}

function bySource(a: PackageSite, b: PackageSite): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

export function buildPackagePlan(input: PlanInput): PackagePlan {
  const decisions = new Map<string, SiteDecision>();
  const decide = (site: PackageSite, decision: SiteDecision): void => {
    decisions.set(`${site.file}|${site.key}`, decision);
  };
  // A login client or call no producer of the package declares (built in a way the transforms do
  // not read, or in another package): some login of the package.
  const producerLinks = new Set(input.sites.filter((s) => s.role === 'producer').flatMap((s) => s.links.map((l) => qualified(s, l))));
  const links = (site: PackageSite): string[] => {
    const own = site.links.map((link) => qualified(site, link));
    if (site.role === 'producer') return own;
    const known = own.filter((l) => !isLoginLink(l) || producerLinks.has(l));
    if (site.role === 'secondary') return known;
    return known.length < own.length ? [...new Set([...known, GENERIC_LOGIN])] : own;
  };
  const outputs = (site: PackageSite): string[] => (site.outputs ?? site.links).map((link) => qualified(site, link));

  // A site with the ignore comment is left as it is and is no part of any flow: a consumer that
  // needs it finds no login (or no storage write) to go with it, and stays as it is too.
  const active = input.sites.filter((s) => s.outcome !== 'ignored');
  const consumers = active.filter((s) => s.role === 'consumer');
  const consumerLinks = new Set(consumers.flatMap(links));
  // A carrier matters only where a Management API call reads what it stores.
  const neededCarriers = active.filter((s) => s.role === 'carrier' && links(s).some((l) => l.startsWith('storage:') && consumerLinks.has(l)));
  const primaryLinks = new Set([...consumerLinks, ...neededCarriers.flatMap(links)].filter((l) => l !== GENERIC_LOGIN));
  const secondaryLinks = new Set(active.filter((s) => s.role === 'secondary').flatMap(links));
  // A login whose own results go only to account linking. Reaching the app through a parsed
  // redirect does not make a login primary: any redirect login could be behind that.
  const isSecondaryProducer = (site: PackageSite): boolean =>
    outputs(site).some((l) => secondaryLinks.has(l)) && !outputs(site).some((l) => l !== REDIRECT_LOGIN && primaryLinks.has(l));

  const producers = active.filter((s) => s.role === 'producer' && !isSecondaryProducer(s));
  const blockers = active.filter((s) => s.role === 'blocker');
  const graphSites = [...producers, ...consumers, ...neededCarriers, ...blockers];
  // The generic links join producers only where some token is known to come from "some
  // login" (or "some redirect login").
  const used = new Set([...consumers, ...neededCarriers, ...blockers].flatMap(links));
  const union = new UnionFind();
  for (const site of graphSites) {
    const id = siteId(site);
    union.find(id);
    // A login that asks for no ID token is no candidate for a token traced from one.
    const joinsGeneric = (link: string): boolean => used.has(link) && !site.noIdToken;
    for (const link of links(site)) {
      const generic = link === GENERIC_LOGIN || link === REDIRECT_LOGIN;
      if (generic && site.role === 'producer' && !joinsGeneric(link)) continue;
      union.union(id, `link:${link}`);
    }
    if (site.role === 'producer' && joinsGeneric(GENERIC_LOGIN)) union.union(id, `link:${GENERIC_LOGIN}`);
  }
  const components = new Map<string, PackageSite[]>();
  for (const site of graphSites) {
    const root = union.find(siteId(site));
    const list = components.get(root) ?? [];
    list.push(site);
    components.set(root, list);
  }

  const flows: FlowSummary[] = [];
  const requested = new Set<string>();
  const notesForFlow: PackageSite[] = [];
  // Files with a consumer this run switches: a secondary ID token there goes out with an access token.
  const switchedFiles = new Set<string>();
  for (const members of components.values()) {
    members.sort(bySource);
    const flow = planFlow(input, members, decide);
    flows.push(flow);
    if (flow.status === 'migrate' || flow.status === 'already-migrated') flow.scopes.forEach((s) => requested.add(s));
    // Notes go with the change: code that is already migrated is left alone, quietly.
    if (flow.status === 'migrate') {
      members.filter((m) => m.role === 'consumer').forEach((m) => switchedFiles.add(m.file));
      // One consent note per flow, at its (first migrated) browser login.
      const browser = members.filter((m) => m.role === 'producer' && m.grant === 'browser');
      const at = browser.find((m) => m.outcome === 'edit') ?? browser[0];
      if (at) notesForFlow.push(at);
    }
  }

  // Notes about the flows this run migrates.
  const note = (site: PackageSite, finding: PlanFinding): PlanNote => ({ ...finding, file: site.file, line: site.line, column: site.column, transform: site.transform });
  const notes = notesForFlow.map((producer) => note(producer, CONSENT_NOTE));
  notes.push(...active.filter((s) => s.role === 'secondary' && switchedFiles.has(s.file)).map((s) => note(s, RS256_NOTE)));

  flows.sort((a, b) => (a.sites[0]?.file ?? '').localeCompare(b.sites[0]?.file ?? '') || (a.sites[0]?.line ?? 0) - (b.sites[0]?.line ?? 0));
  return {
    decision: (file, key) => decisions.get(`${file}|${key}`) ?? HOLD,
    flows,
    notes,
    scopes: sortScopes([...requested]),
  };
}

function planFlow(input: PlanInput, members: PackageSite[], decide: (site: PackageSite, decision: SiteDecision) => void): FlowSummary {
  const consumers = members.filter((m) => m.role === 'consumer');
  const producers = members.filter((m) => m.role === 'producer');
  const toSwitch = consumers.filter((c) => c.outcome === 'edit' || (c.unserved && c.outcome === 'none'));
  const blockedConsumers = consumers.filter((c) => c.outcome === 'blocked');
  const endpoints = flowEndpoints(input, consumers);
  const scopes = input.options.scopes && input.options.scopes.length > 0 ? [...input.options.scopes] : sortScopes(scopesForEndpoints(endpoints, input.options.scopeMode));
  const summary = (status: FlowStatus, blockedAt?: PackageSite & { code?: string }): FlowSummary => ({
    status,
    scopes: status === 'migrate' || status === 'already-migrated' ? scopes : [],
    endpoints,
    sites: members.map(refOf),
    ...(blockedAt && blockedAt.code ? { blockedAt: { ...refOf(blockedAt), code: blockedAt.code as never } } : {}),
  });
  const holdAll = (): void => members.forEach((m) => decide(m, HOLD));
  // A blocked flow is reported where it is blocked, as long as this run has a part in it: a
  // flow none of whose transforms write in this run is none of this run's business.
  const concerned = members.some((m) => input.selected.includes(m.transform));
  const block = (at: PackageSite, finding: PlanFinding, also: readonly PackageSite[] = []): FlowSummary => {
    holdAll();
    if (concerned) for (const site of [at, ...also]) decide(site, { ...HOLD, report: finding });
    return summary('blocked', { ...at, code: finding.code });
  };

  // Stock jscodeshift with --scopes: the user says this package calls the Management API, from a
  // file this run does not see.
  const asserted = !input.packageScan && (input.options.scopes?.length ?? 0) > 0 && consumers.length === 0 && producers.length > 0;
  // Consumers that already send the access token, fed only by logins that do not yet ask for the
  // Management API (or for every scope its calls need): the flow is not migrated until they do.
  // Where one of its logins already asks for it, that one is taken to feed the calls (a login
  // rebuilt with the audience before it is shown, beside a bare placeholder), and all is left alone.
  // A login whose options another module holds, read there and found not to ask for it yet, is
  // behind as surely as one the codemod would edit (the Angular environment file of one build).
  const behind = (p: PackageSite): boolean => p.outcome === 'edit' || (p.outcome === 'blocked' && p.findingCause === 'imported-options');
  const loginBehind = consumers.length > 0 && producers.some(behind) && !producers.some((p) => p.outcome === 'none' && !p.inherits);
  if (toSwitch.length === 0 && blockedConsumers.length === 0 && !asserted && !loginBehind) {
    holdAll();
    // Calls whose access token comes from no login of the package (the environment, a
    // machine-to-machine request) are none of this migration's business, and ask for no scope.
    return summary(consumers.length > 0 && producers.length > 0 ? 'already-migrated' : 'out-of-scope');
  }

  const blockedSites = members.filter((m) => m.outcome === 'blocked');
  if (blockedSites.length > 0) {
    // A login that can never give an access token (a legacy-only grant) is the one thing to fix
    // first: advice about storing or passing that token would lead nowhere until it is.
    const dead = blockedSites.filter((m) => m.role === 'producer' && m.finding === 'legacy-endpoint');
    const reporting = new Set(dead.length > 0 ? dead : blockedSites);
    for (const m of members) decide(m, reporting.has(m) && concerned ? { act: true, scopes, reportOnly: true } : HOLD);
    const first = [...reporting][0];
    return summary('blocked', { ...first, code: first.finding });
  }
  // Where the flow is reported when the plan blocks it: its consumers, or (asserted) its logins.
  const [first, ...rest] = toSwitch.length > 0 ? toSwitch : producers;

  const trusted = !input.packageScan && ((input.options.scopes?.length ?? 0) > 0 || input.options.audience !== undefined);
  // --scopes / --audience vouch for a login out of sight, not for storage: a read of a stored
  // token that nothing in sight writes would read an access token nobody stores.
  // What carriers store (a removal, or a write that only reads the key, stores nothing under it).
  const written = new Set(members.filter((m) => m.role === 'carrier').flatMap((m) => (m.outputs ?? m.links).filter(isStorageLink)));
  const unstored = toSwitch.find((c) => c.links.some(isStorageLink) && !c.links.some((l) => written.has(l)));
  if (producers.length === 0 && (!trusted || unstored)) return block(unstored ?? first, noProducerFinding(unstored ?? first, input.packageScan));
  // Every login the codemod migrates is a user's: Auth0 drops any-user scopes from its tokens.
  if (input.options.scopeMode === 'any-user' || scopes.some(isUserlessScope)) return block(first, ANY_USER_FINDING, rest);
  // A request whose endpoint is built at run time may need scopes no call shows: never guess.
  const unknown = toSwitch.find((c) => c.unknownEndpoint);
  if (unknown && !(input.options.scopes && input.options.scopes.length > 0)) return block(unknown, UNKNOWN_ENDPOINT_FINDING);
  if (scopes.length === 0) return block(first, NO_SCOPES_FINDING);
  const mismatch = tenantMismatch(consumers, producers);
  if (mismatch) return block(mismatch.consumer, mismatchFinding(mismatch.consumerHost, mismatch.producerHost));
  if (input.selected.includes(CONSUMER_TRANSFORM) && toSwitch.length > 0) {
    const unmigrated = members.find((m) => m.outcome === 'edit' && m.role !== 'consumer' && m.role !== 'carrier' && !input.selected.includes(m.transform));
    if (unmigrated) return block(first, loginNotInRunFinding(unmigrated));
  }
  // Calls that already send the access token, behind a login this run does not migrate: nothing
  // of the flow would change, yet it would count as migrated.
  const behindLogin = loginBehind && toSwitch.length === 0 ? producers.find(behind) : undefined;
  if (behindLogin && !input.selected.includes(behindLogin.transform)) return block(consumers[0], loginNotInRunFinding(behindLogin));
  return migrateAll(members, scopes, decide, summary);
}

function isStorageLink(link: string): boolean {
  return link.startsWith('storage:');
}

/** A Management API scope that reaches other users' data (`read:users`): never granted to a user's login. */
function isUserlessScope(scope: string): boolean {
  return scope.includes(':') && !scope.includes('current_user');
}

function migrateAll(
  members: readonly PackageSite[],
  scopes: readonly string[],
  decide: (site: PackageSite, decision: SiteDecision) => void,
  summary: (status: FlowStatus) => FlowSummary,
): FlowSummary {
  for (const m of members) decide(m, { act: true, scopes });
  return summary('migrate');
}

/** The endpoints a flow's consumers call: a raw request its own; a Management API client the package's method calls. */
function flowEndpoints(input: PlanInput, consumers: readonly PackageSite[]): string[] {
  const endpoints = new Set<string>();
  for (const consumer of consumers) {
    consumer.endpoints?.forEach((e) => endpoints.add(e));
    if (consumer.client) input.methodEndpoints.forEach((e) => endpoints.add(e));
  }
  return [...endpoints].sort();
}

function tenantMismatch(
  consumers: readonly PackageSite[],
  producers: readonly PackageSite[],
): { consumer: PackageSite; consumerHost: string; producerHost: string } | undefined {
  const producerHosts = [...new Set(producers.map((p) => p.host).filter((h): h is string => h !== undefined))];
  if (producerHosts.length !== 1) return undefined;
  const consumer = consumers.find((c) => c.host !== undefined && c.host !== producerHosts[0]);
  return consumer?.host ? { consumer, consumerHost: consumer.host, producerHost: producerHosts[0] } : undefined;
}

const CONSENT_NOTE: PlanFinding = {
  code: 'consent-required',
  message:
    'This login asks for the Management API audience: Auth0 asks each user to consent once (always on localhost), and silent logins (checkSession) fail with consent_required until they have.',
};

const RS256_NOTE: PlanFinding = {
  code: 'rs256-required',
  message:
    "This secondary ID token is sent as link_with with a current-user access token: Auth0 accepts it only when the application signs ID tokens with RS256 (Dashboard > Applications > your app > Settings > Advanced Settings > OAuth).",
};

const ANY_USER_FINDING: PlanFinding = {
  code: 'backend-only-endpoint',
  cause: 'any-user-scope-mode',
  message:
    "This flow would need any-user scopes (read:users, update:users, …), which a user's login never gets (Auth0 drops them): make this call from a backend with a Machine-to-Machine application (client_credentials), or rerun with current-user scopes.",
};

const NO_SCOPES_FINDING: PlanFinding = {
  code: 'unresolved-config',
  cause: 'unknown-calls',
  message:
    'The codemod cannot see which Management API calls this client makes (none in this package), so it cannot tell which scopes its login needs: rerun with --scopes, e.g. --scopes read:current_user.',
};

const UNKNOWN_ENDPOINT_FINDING: PlanFinding = {
  code: 'unresolved-config',
  cause: 'unknown-endpoint',
  message:
    'The codemod cannot tell which Management API endpoint this request reaches (its path is built at run time), so it cannot tell the scopes its login needs: rerun with --scopes listing every endpoint it may call, e.g. --scopes read:current_user,update:current_user_metadata.',
};

function noProducerFinding(consumer: PackageSite, packageScan: boolean): PlanFinding {
  const key = consumer.links.find((l) => l.startsWith('storage:'))?.slice('storage:'.length);
  if (key !== undefined) {
    return {
      code: 'untraceable-token',
      cause: 'storage-not-written',
      message: `Nothing in this package stores '${key}', so the codemod cannot store the access token beside it: store the access token where the ID token is stored and read it here.`,
    };
  }
  return {
    code: 'untraceable-token',
    cause: 'no-login',
    message: packageScan
      ? 'The codemod cannot find the login that produces this token in this package: pass the access token of a login that asks for the Management API audience here.'
      : 'The login that produces this token is not in this file: run the codemod on the whole package, or rerun with --scopes once its login asks for the Management API audience.',
  };
}

function mismatchFinding(consumerHost: string, producerHost: string): PlanFinding {
  return {
    code: 'tenant-mismatch',
    message: `This Management API call goes to ${consumerHost}, but its token comes from a login on ${producerHost}: an access token works only on its own tenant's Management API.`,
  };
}

function loginNotInRunFinding(site: PackageSite): PlanFinding {
  return {
    code: 'unresolved-config',
    cause: 'login-not-in-run',
    message: `The login that produces this token (${site.file}:${site.line}) is migrated by the ${site.transform} transform, which is not part of this run; run it (or all) first, then this one.`,
  };
}
