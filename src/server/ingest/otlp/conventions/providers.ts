// Provider names as the GenAI registry spells them (`openai`, `anthropic`, `aws.bedrock`,
// `azure.ai.openai`, `gcp.vertex_ai`…). Libraries also send AI SDK provider ids such as
// `openai.chat`, `openai.responses` or `anthropic.messages` (Mastra, Vercel), and old
// `gen_ai.system` values such as `OpenAI`; those are cut to the vendor.

/** Registry names that contain dots themselves and must be kept whole. */
const DOTTED =
  /^(aws\.bedrock|azure\.ai\.(openai|inference)|gcp\.(gen_ai|vertex_ai|gemini)|ibm\.watsonx\.ai)$/;

export function providerName(value: string | undefined): string | undefined {
  const name = value?.trim().toLowerCase();
  if (!name) return undefined;
  if (DOTTED.test(name)) return name;
  return name.split('.')[0] || undefined;
}
