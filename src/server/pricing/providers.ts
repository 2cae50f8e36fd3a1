// One provider vocabulary for pricing. Spans name providers in several dialects: GenAI
// (`gcp.vertex_ai`, `aws.bedrock`, `x_ai`), OpenInference (`google`, `xai`, `mistralai`), the
// Vercel AI SDK (`openai.responses`), Traceloop (`OpenAI`) and LiteLLM (`vertex_ai-language-models`,
// `bedrock_converse`). genai-prices ids are the target.

const ALIASES: Record<string, string> = {
  openai: 'openai',
  'azure.ai.openai': 'azure',
  'azure.ai.inference': 'azure',
  azure: 'azure',
  azure_ai: 'azure',
  anthropic: 'anthropic',
  'aws.bedrock': 'aws',
  aws: 'aws',
  bedrock: 'aws',
  bedrock_converse: 'aws',
  amazon: 'aws',
  'gcp.gemini': 'google',
  'gcp.vertex_ai': 'google',
  'gcp.gen_ai': 'google',
  google: 'google',
  gemini: 'google',
  vertexai: 'google',
  vertex_ai: 'google',
  x_ai: 'x-ai',
  xai: 'x-ai',
  'x-ai': 'x-ai',
  mistral: 'mistral',
  mistralai: 'mistral',
  mistral_ai: 'mistral',
  moonshot: 'moonshotai',
  moonshot_ai: 'moonshotai',
  moonshotai: 'moonshotai',
  together_ai: 'together',
  fireworks_ai: 'fireworks',
  cohere_chat: 'cohere',
};

/**
 * Lowercases, keeps a dotted GenAI id whole when it is one we know (`aws.bedrock`), otherwise
 * keeps the part before the first dot (`openai.chat` → `openai`) and the part before the first
 * dash for LiteLLM's `vertex_ai-…` families. Returns null for an empty value.
 */
export function canonicalProvider(raw: string | null | undefined): string | null {
  const value = raw?.trim().toLowerCase();
  if (!value) return null;
  if (ALIASES[value]) return ALIASES[value];
  const beforeDot = value.split('.')[0]!;
  if (ALIASES[beforeDot]) return ALIASES[beforeDot];
  const beforeDash = value.split('-')[0]!;
  if (ALIASES[beforeDash]) return ALIASES[beforeDash];
  return beforeDot;
}
