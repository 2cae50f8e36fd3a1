// `spyglass serve --prices FILE` as a user runs it (bin/spyglass.js in a child process): the file
// replaces the bundled price table, GET /api/pricing names it, costs are estimated from it, and a
// file that cannot be used stops the start with a message naming the file and the problem. A table
// loaded in the app earlier (kept beside the database) is used again at start, unless --prices names one.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { savePriceText } from '../../src/server/pricing/savedTable.ts';
import { getJson, ingestRequest, postIngest, spanIdOf, traceIdOf, wire } from '../helpers/server.ts';
import { makeTempDir } from '../helpers/tmp.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'spyglass.js');
const dir = makeTempDir('spyglass-cli-prices-');
afterAll(() => dir.remove());

// SPYGLASS_PRICES from the developer's shell must not decide what these tests see.
const ENV = { ...process.env, SPYGLASS_PRICES: '', SPYGLASS_PORT: '' };

function serve(args: string[]): Promise<{ child: ChildProcess; url: string; out: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: ENV,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const match = /^Spyglass is listening on (http:\/\/127\.0\.0\.1:\d+)\/$/m.exec(out);
      if (match && /^Prices: /m.test(out)) resolve({ child, url: match[1]!, out: () => out });
    });
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  await exited;
}

/** `serve` that is expected to fail before listening. */
function serveFails(args: string[]) {
  return spawnSync(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    encoding: 'utf8',
    env: ENV,
    timeout: 20_000,
  });
}

describe('spyglass serve --prices FILE', () => {
  it('prices with the file, and GET /api/pricing reports it as the source', async () => {
    const file = dir.file('house-prices.json');
    writeFileSync(
      file,
      JSON.stringify({
        'house-model': { litellm_provider: 'acme', input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 },
      }),
    );
    const { child, url, out } = await serve(['--db', dir.file('prices.db'), '--prices', file]);
    try {
      expect(out()).toContain('Prices: file house-prices.json (LiteLLM format), 1 model');
      const pricing = await getJson(`${url}/api/pricing`);
      expect(pricing.body).toMatchObject({ source: 'file house-prices.json (LiteLLM format)', models: 1 });

      const t = traceIdOf(1);
      const s = spanIdOf(1);
      const answer = await postIngest(
        url,
        ingestRequest([
          wire.spanStart(t, s, null, 1_767_225_600_000, { type: 'llm', model: 'house-model' }),
          wire.spanEnd(t, s, 1_767_225_601_000, { promptTokens: 1000, completionTokens: 500 }),
        ]),
      );
      expect(answer.status).toBe(200);
      const trace = await getJson(`${url}/api/traces/${t}`);
      // 1,000 × $1e-6 + 500 × $2e-6: rates only the user's file knows.
      expect(trace.body.spans[0].costUsd).toBeCloseTo(0.002, 12);
      expect(trace.body.trace.costUsd).toBeCloseTo(0.002, 12);
    } finally {
      await stop(child);
    }
  }, 30_000);

  it('refuses to start when the file is missing, naming it and the problem', () => {
    const missing = dir.file('no-such-prices.json');
    const result = serveFails(['--db', dir.file('missing.db'), '--prices', missing]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`--prices: cannot read price file ${missing}`);
    expect(result.stderr).toContain('ENOENT');
    expect(result.stderr).not.toContain('    at '); // no stack trace
    expect(result.stdout).not.toContain('listening');
  });

  it('refuses a file that is not JSON, or holds no model prices, saying which', () => {
    const broken = dir.file('broken.json');
    writeFileSync(broken, '{ "house-model": ');
    const notJson = serveFails(['--db', dir.file('broken.db'), '--prices', broken]);
    expect(notJson.status).toBe(1);
    expect(notJson.stderr).toContain(`price file ${broken} is not valid JSON`);

    const empty = dir.file('empty.json');
    writeFileSync(empty, '{}');
    const noModels = serveFails(['--db', dir.file('empty.db'), '--prices', empty]);
    expect(noModels.status).toBe(1);
    expect(noModels.stderr).toContain(`price file ${empty} holds no model with token prices`);
  });

  it('starts with the table loaded in the app earlier, and --prices wins over it', async () => {
    const db = dir.file('saved.db');
    const text = JSON.stringify({ 'app-model': { litellm_provider: 'acme', input_cost_per_token: 1e-6 } });
    savePriceText(db, { name: 'chosen-in-app.json', date: '2026-11-20', text });
    const restored = await serve(['--db', db]);
    try {
      expect(restored.out()).toContain('Prices: file chosen-in-app.json (LiteLLM format), 1 model');
      expect((await getJson(`${restored.url}/api/pricing`)).body).toEqual({
        source: 'file chosen-in-app.json (LiteLLM format)',
        date: '2026-11-20',
        models: 1,
        bundled: false,
      });
    } finally {
      await stop(restored.child);
    }
    const file = dir.file('cli-prices.json');
    writeFileSync(
      file,
      JSON.stringify({ 'cli-model': { litellm_provider: 'acme', input_cost_per_token: 1e-6 } }),
    );
    const overridden = await serve(['--db', db, '--prices', file]);
    try {
      expect(overridden.out()).toContain('Prices: file cli-prices.json (LiteLLM format), 1 model');
    } finally {
      await stop(overridden.child);
    }
  });

  it('asks for a value', () => {
    const result = serveFails(['--prices']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--prices needs a value');
  });
});
