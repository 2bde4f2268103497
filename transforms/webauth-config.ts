import { toJscodeshiftTransform } from '../src/transform-kit';
import type { TransformContext, TransformMeta, TransformModule } from '../src/types';

export const meta: TransformMeta = {
  id: 'webauth-config',
  description: 'Add the Management API audience, its scopes and an access-token response type to auth0.js, Lock and angular-auth0 login configs.',
};

/** Not implemented yet: changes nothing. */
export function apply(_ctx: TransformContext): void {}

export const transformModule: TransformModule = { meta, apply };
export default toJscodeshiftTransform([transformModule]);
