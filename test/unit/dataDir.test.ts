// One data folder: the desktop app and `spyglass serve` open the same database by default. The
// desktop's main process cannot run here (it needs Electron), so its built bundle is checked for
// the CLI's default path function, and that function for each platform's folder.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, defaultDbPath } from '../../src/cli/dataDir.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('the data folder', () => {
  it('is the platform data folder, named Spyglass/spyglass as the README says', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/x/data' }, 'linux')).toBe(join('/x/data', 'spyglass'));
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library[\\/]Application Support[\\/]Spyglass$/);
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'win32')).toBe(
      join('C:\\Users\\me\\AppData\\Roaming', 'Spyglass'),
    );
    expect(defaultDbPath({ XDG_DATA_HOME: '/x/data' }, 'linux')).toBe(
      join('/x/data', 'spyglass', 'spyglass.db'),
    );
  });

  it('holds the desktop app database too, not Electron userData', () => {
    const main = readFileSync(join(ROOT, 'src/main/index.ts'), 'utf8');
    expect(main).toMatch(/dbPath: defaultDbPath\(\)/);
    expect(main).not.toMatch(/join\(userData, 'spyglass\.db'\)/);
  });
});
