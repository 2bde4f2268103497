import { toJscodeshiftTransform } from '../src/transform-kit';
import type { TransformContext, TransformMeta, TransformModule } from '../src/types';

export const meta: TransformMeta = {
  id: 'token-request',
  description: 'Add the Management API audience and scopes to password-grant requests to /oauth/token; flag legacy endpoints that cannot carry an audience.',
};

/** Not implemented yet: changes nothing. */
export function apply(_ctx: TransformContext): void {}

export const transformModule: TransformModule = { meta, apply };
export default toJscodeshiftTransform([transformModule]);
