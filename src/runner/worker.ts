import { parentPort, workerData } from 'node:worker_threads';
import { Engine } from './engine';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './protocol';

/**
 * Worker-thread entry: owns the trees of the files it scanned, so the transform phase reuses
 * them instead of parsing again. Requests are answered one by one, in order.
 */
if (parentPort === null) throw new Error('worker.js runs only as a worker thread');
const port = parentPort;
const setup = workerData as WorkerSetup;
const engine = new Engine(setup.selection, setup.options);

port.on('message', (message: WorkerRequest) => {
  let reply: WorkerReply;
  if (message.type === 'scan') reply = { type: 'scanned', result: engine.scan(message.request) };
  else reply = { type: 'transformed', result: engine.transform(message.request) };
  port.postMessage(reply);
});
