// `npm start` on a fresh machine, as far as it runs without Electron's real binary: the preparation
// step installs Electron through Electron's own installer (from a loopback mirror serving a
// stand-in archive), electron-vite then finds the binary through node_modules/electron/path.txt
// and starts it on the built app. The stand-in `electron` only records how it was started.
//
// The run happens in a copy of the project (package.json, scripts, electron-vite config) whose
// node_modules links to ours, except for `electron` and `electron-vite`, which are copied: the
// installer writes into its own package folder, and electron-vite looks electron up from its own.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';
import { makeZip } from '../helpers/zip.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ELECTRON_VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
).version;
const ARCHIVE = `electron-v${ELECTRON_VERSION}-${process.platform}-${process.arch}.zip`;

const FAKE_ELECTRON = `#!/usr/bin/env node
require('node:fs').writeFileSync(process.env.FAKE_ELECTRON_RECORD, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd() }));
`;

interface Mirror {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

/** A stand-in for Electron's release downloads: the archive and its SHASUMS256.txt. */
async function startMirror(archive: Buffer, { missing = false } = {}): Promise<Mirror> {
  const requests: string[] = [];
  const sha256 = createHash('sha256').update(archive).digest('hex');
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '');
    if (!missing && request.url?.endsWith(`/${ARCHIVE}`)) {
      response.writeHead(200, { 'content-type': 'application/zip', 'content-length': archive.length });
      response.end(archive);
    } else if (!missing && request.url?.endsWith('/SHASUMS256.txt')) {
      response.end(`${sha256} *${ARCHIVE}\n`);
    } else {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** A copy of the project that shares our node_modules, except electron and electron-vite. */
function makeProjectCopy(dir: TempDir, name: string): string {
  const project = dir.file(name);
  mkdirSync(join(project, 'node_modules', '.bin'), { recursive: true });
  for (const file of [
    'package.json',
    'electron.vite.config.ts',
    'scripts/requireNode.cjs',
    'scripts/ensureElectron.ts',
  ]) {
    cpSync(join(ROOT, file), join(project, file));
  }
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry === '.bin') continue;
    const from = join(ROOT, 'node_modules', entry);
    const to = join(project, 'node_modules', entry);
    if (entry === 'electron' || entry === 'electron-vite') cpSync(from, to, { recursive: true });
    else symlinkSync(from, to);
  }
  symlinkSync('../electron-vite/bin/electron-vite.js', join(project, 'node_modules/.bin/electron-vite'));
  symlinkSync(join(ROOT, 'src'), join(project, 'src'));
  return project;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function npmStart(project: string, env: Record<string, string>): Promise<Run> {
  const baseEnv = { ...process.env };
  for (const key of ['ELECTRON_SKIP_BINARY_DOWNLOAD', 'ELECTRON_EXEC_PATH', 'ELECTRON_MIRROR'])
    delete baseEnv[key];
  const child = spawn('npm', ['start'], {
    cwd: project,
    env: { ...baseEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

const archive = makeZip([
  { name: 'electron', content: FAKE_ELECTRON, mode: 0o755 },
  { name: 'version', content: ELECTRON_VERSION },
]);

describe.runIf(process.platform === 'linux')("npm start on a machine without Electron's binary", () => {
  let dir: TempDir;
  beforeAll(() => {
    dir = makeTempDir('spyglass-start-');
  });
  afterAll(() => dir.remove());

  it('installs Electron through its own installer, and electron-vite launches the built app with it', async () => {
    const project = makeProjectCopy(dir, 'installs');
    const mirror = await startMirror(archive);
    const record = dir.file('launched.json');
    try {
      const run = await npmStart(project, {
        ELECTRON_MIRROR: mirror.url,
        electron_use_remote_checksums: '1',
        electron_config_cache: dir.file('electron-cache'),
        FAKE_ELECTRON_RECORD: record,
      });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(mirror.requests.some((url) => url.endsWith(`/v${ELECTRON_VERSION}/${ARCHIVE}`))).toBe(true);

      const electronDir = join(project, 'node_modules/electron');
      expect(readFileSync(join(electronDir, 'path.txt'), 'utf8')).toBe('electron');
      expect(existsSync(join(electronDir, 'dist/electron'))).toBe(true);

      // electron-vite started the stand-in with the project folder, whose package.json `main`
      // is the main entry it has just built.
      const launched = JSON.parse(readFileSync(record, 'utf8')) as { argv: string[]; cwd: string };
      expect(launched.argv).toEqual(['.']);
      expect(launched.cwd).toBe(project);
      const main = (JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { main: string }).main;
      expect(main).toBe('./out/main/index.js');
      expect(readFileSync(join(project, main), 'utf8')).toContain('requestSingleInstanceLock');
    } finally {
      await mirror.close();
    }
  });

  it('says in one line, without a stack, that ELECTRON_SKIP_BINARY_DOWNLOAD stops it', async () => {
    const copy = makeProjectCopy(dir, 'skip');
    const run = await npmStart(copy, { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(run.code).not.toBe(0);
    const ours = run.stderr.split('\n').filter((line) => line.startsWith('spyglass:'));
    expect(ours).toHaveLength(1);
    expect(ours[0]).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD is set');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).not.toContain('Electron uninstall');
  });

  it('says in one line, without a stack, when the download fails', async () => {
    const copy = makeProjectCopy(dir, 'fails');
    const mirror = await startMirror(archive, { missing: true });
    try {
      const run = await npmStart(copy, {
        ELECTRON_MIRROR: mirror.url,
        electron_use_remote_checksums: '1',
        electron_config_cache: dir.file('empty-cache'),
      });
      expect(run.code).not.toBe(0);
      const failure = run.stderr.split('\n').filter((line) => line.startsWith('spyglass: could not'));
      expect(failure).toHaveLength(1);
      expect(failure[0]).toContain('404');
      expect(run.stderr).not.toMatch(/^\s+at /m);
    } finally {
      await mirror.close();
    }
  });
});
