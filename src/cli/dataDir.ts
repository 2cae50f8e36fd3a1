// Where Spyglass keeps its database when --db is not given: the platform's per-user data folder.
// The one name of that folder: `spyglass serve` and the desktop app (src/main/index.ts) both use
// it, so they share one database on every OS (Electron's userData on Linux is ~/.config/<name>,
// which is configuration, not data). Plain Node: no electron import.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Spyglass');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Spyglass');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'spyglass');
}

export function defaultDbPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  return join(defaultDataDir(env, platform), 'spyglass.db');
}
