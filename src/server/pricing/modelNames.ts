// Names under which a model may be priced, most specific first. A span reports what the client
// library saw: "openai/gpt-4o", "gpt-4o-2024-08-06", "models/gemini-2.0-flash",
// "us.anthropic.claude-3-5-haiku-20241022-v1:0", "claude-3-5-sonnet@20240620" (Vertex).

const DATE_SUFFIX = /(?:[-@](?:\d{4}-\d{2}-\d{2}|\d{8}))(?:-v\d+(?::\d+)?)?$/;
const VERSION_SUFFIX = /-v\d+(?::\d+)?$/;
const REGION_PREFIX = /^(?:us|eu|apac|jp|global)\./;
const VENDOR_PREFIX = /^(?:anthropic|amazon|meta|mistral|cohere|ai21|openai)\./;

export function modelNameCandidates(model: string, provider: string | null): string[] {
  const out: string[] = [];
  const add = (name: string): void => {
    const clean = name.trim().toLowerCase();
    if (clean && !out.includes(clean)) out.push(clean);
  };
  const raw = model.trim();
  add(raw);
  if (provider) add(`${provider}/${raw}`);
  const afterSlash = raw.includes('/') ? raw.slice(raw.lastIndexOf('/') + 1) : raw;
  add(afterSlash);
  const bare = afterSlash.replace(REGION_PREFIX, '').replace(VENDOR_PREFIX, '');
  add(bare);
  add(bare.replace(VERSION_SUFFIX, ''));
  add(bare.replace(DATE_SUFFIX, ''));
  return out;
}
