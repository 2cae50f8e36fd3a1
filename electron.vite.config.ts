import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// Three builds, one per Electron process (electron-vite's convention).
// - main: the Electron shell, plus the collector's utility-process entry, its decoder and search
//   threads' entries and the headless CLI, all bundled to out/main with node_modules left external
//   (better-sqlite3 is a native addon).
// - preload: a sandboxed preload cannot be an ES module, so it is forced to a single CJS file.
// - renderer: the React UI, served by the collector in both desktop and headless modes.
const collectorPort = Number(process.env['SPYGLASS_PORT']) || 4318;

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          collector: resolve(import.meta.dirname, 'src/main/collectorProcess.ts'),
          decoderThread: resolve(import.meta.dirname, 'src/server/collector/decoding/worker.ts'),
          searchThread: resolve(import.meta.dirname, 'src/server/store/searchThread.ts'),
          cli: resolve(import.meta.dirname, 'src/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    plugins: [react()],
    // `npm run dev`: the UI comes from Vite; its API calls go to the collector.
    server: {
      proxy: {
        '/api': { target: `http://127.0.0.1:${collectorPort}`, ws: true },
        '/v1': { target: `http://127.0.0.1:${collectorPort}` },
      },
    },
    build: {
      // Headless mode serves the UI over HTTP: ship it minified (electron-vite leaves it unminified).
      minify: true,
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rolldownOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') },
    },
  },
});
