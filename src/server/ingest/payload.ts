// Payload serialisation, done once per payload. The writer stores the JSON text and previews it;
// the OTLP decoder thread serialises before handing a batch over (text crosses threads far more
// cheaply than object graphs), so the request thread never stringifies those payloads itself.
import type { EncodedPayload, SpanPatch } from './model.ts';
import { rebuildAttributes, STORED_ONCE_KEY } from './payloadAttributes.ts';

const PREVIEW_CHARS = 200;

export function encodePayload(value: unknown): EncodedPayload {
  const json = JSON.stringify(value) ?? 'null';
  // A string payload is previewed as the text itself, not as a quoted JSON string.
  const text = typeof value === 'string' ? value : json;
  return {
    json,
    preview: text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text,
    bytes: Buffer.byteLength(json),
  };
}

/** The patch with input, output and attributes moved into `encoded` (a new object; the argument is untouched). */
export function withEncodedPayloads(patch: SpanPatch): SpanPatch {
  const { input, output, attributes, ...rest } = patch;
  if (input === undefined && output === undefined && attributes === undefined) return patch;
  const encoded: NonNullable<SpanPatch['encoded']> = {};
  if (input !== undefined) encoded.input = encodePayload(input);
  if (output !== undefined) encoded.output = encodePayload(output);
  if (attributes !== undefined) encoded.attributes = JSON.stringify(attributes);
  return { ...rest, encoded };
}

/** The inverse, for the rare merge that needs the values themselves (one span patched twice in a commit). */
export function withDecodedPayloads(patch: SpanPatch): SpanPatch {
  if (!patch.encoded) return withAttributesRebuilt(patch);
  const { encoded, ...rest } = patch;
  const plain: SpanPatch = rest;
  if (encoded.input) plain.input = JSON.parse(encoded.input.json);
  if (encoded.output) plain.output = JSON.parse(encoded.output.json);
  if (encoded.attributes !== undefined)
    plain.attributes = JSON.parse(encoded.attributes) as Record<string, unknown>;
  return withAttributesRebuilt(plain);
}

/**
 * A merge takes attributes key by key, and a later patch may bring another input: attributes
 * stored once (payloadAttributes.ts) are rebuilt first, from this patch's own payloads.
 */
function withAttributesRebuilt(patch: SpanPatch): SpanPatch {
  if (!patch.attributes || !Object.hasOwn(patch.attributes, STORED_ONCE_KEY)) return patch;
  return { ...patch, attributes: rebuildAttributes(patch.attributes, patch) };
}

/** A patch's input/output as the writer stores them: already encoded, or encoded now. */
export function encodedInput(patch: SpanPatch): EncodedPayload | undefined {
  return patch.encoded?.input ?? (patch.input === undefined ? undefined : encodePayload(patch.input));
}

export function encodedOutput(patch: SpanPatch): EncodedPayload | undefined {
  return patch.encoded?.output ?? (patch.output === undefined ? undefined : encodePayload(patch.output));
}
