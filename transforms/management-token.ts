import { toJscodeshiftTransform } from '../src/transform-kit';
import type { TransformContext, TransformMeta, TransformModule } from '../src/types';

export const meta: TransformMeta = {
  id: 'management-token',
  description: 'Give the Management API the access token instead of the ID token (auth0.Management, ManagementClient, raw /api/v2 calls).',
};

/** Not implemented yet: changes nothing. */
export function apply(_ctx: TransformContext): void {}

export const transformModule: TransformModule = { meta, apply };
export default toJscodeshiftTransform([transformModule]);
