import type { TransformId, TransformModule } from '../src/types';
import { transformModule as authorizeUrl } from './authorize-url';
import { transformModule as managementToken } from './management-token';
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
