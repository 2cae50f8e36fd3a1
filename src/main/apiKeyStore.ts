// The API key for LLM re-runs, encrypted with the OS keychain through Electron's safeStorage and
// kept in the user-data folder. The renderer can set or clear it but never read it back: the main
// process adds it to the collector's re-run requests itself (see attachApiKey in security.ts).
//
// On Linux without a secret store (no gnome-keyring or kwallet), safeStorage still "encrypts", but
// with its basic_text backend: a fixed password, so the file is plain text in all but name. There
// the key is written only when the user has agreed to that (allowPlainText), and the status says so.
// safeStorage is passed in (KeyCipher), so these rules run in plain Node tests.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ApiKeyStatus } from '../preload/api.ts';

/** The part of Electron's safeStorage used here. */
export interface KeyCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only (Electron documents it so); 'basic_text' means no real encryption. */
  getSelectedStorageBackend?(): string;
}

export class PlainTextStorageRefused extends Error {}

export class ApiKeyStore {
  private readonly file: string;
  private readonly cipher: KeyCipher;

  constructor(userDataDir: string, cipher: KeyCipher) {
    this.file = join(userDataDir, 'llm-api-key.enc');
    this.cipher = cipher;
  }

  /** True when the only storage on offer is safeStorage's fixed-password basic_text backend. */
  private plainTextOnly(): boolean {
    return this.cipher.getSelectedStorageBackend?.() === 'basic_text';
  }

  status(): ApiKeyStatus {
    return {
      stored: existsSync(this.file),
      encryptionAvailable: this.cipher.isEncryptionAvailable(),
      plainTextOnly: this.plainTextOnly(),
    };
  }

  set(key: string, options: { allowPlainText?: boolean } = {}): ApiKeyStatus {
    const trimmed = key.trim();
    if (!trimmed) throw new Error('The API key is empty.');
    if (!this.cipher.isEncryptionAvailable()) {
      // Never fall back to plain text on disk; headless mode reads the key from the environment.
      throw new Error(
        'This system offers no secure storage for the key. Set SPYGLASS_OPENAI_API_KEY instead.',
      );
    }
    if (this.plainTextOnly() && !options.allowPlainText) {
      throw new PlainTextStorageRefused(
        'This system has no keychain (secret service) for the key: it would be stored as plain text. ' +
          'Agree to that, or start the app with SPYGLASS_OPENAI_API_KEY instead.',
      );
    }
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, this.cipher.encryptString(trimmed), { mode: 0o600 });
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
      return this.cipher.decryptString(readFileSync(this.file));
    } catch {
      return null; // encrypted under another OS account or keychain: treat as absent
    }
  }
}
