// The boundary check of `npm test` (dependency-cruiser with .dependency-cruiser.cjs, run by
// scripts/checkBoundaries.ts) passes on the real tree and catches each kind of planted violation
// in a scratch copy: imports the old regex test let through (bare packages, side-effect imports,
// require(), main/preload reaching into renderer/server, model using state) and a missing layer.
import { cpSync, mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkBoundaries } from '../../scripts/checkBoundaries.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let scratch: TempDir;
const planted: string[] = [];

beforeAll(() => {
  scratch = makeTempDir('spyglass-boundaries-');
  for (const path of [
    'src',
    'scripts/mallocTuning.cjs',
    'scripts/mallocTuning.d.cts',
    'sdk/src',
    'sdk/package.json',
    '.dependency-cruiser.cjs',
    'package.json',
  ]) {
    cpSync(join(ROOT, path), join(scratch.path, path), { recursive: true });
  }
  // Packages resolve as in the real tree (the workspace link @spyglass/sdk → sdk/ included).
  mkdirSync(join(scratch.path, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name !== '@spyglass')
      symlinkSync(join(ROOT, 'node_modules', name), join(scratch.path, 'node_modules', name));
  }
  mkdirSync(join(scratch.path, 'node_modules', '@spyglass'));
  symlinkSync('../../sdk', join(scratch.path, 'node_modules', '@spyglass', 'sdk'));
});
afterAll(() => scratch.remove());
afterEach(() => {
  for (const file of planted.splice(0)) rmSync(join(scratch.path, file), { force: true });
});

function plant(file: string, text: string): void {
  mkdirSync(dirname(join(scratch.path, file)), { recursive: true });
  writeFileSync(join(scratch.path, file), text);
  planted.push(file);
}

function expectCaught(rule: string, file: string): void {
  const { ok, report } = checkBoundaries(scratch.path);
  expect(report).toContain(`${rule}: ${file}`);
  expect(ok).toBe(false);
}

const RENDERER = 'src/renderer/src';

describe('module boundaries', () => {
  it('the real tree passes', () => {
    const { ok, report } = checkBoundaries(ROOT);
    expect(report).toContain('no dependency violations found');
    expect(ok).toBe(true);
  });

  it('the scratch copy passes before anything is planted', () => {
    const { ok, report } = checkBoundaries(scratch.path);
    expect(report).toContain('no dependency violations found');
    expect(ok).toBe(true);
  });

  it('catches the SDK package imported by its bare name in the renderer', () => {
    const file = `${RENDERER}/lib/plantedSdk.ts`;
    plant(file, "import { PROTOCOL_VERSION } from '@spyglass/sdk';\nexport const v = PROTOCOL_VERSION;\n");
    expectCaught('renderer-not-to-node', file);
  });

  it('catches a bare Node built-in (fs, without node:) in the renderer', () => {
    const file = `${RENDERER}/lib/plantedFs.ts`;
    plant(file, "import { readFileSync } from 'fs';\nexport const read = readFileSync;\n");
    expectCaught('renderer-no-node-builtins', file);
  });

  it('catches a side-effect import of the server in the renderer', () => {
    const file = `${RENDERER}/state/plantedSideEffect.ts`;
    plant(file, "import '../../../server/index.ts';\nexport {};\n");
    expectCaught('renderer-not-to-node', file);
  });

  it('catches require() of the server in the renderer', () => {
    const file = `${RENDERER}/state/plantedRequire.ts`;
    plant(
      file,
      "declare const require: (id: string) => unknown;\nexport const server = require('../../../server/index.ts');\n",
    );
    expectCaught('renderer-not-to-node', file);
  });

  it('catches main importing the renderer', () => {
    const file = 'src/main/plantedUi.ts';
    plant(file, "export { App } from '../renderer/src/app/App.tsx';\n");
    expectCaught('main-not-to-renderer', file);
  });

  it('catches main importing the server outside the collector process', () => {
    const file = 'src/main/plantedServer.ts';
    plant(file, "export { startServer } from '../server/index.ts';\n");
    expectCaught('main-server-only-in-collector-process', file);
  });

  it('catches the preload importing the server or the renderer', () => {
    const file = 'src/preload/plantedServer.ts';
    plant(file, "export { startServer } from '../server/index.ts';\n");
    expectCaught('preload-is-small', file);
  });

  it('catches model/ importing state/', () => {
    const file = `${RENDERER}/model/plantedState.ts`;
    plant(file, "export { traceListStore } from '../state/traceListStore.ts';\n");
    expectCaught('renderer-model-lib-pure', file);
  });

  it('catches lib/ importing React', () => {
    const file = `${RENDERER}/lib/plantedReact.ts`;
    plant(file, "import { useState } from 'react';\nexport const hook = useState;\n");
    expectCaught('renderer-model-lib-pure', file);
  });

  it('catches a feature importing another feature, and a feature reaching up into app/', () => {
    const file = `${RENDERER}/features/outline/plantedCross.ts`;
    plant(
      file,
      "export { WaterfallView } from '../waterfall/WaterfallView.tsx';\nexport { App } from '../../app/App.tsx';\n",
    );
    expectCaught('renderer-features-independent', file);
    expectCaught('renderer-nothing-imports-app', file);
  });

  it('catches the server importing a value from the SDK, and lets a type through', () => {
    const typeOnly = 'src/server/plantedSdkType.ts';
    plant(
      typeOnly,
      "import type { IngestRequest } from '../../sdk/src/protocol.ts';\nexport type R = IngestRequest;\n",
    );
    expect(checkBoundaries(scratch.path).ok).toBe(true);
    const file = 'src/server/plantedSdkValue.ts';
    plant(
      file,
      "import { PROTOCOL_VERSION } from '../../sdk/src/protocol.ts';\nexport const v = PROTOCOL_VERSION;\n",
    );
    expectCaught('server-sdk-types-only', file);
  });

  it('catches the SDK importing outside sdk/', () => {
    const file = 'sdk/src/plantedOutside.ts';
    plant(file, "export type { Span } from '../../src/shared/types.ts';\n");
    expectCaught('sdk-self-contained', file);
  });

  it('fails when a layer folder is missing', () => {
    const lib = join(scratch.path, RENDERER, 'lib');
    const moved = join(scratch.path, RENDERER, 'utils');
    renameSync(lib, moved);
    try {
      const { ok, report } = checkBoundaries(scratch.path);
      expect(report).toContain(`missing layer folder: ${RENDERER}/lib`);
      expect(ok).toBe(false);
    } finally {
      renameSync(moved, lib);
    }
  });
});
