// Entry of the OTLP decoder thread (decoder.ts starts it): answers each job it is sent (jobs.ts),
// after saying once that it has loaded.
import { parentPort } from 'node:worker_threads';
import { answerJob, type DecodeAnswer, type DecodeJob } from './jobs.ts';

if (!parentPort) throw new Error('collector/decoding/worker.ts runs as a worker thread (see decoder.ts)');
const port = parentPort;
port.on('message', (job: DecodeJob) => port.postMessage(answerJob(job)));
port.postMessage({ ready: true } satisfies DecodeAnswer);
