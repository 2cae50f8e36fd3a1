// The CLI's dispatcher and flag parsing, driven in-process through main() with captured output:
// no child process is needed to check usage errors, help and version.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFlags, UsageError } from '../../src/cli/args.ts';
import { main } from '../../src/cli/index.ts';
import type { CommandIo } from '../../src/cli/commands/types.ts';
import { makeTempDir } from '../helpers/tmp.ts';

const dir = makeTempDir('spyglass-cli-main-');
afterAll(() => dir.remove());

async function run(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    env: {},
    untilStopped: () => Promise.resolve(),
  };
  const status = await main(argv, io);
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('parseFlags (node:util parseArgs)', () => {
  const spec = {
    port: { value: true, description: 'port' },
    open: { value: false, description: 'open' },
  };

  it('reads --name value, --name=value, booleans, positionals and --', () => {
    expect(parseFlags(['--port', '80', 'file.json', '--open'], spec)).toEqual({
      flags: { port: '80', open: true },
      positionals: ['file.json'],
    });
    expect(parseFlags(['--port=81', '--', '--open'], spec)).toEqual({
      flags: { port: '81' },
      positionals: ['--open'],
    });
  });

  it.each([
    [['--colour', 'red'], 'Unknown option --colour'],
    [['-p', '1'], 'Unknown option -p'],
    [['--port'], 'Option --port needs a value'],
    [['--port', '--open'], 'Option --port needs a value'],
    [['--open=yes'], 'Option --open takes no value'],
  ])('%j → %s', (argv, message) => {
    expect(() => parseFlags(argv, spec)).toThrow(new UsageError(message));
  });
});

describe('main()', () => {
  it('rejects unknown flags and bad values with usage', async () => {
    const unknown = await run(['serve', '--colour', 'red']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('Unknown option --colour');
    expect(unknown.stderr).toContain('Usage: spyglass serve');
    const badPort = await run(['serve', '--port', 'eighty']);
    expect(badPort.status).toBe(2);
    expect(badPort.stderr).toContain('--port must be a port number');
    expect((await run(['serve', '--port'])).stderr).toContain('--port needs a value');
    const badIdle = await run(['serve', '--idle-seconds', '0']);
    expect(badIdle.status).toBe(2);
    expect(badIdle.stderr).toContain('--idle-seconds must be a number of seconds above 0');
  });

  it('import and export refuse a missing file and a malformed trace id clearly', async () => {
    const missing = await run([
      'import',
      join(dir.path, 'no-such-trace.json'),
      '--db',
      join(dir.path, 'x.db'),
    ]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const badId = await run(['export', 'abc']);
    expect(badId.status).toBe(2);
    expect(badId.stderr).toContain('"abc" is not a trace id');
  });

  it('answers an unknown command with the usage', async () => {
    const result = await run(['launch']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "launch"');
    expect(result.stderr).toContain('spyglass serve');
  });

  it('prints help and version', async () => {
    expect((await run(['--help'])).stdout).toContain('Usage:');
    expect((await run(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect((await run(['serve', '--help'])).stdout).toContain('--db');
    expect((await run([])).status).toBe(2);
  });
});
