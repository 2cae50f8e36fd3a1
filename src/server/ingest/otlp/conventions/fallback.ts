// Unknown conventions degrade usefully: when no convention module found an input or an output,
// the span's large text attributes are offered as candidates (named like an input → input, like
// an output → output, the rest as input), instead of the inspector saying "Nothing recorded".
// The attribute `spyglass.payload_guess` marks payloads found this way.
import { parseJsonish } from './view.ts';

/** Shorter text is an id, a name or a setting, not a payload. */
const MIN_CHARS = 40;
const INPUT_NAME =
  /(^|[._-])(input|inputs|prompt|prompts|query|question|request|args|arguments|messages|instructions|params)$/i;
const OUTPUT_NAME =
  /(^|[._-])(output|outputs|response|result|results|completion|completions|answer|reply|text|content)$/i;
/** Attributes that describe the telemetry itself, never the payload. */
const IGNORED =
  /^(otel\.|spyglass\.|telemetry\.|service\.|process\.|host\.|os\.|http\.|url\.|server\.|exception\.|code\.)/;

export interface Guessed {
  input?: unknown;
  output?: unknown;
}

function collect(entries: Array<[string, unknown]>): unknown {
  if (entries.length === 0) return undefined;
  if (entries.length === 1) return parseJsonish(entries[0]![1]);
  return Object.fromEntries(entries.map(([key, value]) => [key, parseJsonish(value)]));
}

export function guessPayloads(attributes: Record<string, unknown>): Guessed {
  const inputs: Array<[string, unknown]> = [];
  const outputs: Array<[string, unknown]> = [];
  const others: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (typeof value !== 'string' || value.length < MIN_CHARS || IGNORED.test(key)) continue;
    if (OUTPUT_NAME.test(key)) outputs.push([key, value]);
    else if (INPUT_NAME.test(key)) inputs.push([key, value]);
    else others.push([key, value]);
  }
  const guessed: Guessed = {};
  const input = collect(inputs.length > 0 ? inputs : others);
  const output = collect(outputs);
  if (input !== undefined) guessed.input = input;
  if (output !== undefined) guessed.output = output;
  return guessed;
}
