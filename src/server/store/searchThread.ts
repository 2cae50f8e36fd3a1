// The search thread's entry: a connection of its own to the store (read) and its search file
// (written), running the indexer's jobs one at a time (searchJob.ts). Started by SearchThread
// (searchIndex.ts) with the store's path; answers each job with how many rows it indexed, or the
// error that stopped it (the job's transaction is rolled back, and the indexer hands it out again).
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { isDiskFull } from './diskFull.ts';
import { attachSearchFile } from './searchFile.ts';
import { type SearchJob, SearchJobRunner } from './searchJob.ts';

export type SearchThreadAnswer = { indexed: number } | { error: string; diskFull: boolean };

if (!parentPort) throw new Error('store/searchThread.ts runs as a worker thread (see searchIndex.ts)');
const port = parentPort;
const { storePath } = workerData as { storePath: string };
const db = new Database(storePath);
db.pragma('busy_timeout = 5000');
attachSearchFile(db, storePath);
const runner = new SearchJobRunner(db);

port.on('message', (job: SearchJob | 'close') => {
  if (job === 'close') {
    // Folds the search file's WAL back in; the store's connection does its own file's.
    try {
      db.pragma('search.wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
      port.close();
    }
    return;
  }
  let answer: SearchThreadAnswer;
  try {
    answer = { indexed: runner.run(job) };
    if (job.checkpointStore) db.pragma('main.wal_checkpoint(PASSIVE)');
  } catch (error) {
    answer = { error: String(error), diskFull: isDiskFull(error) };
  }
  port.postMessage(answer);
});
