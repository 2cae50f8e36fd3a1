// The SDK as a user gets it: `npm pack` in sdk/ (which builds first), the tarball installed into a
// fresh project from the file (offline: the SDK has no dependencies), then used once as CommonJS
// and once as ESM with TypeScript checking it under node16 and bundler resolution. Each run sends
// a trace to a real collector.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SDK_INSTALL_COMMANDS, SDK_TARBALL } from '../../src/shared/sdkInstall.ts';
import { getJson, startTestServer, type TestServer } from '../helpers/server.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const TSC = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');

let dir: TempDir;
let server: TestServer;
let tarball: string;
let packedFiles: string[];

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A new project with the packed SDK installed from the tarball, as a user's would be. */
function userProject(name: string, packageJson: object): string {
  const project = dir.file(name);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name, private: true, ...packageJson }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], project);
  return project;
}

async function traceNamed(name: string): Promise<boolean> {
  const { body } = await getJson<{ traces: { name: string }[] }>(`${server.url}/api/traces`);
  return body.traces.some((trace) => trace.name === name);
}

const AGENT_BODY = (name: string) => `
const spyglass = new Spyglass({ url: '${server.url}' });
await spyglass.traced('${name}', async () => {
  await spyglass.wrapToolCall('lookup', async () => 42);
});
await spyglass.shutdown();
`;

beforeAll(async () => {
  dir = makeTempDir('spyglass-sdk-pack-');
  server = await startTestServer();
  const [packed] = JSON.parse(
    run('npm', ['pack', '--json', '--pack-destination', dir.path], join(ROOT, 'sdk')),
  ) as { filename: string; files: { path: string }[] }[];
  tarball = join(dir.path, packed!.filename);
  packedFiles = packed!.files.map((file) => file.path);
}, 180_000);

afterAll(async () => {
  await server?.close();
  dir?.remove();
});

describe('the packed SDK', () => {
  it('carries ESM, CommonJS, declarations without .ts paths, source maps and a LICENSE', () => {
    for (const file of [
      'LICENSE',
      'README.md',
      'package.json',
      'dist/esm/index.js',
      'dist/esm/index.js.map',
      'dist/esm/index.d.ts',
      'dist/cjs/index.js',
      'dist/cjs/index.js.map',
      'dist/cjs/index.d.ts',
      'dist/cjs/package.json',
    ]) {
      expect(packedFiles, file).toContain(file);
    }
    expect(packedFiles.filter((file) => file.startsWith('src/'))).toEqual([]);
    // The install the app and the READMEs show names this very file.
    expect(tarball.endsWith(`/${SDK_TARBALL}`)).toBe(true);
    expect(SDK_INSTALL_COMMANDS).toContain('cd sdk && npm pack');
  });

  it('works from CommonJS with require()', async () => {
    const project = userProject('cjs-user', {});
    writeFileSync(
      join(project, 'agent.js'),
      `const { Spyglass } = require('@spyglass/sdk');\n(async () => {${AGENT_BODY('packed-cjs')}})();\n`,
    );
    run(process.execPath, ['agent.js'], project);
    await expect.poll(() => traceNamed('packed-cjs'), { timeout: 20_000 }).toBe(true);
  }, 120_000);

  it('works from ESM, and TypeScript checks it under node16 and bundler resolution', async () => {
    const project = userProject('esm-user', { type: 'module' });
    writeFileSync(
      join(project, 'agent.ts'),
      `import { Spyglass } from '@spyglass/sdk';\n${AGENT_BODY('packed-esm')}`,
    );
    // A CommonJS TypeScript file in the same project picks the require condition's declarations.
    writeFileSync(
      join(project, 'check.cts'),
      "import { Spyglass } from '@spyglass/sdk';\nexport const client: Spyglass = new Spyglass({ enabled: false });\n",
    );
    // skipLibCheck off: the SDK's own declarations are checked too. No Node types, as in a
    // project that has none.
    const compilerOptions = {
      noEmit: true,
      strict: true,
      target: 'es2022',
      lib: ['es2022', 'dom'],
      types: [],
    };
    const configs = {
      'tsconfig.node16.json': {
        module: 'node16',
        moduleResolution: 'node16',
        files: ['agent.ts', 'check.cts'],
      },
      'tsconfig.bundler.json': { module: 'esnext', moduleResolution: 'bundler', files: ['agent.ts'] },
    };
    for (const [file, { files, ...options }] of Object.entries(configs)) {
      writeFileSync(
        join(project, file),
        JSON.stringify({ compilerOptions: { ...compilerOptions, ...options }, files }),
      );
      run(process.execPath, [TSC, '-p', file], project);
    }

    run(process.execPath, ['agent.ts'], project);
    await expect.poll(() => traceNamed('packed-esm'), { timeout: 20_000 }).toBe(true);
  }, 120_000);
});
