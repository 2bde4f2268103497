import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { TransformModule, TransformOptions } from '../types';
import type { ProcessRequest, ProcessResult, TransformRequest, TransformResult } from './engine';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './protocol';

/**
 * Runs the two phases of a run on this thread and any worker threads, behind one interface:
 * `process` parses every file once, reads its facts and transforms it with the package facts
 * known so far; `transform` parses again and transforms the few files whose first result
 * depended on facts that changed later. Any thread takes any file. Aborting stops handing out
 * work; requests already handed out are answered, and requests never handed out get no answer.
 */
export interface Processor {
  /** `prepare` runs as each request is handed out, so it can attach the facts known by then. */
  process(
    requests: readonly ProcessRequest[],
    prepare: (request: ProcessRequest) => ProcessRequest,
    onResult: (result: ProcessResult) => void,
    signal?: AbortSignal,
  ): Promise<void>;
  transform(requests: readonly TransformRequest[], onResult: (result: TransformResult) => void, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** Two requests per worker in flight: the next file is already waiting when one finishes. */
const MAX_IN_FLIGHT = 2;

/**
 * Below this many files per thread, starting one more costs more than it saves: a worker thread
 * takes 0.1-0.2 s of CPU to load the parsers and warm up, about what a hundred files cost to
 * migrate (36 files: 0.36 s on one thread, 0.44 s on two).
 */
export const MIN_FILES_PER_WORKER = 100;

/**
 * The old-space ceiling of a worker thread, in MB. V8 lets a heap grow to about four times what
 * survived its last full collection when its ceiling is high (the default is several GB), and a
 * worker's garbage is mostly parse trees, so two workers peaked at 500-700 MB while holding
 * 20-60 MB; under a ceiling below 2 GB it grows by less than two. A worker holds the tree of one
 * file of at most 1 MB (read.ts) at a time, so this leaves ample room. Never above the default
 * ceiling.
 */
const WORKER_OLD_SPACE_MB = 1024;

/**
 * The young generation of a worker thread, in MB: what the main thread gets by default. Given only
 * an old-space ceiling, V8 sizes a worker's young generation from it, at a few MB, and a parse
 * allocates so much short-lived garbage that it then spends more of its time in scavenges (a few
 * percent of a run on the bench's legacy corpus).
 */
const WORKER_YOUNG_SPACE_MB = 48;

function workerOldSpaceMb(): number {
  return Math.min(WORKER_OLD_SPACE_MB, Math.floor(getHeapStatistics().heap_size_limit / (1024 * 1024)));
}

/** The compiled worker script; absent when the runner itself runs from TypeScript sources (tests). */
export function workerScriptPath(): string | null {
  const script = path.join(__dirname, 'worker.js');
  return existsSync(script) ? script : null;
}

/**
 * How many threads to process `files` files on (this thread counts as one; 0 means this thread
 * alone): one for small runs unless the user asked for more; never more than there are files.
 */
export function workerCountFor(files: number, requested: number, explicit: boolean): number {
  const ceiling = Math.max(1, Math.floor(requested));
  const wanted = explicit ? ceiling : Math.min(ceiling, Math.ceil(files / MIN_FILES_PER_WORKER));
  const count = Math.min(wanted, files);
  return count <= 1 ? 0 : count;
}

/**
 * A pool of `threads` parallel slots for a run: this thread, which is idle otherwise while the
 * files are processed, and `threads - 1` worker threads. One isolate fewer than a worker per
 * slot: each isolate loads the parsers and compiles the same hot code on its own.
 */
export async function createProcessor(options: {
  selection: string;
  transformOptions: TransformOptions;
  /** 0 or 1: this thread only */
  workers: number;
  modules?: readonly TransformModule[];
}): Promise<Processor> {
  // Loaded only now: a run without candidates never pays for jscodeshift and the parsers.
  const { Engine, answer } = await import('./engine.js');
  const engine = new Engine(options.selection, options.transformOptions, options.modules);
  const script = workerScriptPath();
  // Stand-in modules (tests) cannot be sent to a worker thread; without the compiled worker
  // script (running from TypeScript sources) there is no thread to start.
  const workerThreads = script !== null && options.modules === undefined ? Math.max(0, options.workers - 1) : 0;
  return new Pool((message) => answer(engine, message), workerThreads, script ?? '', { selection: options.selection, options: options.transformOptions });
}

interface Slot {
  /** hands one request to the slot; its reply comes back through the pool's handlers */
  send(message: WorkerRequest): void;
  stop(): Promise<void>;
  alive: boolean;
  /** ids of requests sent and not yet answered */
  inFlight: Set<number>;
  /** how many requests it may hold at once */
  capacity: number;
}

interface PhaseHandlers {
  reply(slot: number, reply: WorkerReply): void;
  crash(slot: number, message: string): void;
}

class Pool implements Processor {
  private readonly slots: Slot[];
  private handlers: PhaseHandlers | null = null;

  constructor(local: (message: WorkerRequest) => WorkerReply, workerThreads: number, script: string, setup: WorkerSetup) {
    const here: Slot = {
      // One file at a time, each on its own turn of the event loop, so worker replies and a
      // Ctrl-C handler run between two files.
      send: (message) => {
        setImmediate(() => {
          let reply: WorkerReply;
          try {
            reply = local(message);
          } catch (error) {
            // This file fails; the thread goes on with the next one.
            this.handlers?.crash(0, error instanceof Error ? error.message : String(error));
            return;
          }
          this.handlers?.reply(0, reply);
        });
      },
      stop: async () => {},
      alive: true,
      inFlight: new Set<number>(),
      capacity: 1,
    };
    const threads = Array.from({ length: workerThreads }, (_, i): Slot => {
      const index = i + 1;
      const worker = new Worker(script, {
        workerData: setup,
        resourceLimits: { maxOldGenerationSizeMb: workerOldSpaceMb(), maxYoungGenerationSizeMb: WORKER_YOUNG_SPACE_MB },
      });
      worker.on('message', (reply: WorkerReply) => this.handlers?.reply(index, reply));
      worker.on('error', (error: Error) => this.fail(index, error.message));
      worker.on('exit', (code) => this.fail(index, `worker thread exited with code ${code}`));
      return {
        send: (message) => worker.postMessage(message),
        stop: async () => {
          await worker.terminate();
        },
        alive: true,
        inFlight: new Set<number>(),
        capacity: MAX_IN_FLIGHT,
      };
    });
    this.slots = [here, ...threads];
  }

  process(
    requests: readonly ProcessRequest[],
    prepare: (request: ProcessRequest) => ProcessRequest,
    onResult: (result: ProcessResult) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    return this.phase<ProcessRequest>(requests, {
      envelope: (request) => ({ type: 'process', request: prepare(request) }),
      reply: (reply) => {
        if (reply.type === 'processed') onResult(reply.result);
      },
      failure: (id, message) => onResult({ id, facts: null, error: { message }, transform: null }),
      signal,
    });
  }

  transform(requests: readonly TransformRequest[], onResult: (result: TransformResult) => void, signal?: AbortSignal): Promise<void> {
    return this.phase<TransformRequest>(requests, {
      envelope: (request) => ({ type: 'transform', request }),
      reply: (reply) => {
        if (reply.type === 'transformed') onResult(reply.result);
      },
      failure: (id, message) => onResult({ id, output: null, findings: [], changedBy: [], error: { message }, sites: [], answers: {} }),
      signal,
    });
  }

  async close(): Promise<void> {
    this.handlers = null;
    await Promise.all(
      this.slots.map(async (slot) => {
        slot.alive = false;
        await slot.stop();
      }),
    );
  }

  private fail(index: number, message: string): void {
    const slot = this.slots[index];
    if (!slot.alive) return;
    slot.alive = false;
    this.handlers?.crash(index, message);
  }

  /** Hands the requests out to whichever thread is free, as many at a time as each slot takes. */
  private phase<Request extends { id: number }>(
    requests: readonly Request[],
    spec: {
      envelope: (request: Request) => WorkerRequest;
      reply: (reply: WorkerReply) => void;
      failure: (id: number, message: string) => void;
      signal?: AbortSignal;
    },
  ): Promise<void> {
    const queue = [...requests];
    return new Promise((resolve) => {
      const idle = (): boolean => this.slots.every((slot) => slot.inFlight.size === 0);
      const pump = (): void => {
        if (!spec.signal?.aborted) {
          // With no thread left, every file not yet handed out fails rather than go unanswered.
          if (this.slots.every((s) => !s.alive)) {
            for (const request of queue.splice(0)) spec.failure(request.id, 'no thread is left to process this file');
          }
          for (const slot of this.slots) {
            while (slot.alive && slot.inFlight.size < slot.capacity) {
              const request = queue.shift();
              if (request === undefined) break;
              slot.inFlight.add(request.id);
              slot.send(spec.envelope(request));
            }
          }
        }
        if (idle()) {
          this.handlers = null;
          spec.signal?.removeEventListener('abort', pump);
          resolve();
        }
      };
      this.handlers = {
        reply: (index, reply) => {
          this.slots[index].inFlight.delete(reply.result.id);
          spec.reply(reply);
          pump();
        },
        crash: (index, message) => {
          const slot = this.slots[index];
          const what = index === 0 ? 'failed' : 'worker thread failed';
          for (const id of slot.inFlight) spec.failure(id, `${what}: ${message}`);
          slot.inFlight.clear();
          pump();
        },
      };
      spec.signal?.addEventListener('abort', pump);
      pump();
    });
  }
}
