// Entry of the OTLP decoder thread (collector/otlpDecoder.ts starts it): answers each job it is
// sent (decodeJob.ts), after saying once that it has loaded.
import { parentPort } from 'node:worker_threads';
import { answerJob, type DecodeAnswer, type DecodeJob } from './decodeJob.ts';

if (!parentPort) throw new Error('decoderWorker.ts runs as a worker thread (see collector/otlpDecoder.ts)');
const port = parentPort;
port.on('message', (job: DecodeJob) => port.postMessage(answerJob(job)));
port.postMessage({ ready: true } satisfies DecodeAnswer);
