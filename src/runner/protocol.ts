import type { TransformOptions } from '../types';
import type { ScanRequest, ScanResult, TransformRequest, TransformResult } from './engine';

/** What a worker thread is started with. */
export interface WorkerSetup {
  /** `all` or one transform id */
  selection: string;
  options: TransformOptions;
}

export type WorkerRequest = { type: 'scan'; request: ScanRequest } | { type: 'transform'; request: TransformRequest };

export type WorkerReply = { type: 'scanned'; result: ScanResult } | { type: 'transformed'; result: TransformResult };
