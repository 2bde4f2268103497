import type { FindingCause, FindingCode } from '../catalog/findings';
import type { TransformId } from '../types';

/**
 * The migration plan's vocabulary (DESIGN.md "Flows: whole or not at all").
 *
 * A token travels from a **producer** (login config, per-call login options, `/authorize` URL,
 * token request) through **carriers** (Web Storage, fields, callbacks) to a **consumer** (the
 * Management API client or a Bearer request). Each transform names the places it would change as
 * sites and says, for each, which links the token travels through there. The plan joins sites that
 * share a link into flows and decides per flow: every site acts, or none does.
 */

export type SiteRole =
  /** Asks Auth0 for tokens: gets the audience and the scopes. */
  | 'producer'
  /** Keeps an ID token the Management API later reads: gets an access-token twin beside it. */
  | 'carrier'
  /** Hands a token to the Management API: switched to the access token. */
  | 'consumer'
  /** Hands a secondary account's ID token to account linking: stays an ID token. */
  | 'secondary'
  /** Code that stops working once its flow is migrated (Lock 10 getProfile, ID-token claims). */
  | 'blocker';

/**
 * What acting at a site does, as the transform found while probing:
 * `edit` changes the file, `none` finds it already right, `blocked` reports a warning finding (the
 * flow cannot be migrated there), `ignored` carries the ignore comment.
 */
export type SiteOutcome = 'edit' | 'none' | 'blocked' | 'ignored';

/** A finding the plan asks a site to report (instead of the transform's own work, or as a note). */
export interface PlanFinding {
  code: FindingCode;
  message: string;
  cause?: FindingCause;
}

/** One site as the plan sees it: small and serialisable (it crosses threads with a file's facts). */
export interface SiteFact {
  /** Unique in its file: `<unit>:<transform>:<role>:<offset>`. */
  key: string;
  role: SiteRole;
  transform: TransformId;
  line: number;
  column: number;
  /**
   * Links the token travels through here. `holder:…` (a login client kept under a name),
   * `storage:<key>`, `login:*` (some login of the package) are package-wide; links that start with
   * `@` (`@call:<offset>`, `@request:<offset>`) name a place in this file.
   */
  links: string[];
  /** Producers: the links their tokens come out through; carriers: the storage keys they write (a subset of `links`). */
  outputs?: string[];
  outcome: SiteOutcome;
  /** The warning finding the site reported while probing (outcome `blocked`). */
  finding?: FindingCode;
  /** Its cause, when it has one. */
  findingCause?: FindingCause;
  /** Consumers: Management API endpoints the request calls. */
  endpoints?: string[];
  /** Consumers: a Management API client, whose endpoints are its method calls in the package. */
  client?: boolean;
  /** Consumers: a raw Management API request to an endpoint the codemod cannot tell. */
  unknownEndpoint?: boolean;
  /** Consumers: reads an access token nothing stores yet (see SiteSpec). */
  unserved?: boolean;
  /** Producers: how the user signs in there (a browser login asks for consent). */
  grant?: 'browser' | 'password';
  /** The literal tenant host the site talks to, lower-cased. */
  host?: string;
  /** Producers: asks for no ID token, so it feeds no token traced from an ID token (see SiteSpec). */
  noIdToken?: boolean;
  /** Producers: takes its audience from its client's config (see SiteSpec). */
  inherits?: boolean;
}

/** What the plan tells a transform to do at one site. */
export interface SiteDecision {
  /** Do the site's work (edits, or its own finding); false: leave it exactly as it is. */
  act: boolean;
  /** Producers: the scopes their flow needs. */
  scopes: readonly string[];
  /**
   * The flow is blocked here: the site's work runs only for the finding it reports, and its edits
   * are dropped whatever it does.
   */
  reportOnly?: boolean;
  /** Report this instead of doing the site's work (the plan found the flow blocked here). */
  report?: PlanFinding;
}

/** A note the plan adds about a migrated flow, at a site of it. */
export interface PlanNote extends PlanFinding {
  file: string;
  line: number;
  column: number;
  transform: TransformId;
}

export type FlowStatus = 'migrate' | 'blocked' | 'already-migrated' | 'out-of-scope';

export interface FlowSiteRef {
  file: string;
  line: number;
  column: number;
  role: SiteRole;
  transform: TransformId;
}

/** A flow as the report shows it. */
export interface FlowSummary {
  status: FlowStatus;
  scopes: string[];
  endpoints: string[];
  sites: FlowSiteRef[];
  /** Where a blocked flow is blocked, and why. */
  blockedAt?: FlowSiteRef & { code: FindingCode };
}

/** A site together with the file it was found in (the package's view of it). */
export interface PackageSite extends SiteFact {
  file: string;
}
