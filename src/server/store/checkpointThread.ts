// A WAL checkpoint on a thread of its own. After a bulk write (a file import is one transaction,
// hundreds of MB) the WAL holds every page it wrote, and the automatic checkpoint that follows the
// next commit would copy them all into the database on the event loop's thread: about 1.2 s for a
// 48 MB file, measured. A PASSIVE checkpoint needs no lock that writers hold, so another
// connection, on a worker thread, does it while the collector goes on answering and committing.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The worker is a few lines of CommonJS, so it needs no entry of its own in the app's bundle. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
try {
  db.pragma('busy_timeout = 5000');
  parentPort.postMessage(db.pragma('wal_checkpoint(PASSIVE)')[0]);
} finally {
  db.close();
}
`;

export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export function checkpointOnThread(path: string): Promise<CheckpointResult> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path } });
    let answer: CheckpointResult | undefined;
    worker.once('message', (result: CheckpointResult) => (answer = result));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      answer
        ? resolve(answer)
        : reject(new Error(`the checkpoint thread exited (${code}) without an answer`)),
    );
  });
}
