// Runs before `npm start` and `npm run dev`: makes Electron's binary present before electron-vite
// looks for it. Electron 45 has no npm install script any more (the binary is fetched on first
// use), but electron-vite reads node_modules/electron/path.txt directly and stops with "Electron
// uninstall" when it is missing. So we run Electron's own installer (its `install-electron` bin,
// install.js): it downloads through @electron/get (ELECTRON_MIRROR, the cache and proxies work as
// Electron documents), checks the checksum, unzips into node_modules/electron/dist and writes
// path.txt. Any failure ends in one line naming the fix, never a stack.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

function fail(message: string): never {
  process.stderr.write(`spyglass: ${message}\n`);
  process.exit(1);
}

/** The installed executable, or null when Electron's binary is not there yet. */
function installedBinary(electronDir: string): string | null {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

/** The first line of the installer's error output: the error's own message, without its stack. */
function firstErrorLine(stderr: string): string {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('at '));
  return line ?? 'no error message';
}

// electron-vite takes this path as is and never reads path.txt.
if (process.env['ELECTRON_EXEC_PATH']) process.exit(0);

const projectRequire = createRequire(join(import.meta.dirname, '..', 'package.json'));
let electronDir: string;
try {
  electronDir = dirname(projectRequire.resolve('electron/package.json'));
} catch {
  fail('the electron package is not installed: run `npm install` first.');
}
const version = (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string })
  .version;

if (!installedBinary(electronDir)) {
  if (process.env['ELECTRON_SKIP_BINARY_DOWNLOAD']) {
    fail(
      `Electron ${version}'s binary is not installed and ELECTRON_SKIP_BINARY_DOWNLOAD is set: ` +
        'unset it and run the command again (or run `npx install-electron` once).',
    );
  }
  process.stderr.write(`spyglass: downloading Electron ${version} (once, into node_modules/electron)…\n`);
}

// Also run when the binary is there: install.js exits at once when the installed version matches,
// and replaces a binary left by an older electron package.
if (!process.env['ELECTRON_SKIP_BINARY_DOWNLOAD']) {
  const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  if (install.status !== 0 || !installedBinary(electronDir)) {
    const reason = install.error ? install.error.message : firstErrorLine(install.stderr ?? '');
    fail(
      `could not install Electron ${version}'s binary (${reason}). Check the network or proxy ` +
        '(ELECTRON_MIRROR and ELECTRON_GET_USE_PROXY are honoured), then run the command again.',
    );
  }
}
