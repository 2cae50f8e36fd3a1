import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  estimateCostUsd,
  loadPriceTable,
  pricedModelId,
  priceTableInfo,
  applyBundledPriceTable,
} from '../../src/server/pricing/index.ts';

afterEach(() => {
  applyBundledPriceTable();
});

describe('bundled price table', () => {
  it('names its source and date and holds many models', () => {
    const info = priceTableInfo();
    expect(info.source).toMatch(/^npm @pydantic\/genai-prices@\d+\.\d+\.\d+$/);
    expect(info.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(info.models).toBeGreaterThan(500);
  });

  it('prices gpt-4o at $2.50 / $10 per million tokens', () => {
    // 82 prompt + 17 completion tokens: the example from the OTLP fixtures' README.
    expect(estimateCostUsd({ model: 'gpt-4o', promptTokens: 82, completionTokens: 17 })).toBeCloseTo(
      0.000375,
      12,
    );
  });

  it.each([
    ['gpt-4o-2024-08-06', 'openai', 'gpt-4o'],
    ['openai/gpt-4o', null, 'gpt-4o'],
    ['GPT-4o', null, 'gpt-4o'],
    ['gpt-4o-mini-2024-07-18', 'openai', 'gpt-4o-mini'],
    ['gpt-4o', 'openai.responses', 'gpt-4o'],
    ['gpt-4o', 'OpenAI', 'gpt-4o'],
    ['models/gemini-2.0-flash', null, 'gemini-2.0-flash'],
  ])('normalises %s (provider %s) to %s', (model, provider, id) => {
    expect(pricedModelId(model, provider)?.id).toBe(id);
  });

  it('maps GenAI provider names onto the table', () => {
    expect(pricedModelId('claude-3-5-haiku-20241022', 'anthropic')?.provider).toBe('anthropic');
    expect(pricedModelId('us.anthropic.claude-3-5-haiku-20241022-v1:0', 'aws.bedrock')?.provider).toBe('aws');
    expect(pricedModelId('grok-3', 'x_ai')?.provider).toBe('x-ai');
  });

  it('prices the gpt-4o-mini example of the Vercel fixture', () => {
    const cost = estimateCostUsd({
      model: 'gpt-4o-mini-2024-07-18',
      provider: 'openai',
      promptTokens: 58,
      completionTokens: 12,
    });
    expect(cost).toBeCloseTo(0.0000159, 12);
  });

  it('answers null, never 0, for an unknown model or a missing name', () => {
    expect(
      estimateCostUsd({ model: 'totally-made-up-model-9000', promptTokens: 10, completionTokens: 10 }),
    ).toBeNull();
    expect(estimateCostUsd({ model: '  ', promptTokens: 10, completionTokens: 10 })).toBeNull();
  });

  it('bills cached prompt tokens at the cache-read rate', () => {
    const plain = estimateCostUsd({ model: 'gpt-4o', promptTokens: 1000, completionTokens: 0 })!;
    const cached = estimateCostUsd({
      model: 'gpt-4o',
      promptTokens: 1000,
      completionTokens: 0,
      cacheReadTokens: 1000,
    })!;
    expect(cached).toBeLessThan(plain);
    expect(cached).toBeGreaterThan(0);
  });
});

describe('user price files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spyglass-pricing-'));

  it('loads a LiteLLM-style map and uses its rates, tiers and prefixes', () => {
    const file = join(dir, 'litellm.json');
    writeFileSync(
      file,
      JSON.stringify({
        sample_spec: { input_cost_per_token: 1 },
        'house-model': {
          litellm_provider: 'openai',
          input_cost_per_token: 1e-6,
          output_cost_per_token: 2e-6,
        },
        'acme/long-model': {
          litellm_provider: 'acme',
          input_cost_per_token: 1e-6,
          output_cost_per_token: 1e-6,
          input_cost_per_token_above_200k_tokens: 2e-6,
        },
      }),
    );
    const info = loadPriceTable(file);
    expect(info).toMatchObject({ source: 'file litellm.json (LiteLLM format)', models: 2 });
    expect(priceTableInfo().source).toContain('LiteLLM');
    expect(
      estimateCostUsd({
        model: 'house-model-2025-01-01',
        provider: 'openai',
        promptTokens: 1000,
        completionTokens: 500,
      }),
    ).toBeCloseTo(0.002, 12);
    expect(
      estimateCostUsd({ model: 'long-model', provider: 'acme', promptTokens: 300_000, completionTokens: 0 }),
    ).toBeCloseTo(0.6, 9);
    // The bundled table is gone: gpt-4o is unknown in this file.
    expect(estimateCostUsd({ model: 'gpt-4o', promptTokens: 1, completionTokens: 1 })).toBeNull();
  });

  it('loads genai-prices data with dated price changes', () => {
    const file = join(dir, 'genai.json');
    writeFileSync(
      file,
      JSON.stringify({
        providers: [
          {
            id: 'acme',
            model_match: { starts_with: 'acme-' },
            models: [
              {
                id: 'acme-1',
                match: { starts_with: 'acme-1' },
                prices: [
                  { prices: { input_mtok: 1, output_mtok: 1 } },
                  {
                    constraint: { type: 'start_date', start_date: '2000-01-01' },
                    prices: { input_mtok: 3, output_mtok: 5 },
                  },
                  {
                    constraint: { type: 'start_date', start_date: '2999-01-01' },
                    prices: { input_mtok: 100, output_mtok: 100 },
                  },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(loadPriceTable(file).source).toBe('file genai.json (genai-prices format)');
    expect(
      estimateCostUsd({ model: 'acme-1-turbo', promptTokens: 1_000_000, completionTokens: 1_000_000 }),
    ).toBeCloseTo(8, 9);
  });

  it('rejects an unreadable or empty file with its name and keeps the current table', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    expect(() => loadPriceTable(bad)).toThrow(/bad\.json is not valid JSON/);
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '{}');
    expect(() => loadPriceTable(empty)).toThrow(/holds no model with token prices/);
    expect(() => loadPriceTable(join(dir, 'missing.json'))).toThrow(/cannot read price file/);
    expect(priceTableInfo().source).toMatch(/genai-prices@/);
  });
});
