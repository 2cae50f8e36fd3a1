// Desktop preferences that must survive restarts (the collector port the user picked when the
// default was taken). A small JSON file in the app's user-data folder; bad content is ignored.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface DesktopSettings {
  port: number;
}

export const DEFAULT_PORT = 4318;

export function settingsPath(userDataDir: string): string {
  return join(userDataDir, 'settings.json');
}

export function readSettings(userDataDir: string): DesktopSettings {
  try {
    const parsed: unknown = JSON.parse(readFileSync(settingsPath(userDataDir), 'utf8'));
    const port = (parsed as { port?: unknown }).port;
    if (typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536) return { port };
  } catch {
    // Missing or unreadable: first run, or a hand-edited file. Defaults apply.
  }
  return { port: DEFAULT_PORT };
}

export function writeSettings(userDataDir: string, settings: DesktopSettings): void {
  const file = settingsPath(userDataDir);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(settings, null, 2));
}
