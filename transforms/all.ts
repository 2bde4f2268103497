import { toJscodeshiftTransform } from '../src/transform-kit';
import { TRANSFORMS } from './index';

export const meta = {
  id: 'all',
  description: 'Apply every transform on one parse of each file.',
} as const;

/**
 * Before: an app that logs in for an ID token and gives it to the Management API.
 * After:  every transform applied on one parse — config, URLs, token requests, Management token.
 */
export default toJscodeshiftTransform(TRANSFORMS);
