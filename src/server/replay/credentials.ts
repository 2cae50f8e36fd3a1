// Where a re-run goes and with which key. The key is never stored, logged or echoed: it lives in
// this request's memory only, and every text that leaves (SSE errors, the recorded span error)
// goes through `redact` first, since providers quote (partly masked) keys in their 401 messages.
//
// Sources, in order: an `Authorization: Bearer …` header on the request (the desktop app's
// renderer passes the key it keeps with safeStorage), then SPYGLASS_OPENAI_API_KEY, then
// OPENAI_API_KEY (headless mode). A key from the environment is only ever sent to the configured
// base URL (SPYGLASS_OPENAI_BASE_URL or OpenAI's): anyone able to call this loopback API could
// otherwise name their own server as `endpoint.baseUrl` and receive the key.

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export interface Endpoint {
  /** Normalised, without a trailing slash. */
  baseUrl: string;
  apiKey: string | null;
}

export class EndpointError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}

function normaliseBaseUrl(value: string, field: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new EndpointError(
      field,
      `"${value}" is not a URL; give the endpoint's base URL, e.g. ${DEFAULT_BASE_URL}`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new EndpointError(field, `the base URL must be http or https (got ${url.protocol})`);
  if (url.username || url.password)
    throw new EndpointError(field, 'put the API key in the Authorization header, not in the base URL');
  return url.href.replace(/\/+$/, '');
}

export function resolveEndpoint(
  requested: string | undefined,
  authorization: string | undefined,
  env: NodeJS.ProcessEnv,
): Endpoint {
  const configured = normaliseBaseUrl(
    env.SPYGLASS_OPENAI_BASE_URL || DEFAULT_BASE_URL,
    'SPYGLASS_OPENAI_BASE_URL',
  );
  const baseUrl = requested ? normaliseBaseUrl(requested, 'endpoint.baseUrl') : configured;
  const bearer = /^Bearer\s+(\S.*)$/i.exec(authorization?.trim() ?? '')?.[1]?.trim();
  if (bearer) return { baseUrl, apiKey: bearer };
  if (authorization)
    throw new EndpointError('Authorization', 'the Authorization header must be "Bearer <API key>"');
  const envKey = env.SPYGLASS_OPENAI_API_KEY || env.OPENAI_API_KEY || null;
  return { baseUrl, apiKey: baseUrl === configured ? envKey : null };
}

/** Removes the key, and anything shaped like an API key, from text bound for the client or the database. */
export function redact(text: string, apiKey: string | null): string {
  let out = apiKey ? text.split(apiKey).join('[redacted]') : text;
  // Provider messages quote keys masked ("sk-proj-****…abcd"); drop what is left of them too.
  out = out.replace(/\b(?:sk|pk|rk)-[A-Za-z0-9_*-]{6,}/g, '[redacted]');
  if (apiKey && apiKey.length >= 12) {
    // A long enough tail or head of the key is still a secret worth hiding.
    for (const part of [apiKey.slice(0, 12), apiKey.slice(-8)]) out = out.split(part).join('[redacted]');
  }
  return out;
}
