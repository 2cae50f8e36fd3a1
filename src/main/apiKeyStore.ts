// The API key for LLM re-runs, encrypted with the OS keychain through Electron's safeStorage and
// kept in the user-data folder. The renderer can set or clear it but never read it back: the main
// process adds it to the collector's re-run requests itself (see attachApiKey in security.ts).
import { safeStorage } from 'electron';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ApiKeyStatus } from '../preload/api.ts';

export class ApiKeyStore {
  private readonly file: string;

  constructor(userDataDir: string) {
    this.file = join(userDataDir, 'llm-api-key.enc');
  }

  status(): ApiKeyStatus {
    return { stored: existsSync(this.file), encryptionAvailable: safeStorage.isEncryptionAvailable() };
  }

  set(key: string): ApiKeyStatus {
    const trimmed = key.trim();
    if (!trimmed) throw new Error('The API key is empty.');
    if (!safeStorage.isEncryptionAvailable()) {
      // Never fall back to plain text on disk; headless mode reads the key from the environment.
      throw new Error(
        'This system offers no secure storage for the key. Set SPYGLASS_OPENAI_API_KEY instead.',
      );
    }
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, safeStorage.encryptString(trimmed), { mode: 0o600 });
    return this.status();
  }

  clear(): ApiKeyStatus {
    rmSync(this.file, { force: true });
    return this.status();
  }

  /** The key, decrypted, for the main process only. */
  read(): string | null {
    if (!existsSync(this.file)) return null;
    try {
      return safeStorage.decryptString(readFileSync(this.file));
    } catch {
      return null; // encrypted under another OS account or keychain: treat as absent
    }
  }
}
