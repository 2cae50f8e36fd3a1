// Settings: where re-run LLM calls go (an OpenAI-compatible endpoint and its key), what the mouse
// wheel does, the model price table that estimates costs, the collector's port, and how to
// register the MCP server with a coding agent.
import { useState } from 'react';
import { Dialog } from '../../components/Dialog.tsx';
import { useStore } from '../../state/createStore.ts';
import { ApiKeyField } from './ApiKeyField.tsx';
import { CollectorPortSection } from './CollectorPortSection.tsx';
import { McpSection } from './McpSection.tsx';
import { NavigationSection } from './NavigationSection.tsx';
import { PriceTableSection } from './PriceTableSection.tsx';
import {
  checkBaseUrl,
  closeSettings,
  replaySettingsStore,
  setBaseUrl,
  settingsOpenStore,
} from '../../state/replaySettings.ts';
import './settings.css';

export function SettingsHost() {
  const open = useStore(settingsOpenStore);
  return open ? <SettingsDialog /> : null;
}

function SettingsDialog() {
  const saved = useStore(replaySettingsStore, (s) => s.baseUrl);
  const [baseUrl, setDraft] = useState(saved);
  const problem = checkBaseUrl(baseUrl);
  const save = () => {
    if (problem) return;
    setBaseUrl(baseUrl);
    closeSettings();
  };
  return (
    <Dialog
      label="Settings"
      title="Settings"
      onClose={closeSettings}
      className="settings-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={closeSettings}>
            Cancel
          </button>
          <button type="button" className="button button-primary" disabled={problem !== null} onClick={save}>
            Save
          </button>
        </>
      }
    >
      <form
        className="settings-body"
        onSubmit={(event) => {
          event.preventDefault();
          save();
        }}
      >
        <h3>Re-run LLM calls</h3>
        <label className="settings-label" htmlFor="settings-base-url">
          Base URL of an OpenAI-compatible API
        </label>
        <input
          id="settings-base-url"
          className="small-input"
          value={baseUrl}
          placeholder="Server default (SPYGLASS_OPENAI_BASE_URL, else https://api.openai.com/v1)"
          spellCheck={false}
          onChange={(event) => setDraft(event.target.value)}
        />
        {problem ? (
          <div className="settings-warning">{problem}</div>
        ) : (
          <div className="settings-hint">Requests go to {'{base URL}'}/chat/completions.</div>
        )}
        <div className="settings-label">API key</div>
        <ApiKeyField />
      </form>
      <NavigationSection />
      <PriceTableSection />
      <CollectorPortSection />
      <McpSection collectorUrl={location.origin} />
    </Dialog>
  );
}
