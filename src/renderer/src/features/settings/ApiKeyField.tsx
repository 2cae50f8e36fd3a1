// The re-run API key. In the desktop app it is handed once to the main process, which encrypts
// it with the OS keychain (safeStorage) and adds it to re-run requests itself: the page never
// reads it back. In a browser tab the headless server uses its own environment variable. On Linux
// without a keychain the only storage is plain text: the field says so and saves only with consent.
import { useEffect, useState } from 'react';
import type { ApiKeyStatus } from '../../../../preload/api.ts';

export function ApiKeyField() {
  const desktop = window.spyglass;
  const [status, setStatus] = useState<ApiKeyStatus | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [plainTextAgreed, setPlainTextAgreed] = useState(false);
  useEffect(() => {
    void desktop?.getApiKeyStatus?.().then(setStatus, (e: Error) => setError(e.message));
  }, []);

  if (!desktop?.setApiKey) {
    return (
      <div className="settings-note">
        The server uses the key in <code>SPYGLASS_OPENAI_API_KEY</code> (or <code>OPENAI_API_KEY</code>) from
        its own environment, and sends it only to <code>SPYGLASS_OPENAI_BASE_URL</code>. Another base URL is
        called without a key, which suits local servers. Keys are never stored, logged or shown.
      </div>
    );
  }
  const save = async () => {
    setError(null);
    try {
      setStatus(await desktop.setApiKey(draft.trim(), plainTextAgreed));
      setDraft(''); // The page keeps no copy once the main process has it.
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const clear = async () => {
    setError(null);
    try {
      setStatus(await desktop.clearApiKey());
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div className="settings-key">
      <div className="settings-key-status">
        {status === null
          ? 'Checking…'
          : status.stored
            ? status.plainTextOnly
              ? '● A key is stored as plain text (this system has no keychain)'
              : '● A key is stored, encrypted by the OS keychain'
            : 'No key stored'}
        {status?.stored && (
          <button type="button" className="link-button" onClick={() => void clear()}>
            Remove
          </button>
        )}
      </div>
      {status && !status.encryptionAvailable && (
        <div className="settings-warning">
          This system offers no secure storage, so a key cannot be saved. Start the app with
          SPYGLASS_OPENAI_API_KEY instead.
        </div>
      )}
      {status?.encryptionAvailable && status.plainTextOnly && (
        <div className="settings-warning">
          This system has no keychain (no secret service such as GNOME Keyring or KWallet), so the key would
          be stored as plain text in the app's data folder. Install one, start the app with
          SPYGLASS_OPENAI_API_KEY, or agree below.
          <label className="settings-check">
            <input
              type="checkbox"
              checked={plainTextAgreed}
              onChange={(event) => setPlainTextAgreed(event.target.checked)}
            />{' '}
            Store the key as plain text
          </label>
        </div>
      )}
      <div className="settings-row">
        <input
          type="password"
          className="small-input"
          aria-label="API key"
          placeholder={status?.stored ? 'Replace the stored key' : 'sk-…'}
          autoComplete="off"
          spellCheck={false}
          value={draft}
          disabled={status !== null && !status.encryptionAvailable}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button
          type="button"
          className="button button-small"
          disabled={draft.trim() === '' || (status?.plainTextOnly === true && !plainTextAgreed)}
          onClick={() => void save()}
        >
          Save key
        </button>
      </div>
      {error && <div className="settings-warning">{error}</div>}
    </div>
  );
}
