import { toJscodeshiftTransform } from '../src/transform-kit';
import type { TransformContext, TransformMeta, TransformModule } from '../src/types';

export const meta: TransformMeta = {
  id: 'authorize-url',
  description: 'Add the Management API audience and scopes to hand-built /authorize URLs that request an ID token, and request an access token too.',
};

/** Not implemented yet: changes nothing. */
export function apply(_ctx: TransformContext): void {}

export const transformModule: TransformModule = { meta, apply };
export default toJscodeshiftTransform([transformModule]);
