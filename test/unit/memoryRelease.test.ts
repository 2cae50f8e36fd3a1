// When the collector gives memory back (src/server/idleMemory.ts's ReleasePolicy) and how it asks
// glibc to let it (scripts/mallocTuning.cjs). Both are pure decisions over samples and settings.
import { describe, expect, it } from 'vitest';
import { ReleasePolicy, releaseMemoryWhenIdle } from '../../src/server/idleMemory.ts';
import { MALLOC_TUNABLES, tunedEnvironment, withMallocTunables } from '../../scripts/mallocTuning.cjs';

const MB = 1024 * 1024;
const quiet = (rss: number) => ({ busy: 0, rss: rss * MB });
const busy = (rss: number) => ({ busy: 0.9, rss: rss * MB });

describe('ReleasePolicy', () => {
  it('releases on growth while quiet, never while busy', () => {
    const policy = new ReleasePolicy(100 * MB, 32 * MB);
    expect(policy.observe(busy(200))).toBe(false);
    expect(policy.observe(quiet(140))).toBe(true);
  });

  it('releases once a busy spell is over even when a mid-spell release raised the growth mark', () => {
    const policy = new ReleasePolicy(100 * MB, 32 * MB);
    expect(policy.observe(busy(250))).toBe(false);
    expect(policy.observe(quiet(250))).toBe(true); // a pause between two heavy requests
    policy.released(240 * MB);
    expect(policy.observe(busy(300))).toBe(false);
    // The spell ends ~30 MB above where it started: under the growth rule's mark (240 + 32).
    expect(policy.observe(quiet(130))).toBe(false); // one quiet look is not the end of the spell
    expect(policy.observe(quiet(130))).toBe(true);
    policy.released(125 * MB);
    // Nothing more to do until the next spell: quiet looks at the same size release nothing.
    for (let i = 0; i < 5; i++) expect(policy.observe(quiet(125))).toBe(false);
  });

  it('leaves a process that ends its spell near the lowest size seen alone', () => {
    const policy = new ReleasePolicy(100 * MB, 32 * MB);
    policy.observe(busy(110));
    expect(policy.observe(quiet(104))).toBe(false);
    expect(policy.observe(quiet(104))).toBe(false);
  });
});

describe('tunedEnvironment', () => {
  const linux = { platform: 'linux', env: { PATH: '/bin' }, execve: () => undefined };

  it('adds the malloc tunables on Linux, keeping the rest of the environment', () => {
    expect(tunedEnvironment(linux)).toEqual({ PATH: '/bin', GLIBC_TUNABLES: MALLOC_TUNABLES });
  });

  it('appends to tunables already set, and does nothing once they are there (the restarted process)', () => {
    const withOther = tunedEnvironment({ ...linux, env: { GLIBC_TUNABLES: 'glibc.pthread.rseq=0' } });
    expect(withOther?.GLIBC_TUNABLES).toBe(`glibc.pthread.rseq=0:${MALLOC_TUNABLES}`);
    expect(tunedEnvironment({ ...linux, env: withOther ?? {} })).toBeNull();
  });

  it('does nothing off Linux, without process.execve, or when turned off', () => {
    expect(tunedEnvironment({ ...linux, platform: 'darwin' })).toBeNull();
    expect(tunedEnvironment({ platform: 'linux', env: {} })).toBeNull();
    expect(tunedEnvironment({ ...linux, env: { SPYGLASS_MALLOC_TUNING: '0' } })).toBeNull();
  });

  it('gives a process about to start (the collector of the desktop app) the same environment', () => {
    expect(withMallocTunables({ HOME: '/h' }, 'linux')).toEqual({
      HOME: '/h',
      GLIBC_TUNABLES: MALLOC_TUNABLES,
    });
    const mac = { HOME: '/h' };
    expect(withMallocTunables(mac, 'darwin')).toBe(mac);
  });
});

describe('releaseMemoryWhenIdle after a bulk write', () => {
  const releasesWithin = async (bulkWriting: boolean): Promise<number> => {
    let released = 0;
    const releaser = releaseMemoryWhenIdle({
      releaseCaches: () => released++,
      bulkWriting: () => bulkWriting,
      checkMs: 60_000, // only releaseSoon's own timer in this test
    });
    releaser.releaseSoon();
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    releaser.stop();
    return released;
  };

  it('releases a second after the bulk write', async () => {
    expect(await releasesWithin(false)).toBe(1);
  });

  it('leaves it for the next quiet look when the next bulk write has begun', async () => {
    expect(await releasesWithin(true)).toBe(0);
  });
});
