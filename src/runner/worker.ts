import { parentPort, workerData } from 'node:worker_threads';
import { Engine } from './engine';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './protocol';

/** Worker-thread entry: answers each request, one by one and in order, and keeps nothing between them. */
if (parentPort === null) throw new Error('worker.js runs only as a worker thread');
const port = parentPort;
const setup = workerData as WorkerSetup;
const engine = new Engine(setup.selection, setup.options);

port.on('message', (message: WorkerRequest) => {
  let reply: WorkerReply;
  if (message.type === 'process') reply = { type: 'processed', result: engine.process(message.request) };
  else reply = { type: 'transformed', result: engine.transform(message.request) };
  port.postMessage(reply);
});
