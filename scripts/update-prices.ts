// Regenerates the bundled model price table (src/server/pricing/data/) from the npm package
// @pydantic/genai-prices, which the Pydantic team keeps current (weekly releases, MIT).
//
//   node scripts/update-prices.ts            # latest published version
//   node scripts/update-prices.ts 0.1.8      # a given version
//
// The package ships its data inside its JS bundle, not as a JSON file; its exported
// `waitForUpdate()` resolves to the provider list it prices with, which is what we vendor. The
// package is fetched with `npm pack` into a temporary folder, so it never becomes a dependency.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const PACKAGE = '@pydantic/genai-prices';
const version = process.argv[2] ?? 'latest';
const dataDir = resolve(import.meta.dirname, '../src/server/pricing/data');

const npm = (args: string[], cwd: string): string => execFileSync('npm', args, { cwd, encoding: 'utf8' });

const work = mkdtempSync(join(tmpdir(), 'spyglass-prices-'));
try {
  npm(['pack', `${PACKAGE}@${version}`, '--silent'], work);
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack produced no tarball for ${PACKAGE}@${version}`);
  execFileSync('tar', ['xzf', tarball], { cwd: work });
  const pkgDir = join(work, 'package');

  const manifest = JSON.parse(
    npm(['view', `${PACKAGE}@${version}`, '--json', 'version', 'license', 'time'], work),
  );
  const exact: string = manifest.version;
  const publishedAt: string = manifest.time?.[exact] ?? new Date().toISOString();

  const lib = await import(pathToFileURL(join(pkgDir, 'dist/index.js')).href);
  const providers: Array<Record<string, unknown>> | null = await lib.waitForUpdate();
  if (!Array.isArray(providers) || providers.length === 0) {
    throw new Error(
      `${PACKAGE}@${exact}: waitForUpdate() returned no provider data; its API may have changed`,
    );
  }

  // Keep the upstream shape (so a user can also point SPYGLASS_PRICES at upstream's data.json),
  // minus what pricing never reads: response extractors and marketing descriptions.
  const slim = providers.map(({ extractors: _e, description: _d, ...provider }) => ({
    ...provider,
    models: (provider.models as Array<Record<string, unknown>>).map(
      ({ description: _md, ...model }) => model,
    ),
  }));
  const models = slim.reduce((n, p) => n + p.models.length, 0);

  writeFileSync(join(dataDir, 'genai-prices.json'), `${JSON.stringify(slim)}\n`);
  writeFileSync(
    join(dataDir, 'genai-prices.source.json'),
    `${JSON.stringify(
      {
        source: `npm ${PACKAGE}@${exact}`,
        homepage: 'https://github.com/pydantic/genai-prices',
        license: manifest.license,
        licenseFile: 'LICENSE.genai-prices.txt',
        date: publishedAt.slice(0, 10),
        retrievedAt: new Date().toISOString().slice(0, 10),
        providers: slim.length,
        models,
      },
      null,
      2,
    )}\n`,
  );
  copyFileSync(join(pkgDir, 'LICENSE'), join(dataDir, 'LICENSE.genai-prices.txt'));
  console.log(
    `wrote ${models} models from ${slim.length} providers (${PACKAGE}@${exact}, published ${publishedAt})`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
