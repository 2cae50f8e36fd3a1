// "Copy as curl" for an LLM span: the request the agent most likely made, rebuilt from the
// recorded input, with the API key left as an environment variable (never a real secret).
import type { SpanWithPayloads } from '../../../../shared/types.ts';

interface Endpoint {
  url: string;
  authHeader: string;
}

function endpointFor(provider: string | null, responsesApi: boolean): Endpoint {
  const name = (provider ?? '').toLowerCase();
  if (name.includes('anthropic'))
    return { url: 'https://api.anthropic.com/v1/messages', authHeader: 'x-api-key: $ANTHROPIC_API_KEY' };
  if (name.includes('openai') || name === '') {
    return {
      url: `https://api.openai.com/v1/${responsesApi ? 'responses' : 'chat/completions'}`,
      authHeader: 'Authorization: Bearer $OPENAI_API_KEY',
    };
  }
  return {
    url: `$${name.replace(/\W+/g, '_').toUpperCase()}_BASE_URL/chat/completions`,
    authHeader: 'Authorization: Bearer $API_KEY',
  };
}

/** Quote for a POSIX shell: single quotes, with embedded ones closed, escaped and reopened. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function buildCurl(span: Pick<SpanWithPayloads, 'input' | 'model' | 'provider'>): string {
  const input = span.input;
  let body: Record<string, unknown>;
  if (typeof input === 'object' && input !== null && !Array.isArray(input))
    body = { ...(input as Record<string, unknown>) };
  else if (Array.isArray(input)) body = { messages: input };
  else body = { messages: [{ role: 'user', content: String(input ?? '') }] };
  if (span.model && body.model === undefined) body.model = span.model;
  const responsesApi = 'input' in body && !('messages' in body);
  const { url, authHeader } = endpointFor(span.provider, responsesApi);
  return [
    `curl ${url.startsWith('$') ? `"${url}"` : url}`,
    `  -H "Content-Type: application/json"`,
    `  -H "${authHeader}"`,
    `  -d ${shellQuote(JSON.stringify(body, null, 2))}`,
  ].join(' \\\n');
}
