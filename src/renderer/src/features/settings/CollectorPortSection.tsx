// The collector's port (desktop app only): the one in use now, and the one tried first at every
// start. A port picked at start-up because the saved one was taken lasts for that run only, so
// agents left on the default keep working the next time; saving here changes it for good.
import { useEffect, useState } from 'react';
import type { CollectorPortInfo } from '../../../../preload/api.ts';

export function CollectorPortSection() {
  const desktop = window.spyglass;
  const [info, setInfo] = useState<CollectorPortInfo | null>(null);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void desktop?.getCollectorPort?.().then(
      (found) => {
        setInfo(found);
        setDraft(String(found.saved));
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  if (!desktop?.getCollectorPort) return null;

  const save = async () => {
    setError(null);
    try {
      setInfo(await desktop.saveCollectorPort(Number(draft)));
    } catch (e) {
      setError((e as Error).message.replace(/^Error invoking remote method '[^']+': (\w*Error: )?/, ''));
    }
  };
  const changed = info !== null && draft.trim() !== String(info.saved);
  return (
    <section className="settings-body" aria-label="Collector port">
      <h3>Collector port</h3>
      {info && (
        <div className="settings-note">
          Listening on <code>127.0.0.1:{info.inUse}</code>
          {info.inUse !== info.saved
            ? ` for this run only: port ${info.saved} was taken. The next start tries ${info.saved} again.`
            : '.'}
          {info.saved !== info.defaultPort &&
            ` Agents and OpenTelemetry exporters default to ${info.defaultPort}: point them here with SPYGLASS_URL or OTEL_EXPORTER_OTLP_ENDPOINT.`}
        </div>
      )}
      <div className="settings-row">
        <input
          className="small-input"
          aria-label="Port for every start"
          inputMode="numeric"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="button" className="button button-small" disabled={!changed} onClick={() => void save()}>
          Save for next start
        </button>
      </div>
      {error && <div className="settings-warning">{error}</div>}
    </section>
  );
}
