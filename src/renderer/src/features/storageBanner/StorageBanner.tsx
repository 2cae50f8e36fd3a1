// A banner across the top while the collector cannot write its database (a full disk): new traces
// are not being saved, senders keep their data and retry, and saving resumes by itself once there
// is room. The live feed carries the state (a `storage` message), so it appears and clears live.
import { liveFeed } from '../../state/feed.ts';
import { useStore } from '../../state/createStore.ts';
import './storageBanner.css';

export function StorageBanner() {
  const storage = useStore(liveFeed.state, (s) => s.storage);
  if (storage.ok) return null;
  return (
    <div className="storage-banner" role="alert">
      <span className="storage-banner-icon" aria-hidden>
        ⚠
      </span>
      <span className="storage-banner-text">
        <strong>New traces are not being saved.</strong> {storage.error}
      </span>
      <span className="storage-banner-since">
        since {new Date(storage.sinceMs).toLocaleTimeString()} · senders keep their spans and retry
      </span>
    </div>
  );
}
