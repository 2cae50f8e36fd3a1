// POST /v1/embeddings: deterministic unit vectors seeded by the text. The official client asks
// for `encoding_format: "base64"` by default (little-endian float32), so both encodings are served.
import { countTokens } from './tokens.ts';

function vectorFor(text: string, dimensions: number): Float32Array {
  let seed = 2166136261;
  for (let i = 0; i < text.length; i++) seed = Math.imul(seed ^ text.charCodeAt(i), 16777619) >>> 0;
  const vector = new Float32Array(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const value = seed / 2 ** 32 - 0.5;
    vector[i] = value;
    norm += value * value;
  }
  const scale = 1 / Math.sqrt(norm || 1);
  return vector.map((value) => value * scale);
}

export function embeddings(body: Record<string, unknown>): object {
  const inputs = Array.isArray(body.input) ? body.input.map(String) : [String(body.input ?? '')];
  const dimensions =
    typeof body.dimensions === 'number' && body.dimensions > 0 ? Math.min(body.dimensions, 3072) : 1536;
  const base64 = body.encoding_format === 'base64';
  const tokens = inputs.reduce((sum, text) => sum + countTokens(text), 0);
  return {
    object: 'list',
    data: inputs.map((text, index) => {
      const vector = vectorFor(text, dimensions);
      const embedding = base64 ? Buffer.from(vector.buffer).toString('base64') : Array.from(vector);
      return { object: 'embedding', index, embedding };
    }),
    model: typeof body.model === 'string' ? body.model : 'text-embedding-3-small',
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}
