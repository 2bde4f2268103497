import type { TransformModule } from '../src/types';

/**
 * Every transform, looked up when a transform runs rather than when it loads: index.ts imports
 * each transform file, so a transform file cannot import it at load time. A single transform
 * under stock jscodeshift still needs every transform's flow sites, because a flow is migrated
 * only when all of its parts can be.
 */
export function everyTransform(): readonly TransformModule[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above: a load-time import would be circular
  return (require('./index') as typeof import('./index')).TRANSFORMS;
}
