import { parentPort, workerData } from 'node:worker_threads';
import { answer, Engine } from './engine';
import type { WorkerRequest, WorkerSetup } from './protocol';

/** Worker-thread entry: answers each request, one by one and in order, and keeps nothing between them. */
if (parentPort === null) throw new Error('worker.js runs only as a worker thread');
const port = parentPort;
const setup = workerData as WorkerSetup;
const engine = new Engine(setup.selection, setup.options);

port.on('message', (message: WorkerRequest) => port.postMessage(answer(engine, message)));
