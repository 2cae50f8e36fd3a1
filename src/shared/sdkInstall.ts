// How a user installs the SDK from a Spyglass checkout, until @spyglass/sdk is on a registry
// (`npm install @spyglass/sdk` alone answers 404). Shown by the app's empty state and the READMEs;
// test/integration/sdkPackage.test.ts packs and installs it exactly this way.
import { APP_VERSION } from './version.ts';

/** The file `npm pack` writes in sdk/. The SDK is versioned with the app (the test checks it). */
export const SDK_TARBALL = `spyglass-sdk-${APP_VERSION}.tgz`;

export const SDK_INSTALL_COMMANDS = [
  '# once, in your Spyglass checkout: build and pack the SDK',
  'cd sdk && npm pack',
  "# then in your agent's project",
  `npm install path/to/spyglass/sdk/${SDK_TARBALL}`,
].join('\n');
