import type { Collection, JSCodeshift } from 'jscodeshift';
import type { TransformId, TransformModule } from '../src/types';
import { transformModule as authorizeUrl } from './authorize-url';
import { isIdle as managementTokenIdle, transformModule as managementToken } from './management-token';
import { transformModule as tokenRequest } from './token-request';
import { transformModule as webauthConfig } from './webauth-config';

/** Every transform, in the order `all` applies them. The one registry: CLI, `list`, docs and tests read it. */
export const TRANSFORMS: readonly TransformModule[] = [webauthConfig, authorizeUrl, tokenRequest, managementToken];

export const ALL_ID = 'all';

export function transformById(id: string): TransformModule | undefined {
  return TRANSFORMS.find((t) => t.meta.id === id);
}

export function isTransformId(id: string): id is TransformId {
  return transformById(id) !== undefined;
}

/** The modules a CLI selection means: `all` or one id. */
export function selectTransforms(selection: string): readonly TransformModule[] {
  if (selection === ALL_ID) return TRANSFORMS;
  const one = transformById(selection);
  if (!one) throw new Error(`unknown transform "${selection}"`);
  return [one];
}

/**
 * Per transform: whether it leaves a file alone (no edit, no finding) when no scopes are
 * requested, judged from the file's tree alone. webauth-config, authorize-url and token-request
 * ask for the scopes before anything else and stop without them; management-token acts on
 * Management API credentials and stored tokens whatever the scopes. Keyed by the module objects
 * themselves: any other module (a test's stand-in under a real id) is never judged idle.
 */
const IDLE_WITHOUT_SCOPES = new Map<TransformModule, (j: JSCodeshift, root: Collection) => boolean>([
  [webauthConfig, () => true],
  [authorizeUrl, () => true],
  [tokenRequest, () => true],
  [managementToken, managementTokenIdle],
]);

/**
 * True when none of `modules` can change the file, or report anything in it, in a package that
 * requests no scopes (it makes no Management API call). The runner learns the scopes only after
 * scanning every file; this lets it skip parsing such a file a second time.
 */
export function idleWithoutScopes(modules: readonly TransformModule[], j: JSCodeshift, root: Collection): boolean {
  return modules.every((module) => IDLE_WITHOUT_SCOPES.get(module)?.(j, root) === true);
}
