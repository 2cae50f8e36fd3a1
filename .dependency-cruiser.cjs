// Module boundaries (docs/architecture.md), checked by dependency-cruiser on the real module graph:
// every import, export-from, side-effect import, dynamic import() and require() is resolved as
// Node and Vite resolve it. Run by `npm test` through scripts/checkBoundaries.ts.
/** @type {import('dependency-cruiser').IConfiguration} */

const R = '^src/renderer/src/';
const REACT = '^node_modules/(react|react-dom|scheduler)/';
const NODE_ONLY_PACKAGES = '^node_modules/(electron|better-sqlite3|ws|@grpc|protobufjs)/';

module.exports = {
  forbidden: [
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      from: { path: '^(src|sdk/src)/' },
      to: { couldNotResolve: true },
    },
    // Processes and packages
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment: 'src/shared crosses every boundary: it imports only itself and the SDK wire types.',
      from: { path: '^src/shared/' },
      to: { pathNot: ['^src/shared/', '^sdk/src/protocol\\.ts$', '^package\\.json$'] },
    },
    {
      name: 'shared-sdk-types-only',
      severity: 'error',
      comment: 'src/shared takes only types from the SDK.',
      from: { path: '^src/shared/' },
      to: { path: '^sdk/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'server-not-to-hosts',
      severity: 'error',
      comment: 'The server is plain Node: no electron, no host (main, cli), no UI.',
      from: { path: '^src/server/' },
      to: { path: ['^src/(main|preload|renderer|cli)/', '^node_modules/electron/'] },
    },
    {
      name: 'server-sdk-types-only',
      severity: 'error',
      comment: 'The SDK owns its wire protocol; the server takes its types, never its code.',
      from: { path: '^src/server/' },
      to: { path: ['^sdk/', '^(node_modules/)?@spyglass/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'cli-not-to-desktop',
      severity: 'error',
      comment: 'The CLI is headless: no electron, main, preload or renderer.',
      from: { path: '^src/cli/' },
      to: { path: ['^src/(main|preload|renderer)/', '^node_modules/electron/'] },
    },
    {
      name: 'main-not-to-renderer',
      severity: 'error',
      comment:
        'The Electron shell loads the UI over HTTP; it never imports it, nor the CLI, except the one ' +
        'name of the data folder (cli/dataDir.ts, plain Node) so the app and `spyglass serve` share a database.',
      from: { path: '^src/main/' },
      to: { path: ['^src/(renderer|cli)/'], pathNot: '^src/cli/dataDir\\.ts$' },
    },
    {
      name: 'main-server-only-in-collector-process',
      severity: 'error',
      comment: 'Only the utility-process entry starts the server; the window process talks to it over HTTP.',
      from: { path: '^src/main/', pathNot: '^src/main/collectorProcess\\.ts$' },
      to: { path: '^src/server/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'preload-is-small',
      severity: 'error',
      comment: 'The preload is one small object on contextBridge: electron, itself and shared types.',
      from: { path: '^src/preload/' },
      to: { pathNot: ['^src/preload/', '^src/shared/', '^node_modules/electron/'] },
    },
    {
      name: 'renderer-not-to-node',
      severity: 'error',
      comment: 'The renderer is a web page: no Node built-ins, no main, server, cli or SDK code.',
      from: { path: '^src/renderer/' },
      to: {
        // '^@spyglass/' also matches the bare name when the SDK's dist/ is not built yet.
        path: ['^src/(main|server|cli)/', '^sdk/', '^(node_modules/)?@spyglass/', NODE_ONLY_PACKAGES],
      },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      comment: 'The renderer is a web page: Node built-ins (fs, path, node:*) do not exist there.',
      from: { path: '^src/renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-preload-types-only',
      severity: 'error',
      comment: 'The renderer knows the preload only by the type of window.spyglass (src/preload/api.ts).',
      from: { path: '^src/renderer/' },
      to: { path: '^src/preload/', pathNot: '^src/preload/api\\.ts$' },
    },
    {
      name: 'sdk-self-contained',
      severity: 'error',
      comment: '@spyglass/sdk has no runtime dependencies and imports nothing outside sdk/.',
      from: { path: '^sdk/src/' },
      to: { pathNot: '^sdk/src/', dependencyTypesNot: ['core'] },
    },
    // The renderer's inner layers: app → features → components, state, model, lib
    {
      name: 'renderer-nothing-imports-app',
      severity: 'error',
      comment: 'app/ composes the features; nothing below it reaches back up.',
      from: { path: `${R}(features|components|state|model|lib|api)/` },
      to: { path: `${R}app/` },
    },
    {
      name: 'renderer-features-independent',
      severity: 'error',
      comment: 'A feature never imports another feature: what two features share moves down.',
      from: { path: `${R}features/([^/]+)/` },
      to: { path: `${R}features/`, pathNot: `${R}features/$1/` },
    },
    {
      name: 'renderer-lower-layers-not-to-features',
      severity: 'error',
      comment: 'components, state, model, lib and api sit below the features.',
      from: { path: `${R}(components|state|model|lib|api)/` },
      to: { path: `${R}features/` },
    },
    {
      name: 'renderer-model-lib-pure',
      severity: 'error',
      comment: 'model/ and lib/ are pure: no React, no components, no state, no API.',
      from: { path: `${R}(model|lib)/` },
      to: { path: [REACT, `${R}(components|state|api)/`, '\\.tsx$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Build output of this repo only: a package's own dist/ folder (the MCP SDK's exports point into
    // it) must still resolve.
    exclude: { path: ['^(sdk/)?dist/', '^out/'] },
    moduleSystems: ['es6', 'cjs'],
    // TypeScript 7's native compiler has no JS API; swc parses TypeScript and keeps type-only imports.
    parser: 'swc',
    tsPreCompilationDeps: true,
    preserveSymlinks: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      // Packages' "exports" maps, as Node reads them (the MCP SDK is reached only through its map).
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
