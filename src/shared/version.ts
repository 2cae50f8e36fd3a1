// One place for the app's version, read by the collector (/api/health) and the shell.
import pkg from '../../package.json' with { type: 'json' };

export const APP_VERSION: string = pkg.version;
