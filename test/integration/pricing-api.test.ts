// Changing the price table from the app: PUT /api/pricing installs a price file's text (spans
// received afterwards are priced with it), keeps it beside the database for the next start, and
// refuses a file that is not a price table without touching the table in use; DELETE goes back to
// the bundled snapshot.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { PricingInfo } from '../../src/shared/types.ts';
import { PriceBook } from '../../src/server/pricing/index.ts';
import { savedPricesPath } from '../../src/server/pricing/savedTable.ts';
import {
  getJson,
  postIngest,
  ingestRequest,
  spanIdOf,
  startTestServer,
  traceIdOf,
  wire,
  type TestServer,
} from '../helpers/server.ts';
import { makeTempDir, type TempDir } from '../helpers/tmp.ts';

const HOUSE_PRICES = JSON.stringify({
  'house-model': { litellm_provider: 'openai', input_cost_per_token: 0.001, output_cost_per_token: 0.002 },
});

let server: TestServer | null = null;
let dir: TempDir | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  dir?.remove();
  dir = null;
});

async function putPrices(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${server!.url}/api/pricing`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
  return { status: response.status, body: (await response.json()) as PricingInfo & { error?: string } };
}

let nextTrace = 1;
/** Sends one model call of 1,000 prompt and 100 completion tokens, no cost; answers its stored cost. */
async function costOfCall(model: string): Promise<number | null> {
  const traceId = traceIdOf(nextTrace++);
  const span = spanIdOf(1);
  const t0 = Date.UTC(2026, 10, 1);
  const answer = await postIngest(
    server!.url,
    ingestRequest([
      wire.spanStart(traceId, span, null, t0, { type: 'llm', name: 'chat', model }),
      wire.spanEnd(traceId, span, t0 + 10, { promptTokens: 1000, completionTokens: 100 }),
    ]),
  );
  expect(answer.status).toBe(200);
  const { body } = await getJson(`${server!.url}/api/traces/${traceId}`);
  return body.spans[0].costUsd;
}

describe('/api/pricing', () => {
  it('installs a price file chosen in the app, prices new spans with it, and keeps it for the next start', async () => {
    dir = makeTempDir();
    const dbPath = dir.file('spyglass.db');
    server = await startTestServer({ dbPath });
    expect((await getJson<PricingInfo>(`${server.url}/api/pricing`)).body).toMatchObject({
      bundled: true,
      source: expect.stringMatching(/genai-prices/),
    });
    expect(await costOfCall('house-model')).toBeNull(); // not in the bundled table

    const put = await putPrices(HOUSE_PRICES, {
      'X-File-Name': encodeURIComponent('C:\\prices\\team prices.json'),
      'X-File-Date': '2026-11-01',
    });
    expect(put).toEqual({
      status: 200,
      body: {
        source: 'file team prices.json (LiteLLM format)',
        date: '2026-11-01',
        models: 1,
        bundled: false,
      },
    });
    expect(await costOfCall('house-model')).toBeCloseTo(1000 * 0.001 + 100 * 0.002, 9);
    expect((await getJson<PricingInfo>(`${server.url}/api/pricing`)).body).toEqual(put.body);
    expect(existsSync(savedPricesPath(dbPath))).toBe(true);

    // A new start: a new server, with a price table of its own, restores the saved one.
    await server.close();
    server = await startTestServer({ dbPath });
    expect((await getJson<PricingInfo>(`${server.url}/api/pricing`)).body).toEqual(put.body);
    expect(await costOfCall('house-model')).toBeCloseTo(1.2, 9);
  });

  it('refuses a file that is not a price table, saying why, and keeps the table in use', async () => {
    server = await startTestServer();
    await putPrices(HOUSE_PRICES, { 'X-File-Name': 'house.json' });
    const notJson = await putPrices('{"house-model": ', { 'X-File-Name': 'broken.json' });
    expect(notJson.status).toBe(422);
    expect(notJson.body.error).toMatch(/price file broken\.json is not valid JSON/);
    const noPrices = await putPrices(
      JSON.stringify({ 'image-model': { litellm_provider: 'openai', output_cost_per_image: 0.04 } }),
      { 'X-File-Name': 'images.json' },
    );
    expect(noPrices.status).toBe(422);
    expect(noPrices.body.error).toMatch(/images\.json holds no model with token prices/);
    expect((await getJson<PricingInfo>(`${server.url}/api/pricing`)).body).toMatchObject({
      source: 'file house.json (LiteLLM format)',
      bundled: false,
    });
  });

  it('goes back to the bundled table on DELETE, also for the next start', async () => {
    dir = makeTempDir();
    const dbPath = dir.file('spyglass.db');
    server = await startTestServer({ dbPath });
    await putPrices(HOUSE_PRICES);
    const response = await fetch(`${server.url}/api/pricing`, { method: 'DELETE' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      bundled: true,
      source: expect.stringMatching(/genai-prices/),
    });
    expect(existsSync(savedPricesPath(dbPath))).toBe(false);
    expect(await costOfCall('house-model')).toBeNull();
    expect(await costOfCall('gpt-4o')).toBeGreaterThan(0);
  });

  it('does not let a saved table override one asked for at start', async () => {
    dir = makeTempDir();
    const dbPath = dir.file('spyglass.db');
    server = await startTestServer({ dbPath });
    await putPrices(HOUSE_PRICES, { 'X-File-Name': 'house.json' });
    await server.close();
    // As `spyglass serve --prices FILE` does: the server starts with a table asked for.
    const prices = new PriceBook();
    prices.loadText(
      JSON.stringify({ 'cli-model': { litellm_provider: 'openai', input_cost_per_token: 1e-6 } }),
      { name: 'cli.json', date: '2026-11-02' },
    );
    server = await startTestServer({ dbPath, prices });
    expect((await getJson<PricingInfo>(`${server.url}/api/pricing`)).body).toMatchObject({
      source: 'file cli.json (LiteLLM format)',
    });
  });

  it('keeps each server’s table its own: two servers in one process', async () => {
    server = await startTestServer();
    const other = await startTestServer();
    try {
      expect((await putPrices(HOUSE_PRICES, { 'X-File-Name': 'house.json' })).status).toBe(200);
      expect(await costOfCall('house-model')).toBeCloseTo(1.2, 9);
      expect((await getJson<PricingInfo>(`${other.url}/api/pricing`)).body).toMatchObject({ bundled: true });
      expect(other.prices.pricedModelId('house-model')).toBeNull();
    } finally {
      await other.close();
    }
  });
});
