// application/json body → DecodedRequest (OTLP/JSON: hex ids, int64 as strings or numbers,
// camelCase keys with snake_case tolerated, enum names tolerated).
import { boundDepth } from '../boundDepth.ts';
import type { DecodedRequest } from './decoded.ts';
import { OtlpDecodeError, readRequest } from './readRequest.ts';

export function decodeJson(body: Uint8Array | string): DecodedRequest {
  const text =
    typeof body === 'string'
      ? body
      : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  let parsed: unknown;
  try {
    parsed = boundDepth(JSON.parse(text));
  } catch (err) {
    throw new OtlpDecodeError(`the body is not valid JSON: ${(err as Error).message}`);
  }
  return readRequest(parsed);
}
