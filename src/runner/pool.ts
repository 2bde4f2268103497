import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { TransformModule, TransformOptions } from '../types';
import type { ScanRequest, ScanResult, TransformRequest, TransformResult } from './engine';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './protocol';

/**
 * Runs the two phases of a run (scan, then transform) either in this thread or across worker
 * threads, behind one interface. Either way a file's tree is parsed once, in phase one, and
 * transformed by whoever parsed it. Aborting stops handing out work; requests already handed
 * out are answered, and requests never handed out get no answer.
 */
export interface Processor {
  scan(requests: readonly ScanRequest[], onResult: (result: ScanResult) => void, signal?: AbortSignal): Promise<void>;
  transform(requests: readonly TransformRequest[], onResult: (result: TransformResult) => void, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** Two requests per worker in flight: the next file is already waiting when one finishes. */
const MAX_IN_FLIGHT = 2;

/** Below this many files per worker, starting a thread (and loading the parsers in it) costs more than it saves. */
export const MIN_FILES_PER_WORKER = 8;

/**
 * The old-space ceiling of a worker thread, in MB. V8 lets a heap grow to about four times what
 * survived its last full collection when its ceiling is high (the default is several GB), and a
 * worker's garbage is mostly parse trees, so two workers peaked at 500-700 MB while holding
 * 20-60 MB; under a ceiling below 2 GB it grows by less than two. A worker holds its trees within
 * the retention budget (see engine.ts) and one file of at most 1 MB (read.ts) at a time, some
 * 100-300 MB at worst, so this still leaves room. Never above the default ceiling.
 */
const WORKER_OLD_SPACE_MB = 1024;

function workerOldSpaceMb(): number {
  return Math.min(WORKER_OLD_SPACE_MB, Math.floor(getHeapStatistics().heap_size_limit / (1024 * 1024)));
}

/** The compiled worker script; absent when the runner itself runs from TypeScript sources (tests). */
export function workerScriptPath(): string | null {
  const script = path.join(__dirname, 'worker.js');
  return existsSync(script) ? script : null;
}

/**
 * How many worker threads to start for `files` parsed files: none (this thread) for small runs
 * unless the user asked for workers; never more than there are files.
 */
export function workerCountFor(files: number, requested: number, explicit: boolean): number {
  const ceiling = Math.max(1, Math.floor(requested));
  const wanted = explicit ? ceiling : Math.min(ceiling, Math.ceil(files / MIN_FILES_PER_WORKER));
  const count = Math.min(wanted, files);
  return count <= 1 ? 0 : count;
}

export async function createProcessor(options: {
  selection: string;
  transformOptions: TransformOptions;
  workers: number;
  modules?: readonly TransformModule[];
}): Promise<Processor> {
  const script = workerScriptPath();
  if (options.workers >= 2 && script !== null && options.modules === undefined) {
    return new WorkerPool(options.workers, script, { selection: options.selection, options: options.transformOptions });
  }
  // Loaded only now: a run without candidates never pays for jscodeshift and the parsers.
  const { Engine } = await import('./engine.js');
  return new InProcessProcessor(new Engine(options.selection, options.transformOptions, options.modules));
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

interface EngineLike {
  scan(request: ScanRequest): ScanResult;
  transform(request: TransformRequest): TransformResult;
}

class InProcessProcessor implements Processor {
  constructor(private readonly engine: EngineLike) {}

  async scan(requests: readonly ScanRequest[], onResult: (result: ScanResult) => void, signal?: AbortSignal): Promise<void> {
    for (const request of requests) {
      if (signal?.aborted) return;
      onResult(this.engine.scan(request));
      // Lets a Ctrl-C handler run between files.
      await nextTurn();
    }
  }

  async transform(requests: readonly TransformRequest[], onResult: (result: TransformResult) => void, signal?: AbortSignal): Promise<void> {
    for (const request of requests) {
      if (signal?.aborted) return;
      onResult(this.engine.transform(request));
      await nextTurn();
    }
  }

  async close(): Promise<void> {}
}

interface Slot {
  worker: Worker;
  alive: boolean;
  /** ids of requests sent and not yet answered */
  inFlight: Set<number>;
}

interface PhaseHandlers {
  reply(slot: number, reply: WorkerReply): void;
  crash(slot: number, message: string): void;
}

class WorkerPool implements Processor {
  private readonly slots: Slot[];
  /** which worker holds each kept tree */
  private readonly owner = new Map<number, number>();
  private handlers: PhaseHandlers | null = null;

  constructor(count: number, script: string, setup: WorkerSetup) {
    this.slots = Array.from({ length: count }, (_, index) => {
      const worker = new Worker(script, { workerData: setup, resourceLimits: { maxOldGenerationSizeMb: workerOldSpaceMb() } });
      worker.on('message', (reply: WorkerReply) => this.handlers?.reply(index, reply));
      worker.on('error', (error: Error) => this.fail(index, error.message));
      worker.on('exit', (code) => this.fail(index, `worker thread exited with code ${code}`));
      return { worker, alive: true, inFlight: new Set<number>() };
    });
  }

  scan(requests: readonly ScanRequest[], onResult: (result: ScanResult) => void, signal?: AbortSignal): Promise<void> {
    const queue = [...requests];
    return this.phase<ScanRequest>({
      envelope: (request) => ({ type: 'scan', request }),
      pinned: false,
      // Any free worker takes the next file; the one that parses a kept file owns its tree.
      pick: () => queue.shift(),
      sent: (slot, request) => {
        if (request.keep) this.owner.set(request.id, slot);
      },
      reply: (reply) => {
        if (reply.type === 'scanned') onResult(reply.result);
      },
      failure: (id, message) => {
        this.owner.delete(id);
        onResult({ id, facts: null, error: { message } });
      },
      orphans: () => {
        // No worker is left: every file not yet handed out fails.
        const rest = queue.splice(0);
        return rest.map((r) => r.id);
      },
      signal,
    });
  }

  transform(requests: readonly TransformRequest[], onResult: (result: TransformResult) => void, signal?: AbortSignal): Promise<void> {
    const queues = this.slots.map((): TransformRequest[] => []);
    const lost: TransformRequest[] = [];
    for (const request of requests) {
      const slot = this.owner.get(request.id);
      if (slot === undefined || !this.slots[slot].alive) lost.push(request);
      else queues[slot].push(request);
    }
    for (const request of lost) {
      onResult({ id: request.id, output: null, findings: [], changedBy: [], error: { message: 'the worker thread that parsed this file stopped' } });
    }
    return this.phase<TransformRequest>({
      envelope: (request) => ({ type: 'transform', request }),
      pinned: true,
      pick: (slot) => queues[slot].shift(),
      sent: () => {},
      reply: (reply) => {
        if (reply.type === 'transformed') onResult(reply.result);
      },
      failure: (id, message) => onResult({ id, output: null, findings: [], changedBy: [], error: { message } }),
      orphans: (slot) => queues[slot].splice(0).map((r) => r.id),
      signal,
    });
  }

  async close(): Promise<void> {
    this.handlers = null;
    await Promise.all(
      this.slots.map(async (slot) => {
        slot.alive = false;
        await slot.worker.terminate();
      }),
    );
  }

  private fail(index: number, message: string): void {
    const slot = this.slots[index];
    if (!slot.alive) return;
    slot.alive = false;
    this.handlers?.crash(index, message);
  }

  private phase<Request extends { id: number }>(spec: {
    envelope: (request: Request) => WorkerRequest;
    /** whether each request can only go to one worker (the one holding its tree) */
    pinned: boolean;
    pick: (slot: number) => Request | undefined;
    sent: (slot: number, request: Request) => void;
    reply: (reply: WorkerReply) => void;
    failure: (id: number, message: string) => void;
    /** requests that can no longer be handed out once `slot` died (all of them when none is left) */
    orphans: (slot: number) => number[];
    signal?: AbortSignal;
  }): Promise<void> {
    return new Promise((resolve) => {
      const idle = (): boolean => this.slots.every((slot) => slot.inFlight.size === 0);
      const pump = (): void => {
        if (!spec.signal?.aborted) {
          this.slots.forEach((slot, index) => {
            while (slot.alive && slot.inFlight.size < MAX_IN_FLIGHT) {
              const request = spec.pick(index);
              if (request === undefined) break;
              slot.inFlight.add(request.id);
              spec.sent(index, request);
              slot.worker.postMessage(spec.envelope(request));
            }
          });
        }
        if (idle()) {
          this.handlers = null;
          spec.signal?.removeEventListener('abort', pump);
          resolve();
        }
      };
      this.handlers = {
        reply: (index, reply) => {
          const id = reply.result.id;
          this.slots[index].inFlight.delete(id);
          spec.reply(reply);
          pump();
        },
        crash: (index, message) => {
          const slot = this.slots[index];
          for (const id of slot.inFlight) spec.failure(id, `worker thread failed: ${message}`);
          slot.inFlight.clear();
          const noneLeft = this.slots.every((s) => !s.alive);
          if (spec.pinned || noneLeft) {
            for (const id of spec.orphans(index)) spec.failure(id, `worker thread failed: ${message}`);
          }
          pump();
        },
      };
      spec.signal?.addEventListener('abort', pump);
      pump();
    });
  }
}
