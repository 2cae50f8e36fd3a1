// What the collector answers while the disk under its database is full, and the state it reports.
// SQLite says SQLITE_FULL (or the OS says ENOSPC); a commit that hits it is rolled back whole, so
// nothing acknowledged is lost and nothing half-written stays. The sender is told clearly and told
// to retry: 507 "disk full at <folder>" for the SDK; OTLP turns it into the retryable 503 +
// Retry-After (gRPC UNAVAILABLE), which exporters retry. No recovery step is needed: the next
// commit that fits succeeds, and the state clears with it.
import { dirname, resolve } from 'node:path';
import type { StorageHealth } from '../../shared/types.ts';
import { isDiskFull } from '../store/diskFull.ts';
import { HttpError } from './http.ts';

const RETRY_AFTER_SECONDS = 5;

export class StorageFullError extends HttpError {
  constructor(folder: string) {
    super(
      507,
      `disk full at ${folder}: the collector could not write its database; free some space there and retry (writing resumes by itself)`,
      undefined,
      { 'Retry-After': String(RETRY_AFTER_SECONDS) },
    );
  }
}

export class StorageState {
  private readonly folder: string;
  private failure: StorageHealth = { ok: true };
  private readonly onChange: (health: StorageHealth) => void;

  constructor(dbPath: string, onChange: (health: StorageHealth) => void = () => {}) {
    this.folder = dbPath === ':memory:' ? 'memory' : dirname(resolve(dbPath));
    this.onChange = onChange;
  }

  get health(): StorageHealth {
    return this.failure;
  }

  /** The error to answer with: a StorageFullError for a full disk, else `error` itself. */
  failed(error: unknown): unknown {
    if (!isDiskFull(error)) return error;
    const answer = new StorageFullError(this.folder);
    if (this.failure.ok) this.set({ ok: false, error: answer.message, sinceMs: Date.now() });
    return answer;
  }

  committed(): void {
    if (!this.failure.ok) this.set({ ok: true });
  }

  private set(health: StorageHealth): void {
    this.failure = health;
    this.onChange(health);
  }
}
