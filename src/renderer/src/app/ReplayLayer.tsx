// The dialogs and overlays of the replay features (playground, fork, settings, trace files),
// mounted once by the App so any view can open them through their stores.
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { FilesLayer } from '../features/files/FilesLayer.tsx';
import { ForkHost } from '../features/fork/ForkDialog.tsx';
import { SettingsHost } from '../features/settings/SettingsDialog.tsx';
import { PlaygroundHost } from '../features/playground/PlaygroundDialog.tsx';

export function ReplayLayer() {
  return (
    <>
      <ErrorBoundary name="Playground">
        <PlaygroundHost />
      </ErrorBoundary>
      <ErrorBoundary name="Fork">
        <ForkHost />
      </ErrorBoundary>
      <ErrorBoundary name="Settings">
        <SettingsHost />
      </ErrorBoundary>
      <FilesLayer />
    </>
  );
}
