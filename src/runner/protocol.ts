import type { TransformOptions } from '../types';
import type { ProcessRequest, ProcessResult, TransformRequest, TransformResult } from './engine';

/** What a worker thread is started with. */
export interface WorkerSetup {
  /** `all` or one transform id */
  selection: string;
  options: TransformOptions;
}

export type WorkerRequest = { type: 'process'; request: ProcessRequest } | { type: 'transform'; request: TransformRequest };

export type WorkerReply = { type: 'processed'; result: ProcessResult } | { type: 'transformed'; result: TransformResult };
