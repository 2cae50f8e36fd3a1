// In a packaged app the built files live inside resources/app.asar, an archive Electron's fs reads
// but a worker thread's module loader does not. The files electron-builder.yml lists under
// asarUnpack are real files in resources/app.asar.unpacked, at the same relative paths.

/** The unpacked twin of a file inside app.asar; any other URL as it is (dev, preview, tests). */
export function outsideAsar(url: URL): URL {
  return new URL(url.href.replace(/\/app\.asar\//, '/app.asar.unpacked/'));
}
