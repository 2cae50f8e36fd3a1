// The static checks `npm test` runs before the build, shared with the tests that prove each one
// fails on a planted violation (test/unit/lintGate.test.ts; the boundaries are scripts/checkBoundaries.ts).

/** Biome: format check + lint; warnings fail too, so a rule is either fixed or turned off with a reason. */
export const BIOME_CHECK_ARGS = ['check', '--error-on-warnings', '.'];
