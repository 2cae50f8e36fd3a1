// The re-run API key's storage rules, with a real file and safeStorage replaced by a stand-in
// cipher (Electron's safeStorage cannot run in Node): on Linux's basic_text backend, which is plain
// text under a fixed password, nothing is written unless the user agreed; the status says which.
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiKeyStore, type KeyCipher, PlainTextStorageRefused } from '../../src/main/apiKeyStore.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

function cipher(backend: string | null, available = true): KeyCipher {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`enc:${text}`),
    decryptString: (bytes) => bytes.toString().replace(/^enc:/, ''),
    ...(backend === null ? {} : { getSelectedStorageBackend: () => backend }),
  };
}

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir('spyglass-key-');
});
afterEach(() => dir.remove());

describe('ApiKeyStore', () => {
  it('stores the key encrypted when a keychain backs safeStorage', () => {
    for (const backend of [null, 'gnome_libsecret', 'kwallet6']) {
      const store = new ApiKeyStore(dir.file(backend ?? 'mac'), cipher(backend));
      expect(store.status()).toEqual({ stored: false, encryptionAvailable: true, plainTextOnly: false });
      expect(store.set(' sk-test ')).toEqual({
        stored: true,
        encryptionAvailable: true,
        plainTextOnly: false,
      });
      expect(store.read()).toBe('sk-test');
    }
  });

  it('writes nothing on basic_text unless the user agreed to plain text, and says so', () => {
    const store = new ApiKeyStore(dir.path, cipher('basic_text'));
    expect(store.status()).toEqual({ stored: false, encryptionAvailable: true, plainTextOnly: true });
    expect(() => store.set('sk-test')).toThrow(PlainTextStorageRefused);
    expect(existsSync(dir.file('llm-api-key.enc'))).toBe(false);

    expect(store.set('sk-test', { allowPlainText: true })).toEqual({
      stored: true,
      encryptionAvailable: true,
      plainTextOnly: true,
    });
    expect(readFileSync(dir.file('llm-api-key.enc'), 'utf8')).toContain('sk-test');
    expect(store.read()).toBe('sk-test');
  });

  it('never writes without encryption at all', () => {
    const store = new ApiKeyStore(dir.path, cipher(null, false));
    expect(() => store.set('sk-test', { allowPlainText: true })).toThrow(/SPYGLASS_OPENAI_API_KEY/);
    expect(existsSync(dir.file('llm-api-key.enc'))).toBe(false);
  });
});
