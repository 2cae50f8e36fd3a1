// The electron-builder configuration against what the built main process loads at run time, so a
// packaged app cannot miss a file: the config is read and validated by electron-builder's own
// loader, and the files are found by following the imports of the built bundle in out/main
// (npm test builds it first).
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, matchesGlob, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { outsideAsar } from '../../src/main/asarPaths.ts';
import { traceFilesInArgv } from '../../src/main/importFile.ts';
import { makeTempDir } from '../helpers/tmp.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT_MAIN = join(ROOT, 'out/main');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  productName: string;
  /** electron-builder's loader turns the list into [{ filter: [...] }]. */
  files: { filter: string[] }[];
  asar: boolean;
  asarUnpack: string[];
  fileAssociations: { ext: string; rank?: string }[];
  mac: { target: string };
  win: { target: string };
  linux: { target: string[] };
  directories: { buildResources: string };
}

let config: BuilderConfig;
beforeAll(async () => {
  expect(existsSync(join(OUT_MAIN, 'index.js')), 'run `npx electron-vite build` (npm test does) first').toBe(
    true,
  );
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
  const { DebugLogger } = require('builder-util');
  config = await getConfig(ROOT, null, null);
  await validateConfiguration(config, new DebugLogger(false));
});

const filePatterns = () => config.files.flatMap((entry) => entry.filter);
const unpacked = (path: string) => config.asarUnpack.some((glob) => matchesGlob(path, glob));
const packaged = (path: string) => {
  const excluded = filePatterns()
    .filter((p) => p.startsWith('!'))
    .map((p) => p.slice(1));
  return !excluded.some((glob) => matchesGlob(path, glob));
};

/** Static imports of a built ES module: relative files and bare package names. */
function importsOf(file: string): { files: string[]; packages: string[] } {
  const source = readFileSync(file, 'utf8');
  const specifiers = [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?["']([^"']+)["']/gm)].map(
    (m) => m[1]!,
  );
  return {
    files: specifiers.filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s)),
    packages: specifiers
      .filter((s) => !s.startsWith('.') && !s.startsWith('node:'))
      .map((s) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!)),
  };
}

/** Everything a worker entry needs on disk: its module graph and the packages it reaches. */
function closureOf(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visitFile = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const found = importsOf(file);
    found.files.forEach(visitFile);
    found.packages.forEach(visitPackage);
  };
  const visitPackage = (name: string) => {
    if (packages.has(name)) return;
    packages.add(name);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8'));
    Object.keys(pkg.dependencies ?? {}).forEach(visitPackage);
  };
  visitFile(entry);
  return { files, packages };
}

describe('electron-builder.yml', () => {
  it('names the app and builds AppImage + deb, dmg and nsis', () => {
    expect(config.productName).toBe('Spyglass');
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.dist).toContain('electron-builder');
  });

  it('has a 512 px icon (every platform icon is made from it) and a 256 px Linux one', () => {
    const size = (file: string) => {
      const png = readFileSync(join(ROOT, config.directories.buildResources, file));
      return [png.readUInt32BE(16), png.readUInt32BE(20)];
    };
    expect(size('icon.png')).toEqual([512, 512]);
    expect(size('icons/256x256.png')).toEqual([256, 256]);
  });

  it('names its two worker threads, and starts them from app.asar.unpacked when packaged', () => {
    const collector = readFileSync(join(OUT_MAIN, 'collector.js'), 'utf8');
    const entryNames = [...collector.matchAll(/new URL\(["']\.\/([^"']+)["'], import\.meta\.url\)/g)].map(
      (m) => m[1],
    );
    expect(entryNames.sort()).toEqual(['decoderThread.js', 'searchThread.js']);
    expect(collector).toContain('app.asar.unpacked');
  });

  it.each([
    ['decoderThread.js', 'protobufjs'],
    ['searchThread.js', 'better-sqlite3'],
  ])(
    'unpacks the worker %s, every chunk it imports and every package those reach',
    (entryName, dependency) => {
      const { files, packages } = closureOf(join(OUT_MAIN, entryName));
      expect(packages).toContain(dependency);
      for (const file of files) {
        const path = relative(ROOT, file).split('\\').join('/');
        expect(unpacked(path), `${path} must be in asarUnpack`).toBe(true);
        expect(packaged(path), `${path} must not be excluded from files`).toBe(true);
      }
      for (const name of packages) {
        expect(
          unpacked(`node_modules/${name}/package.json`),
          `node_modules/${name} must be in asarUnpack`,
        ).toBe(true);
      }
    },
  );

  it("unpacks better-sqlite3's native addon, wherever it loads it from", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies)).toContain('better-sqlite3');
    const server = readdirSync(join(OUT_MAIN, 'chunks')).map((f) =>
      readFileSync(join(OUT_MAIN, 'chunks', f), 'utf8'),
    );
    expect(server.some((source) => /from ["']better-sqlite3["']/.test(source))).toBe(true);

    const addonDir = join(ROOT, 'node_modules/better-sqlite3');
    const addons = [
      ...readdirSync(join(addonDir, 'prebuilds')).map((f) => `prebuilds/${f}`),
      ...(existsSync(join(addonDir, 'build/Release/better_sqlite3.node'))
        ? ['build/Release/better_sqlite3.node']
        : []),
    ].filter((f) => f.endsWith('.node'));
    expect(addons.length).toBeGreaterThan(0);
    for (const addon of addons) {
      const path = `node_modules/better-sqlite3/${addon}`;
      expect(unpacked(path), path).toBe(true);
      expect(packaged(path), path).toBe(true);
    }
    expect(packaged('node_modules/better-sqlite3/lib/binding.js')).toBe(true);
  });

  it('packs what the main process loads: the collector entry, the preload and the UI', () => {
    for (const path of [
      'out/main/index.js',
      'out/main/collector.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ]) {
      expect(existsSync(join(ROOT, path)), path).toBe(true);
      expect(
        filePatterns().some((glob) => !glob.startsWith('!') && matchesGlob(path, glob)),
        path,
      ).toBe(true);
      expect(packaged(path), path).toBe(true);
    }
  });

  it('associates files that the "open with" code in main accepts, never taking over .json', () => {
    expect(config.fileAssociations.map((a) => a.ext)).toEqual(['spyglass.json', 'json']);
    for (const { ext } of config.fileAssociations) {
      expect(traceFilesInArgv(['spyglass', `/home/me/run.${ext}`])).toEqual([`/home/me/run.${ext}`]);
    }
    expect(config.fileAssociations.find((a) => a.ext === 'json')?.rank).toBe('Alternate');
  });
});

describe('outsideAsar', () => {
  it('points a file inside app.asar at its unpacked twin and leaves other paths alone', () => {
    expect(
      outsideAsar(new URL('file:///opt/Spyglass/resources/app.asar/out/main/decoderThread.js')).href,
    ).toBe('file:///opt/Spyglass/resources/app.asar.unpacked/out/main/decoderThread.js');
    expect(
      outsideAsar(new URL('file:///C:/Program%20Files/Spyglass/resources/app.asar/out/main/x.js')).href,
    ).toBe('file:///C:/Program%20Files/Spyglass/resources/app.asar.unpacked/out/main/x.js');
    const dev = new URL('file:///home/me/spyglass/out/main/decoderThread.js');
    expect(outsideAsar(dev).href).toBe(dev.href);
  });
});

// The real packer, as far as it runs without Electron's release archive: electron-builder's
// unpacked Linux target with a stand-in Electron folder (electronDist), so no download. Shows that
// the files land where the checks above expect them: in app.asar, or beside it when unpacked.
describe.runIf(process.platform === 'linux')('electron-builder --linux dir', () => {
  it('packs the main entries into app.asar and unpacks the worker closure and the native addon', () => {
    const dir = makeTempDir('spyglass-dist-');
    try {
      const electronDist = dir.file('electron');
      mkdirSync(electronDist);
      writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\n');
      chmodSync(join(electronDist, 'electron'), 0o755);
      const output = dir.file('out');
      const builder = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
      execFileSync(
        process.execPath,
        [builder, '--linux', 'dir', `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`],
        { cwd: ROOT, stdio: 'pipe' },
      );
      const resources = join(output, 'linux-unpacked', 'resources');
      const { listPackage } = require('@electron/asar');
      const inAsar = new Set(
        (listPackage(join(resources, 'app.asar')) as string[]).map((f) => f.split('\\').join('/')),
      );
      for (const path of [
        '/package.json',
        '/out/main/index.js',
        '/out/main/collector.js',
        '/out/preload/index.cjs',
        '/out/renderer/index.html',
      ]) {
        expect(inAsar.has(path), path).toBe(true);
      }
      const unpackedDir = join(resources, 'app.asar.unpacked');
      for (const entry of ['decoderThread.js', 'searchThread.js']) {
        const { files, packages } = closureOf(join(OUT_MAIN, entry));
        for (const file of files) {
          const path = relative(ROOT, file);
          expect(existsSync(join(unpackedDir, path)), path).toBe(true);
        }
        for (const name of packages)
          expect(existsSync(join(unpackedDir, 'node_modules', name, 'package.json')), name).toBe(true);
      }
      // The addon better-sqlite3 picks on this machine (its prebuilt Node-API binary).
      expect(
        existsSync(join(unpackedDir, `node_modules/better-sqlite3/prebuilds/linux-${process.arch}.node`)),
      ).toBe(true);
      expect(existsSync(join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/src'))).toBe(false);
    } finally {
      dir.remove();
    }
  }, 300_000);
});
