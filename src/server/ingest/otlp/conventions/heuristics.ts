// Last-resort rules (reference section c step 6 and the lowest ranks of b.2): guess from span
// names, the presence of a model and tokens, and the server address.
import { str, type SpanView } from './view.ts';
import { vote, voteType, type Votes } from './votes.ts';

const HOST_PROVIDERS: Array<[RegExp, string]> = [
  [/(^|\.)openai\.azure\.com$/, 'azure.ai.openai'],
  [/(^|\.)openai\.com$/, 'openai'],
  [/(^|\.)anthropic\.com$/, 'anthropic'],
  [/(^|\.)googleapis\.com$/, 'gcp.gen_ai'],
  [/(^|\.)mistral\.ai$/, 'mistral_ai'],
  [/(^|\.)groq\.com$/, 'groq'],
  [/(^|\.)deepseek\.com$/, 'deepseek'],
  [/(^|\.)cohere\.(com|ai)$/, 'cohere'],
  [/(^|\.)x\.ai$/, 'x_ai'],
  [/(^|\.)perplexity\.ai$/, 'perplexity'],
  [/(^|\.)amazonaws\.com$/, 'aws.bedrock'],
];

export function heuristics(view: SpanView, votes: Votes): void {
  const a = view.attributes;
  const name = view.name;
  const hasModel = ['gen_ai.request.model', 'gen_ai.response.model', 'llm.model_name', 'ai.model.id'].some(
    (k) => str(a, k),
  );
  const hasTokens = [
    'gen_ai.usage.input_tokens',
    'gen_ai.usage.prompt_tokens',
    'llm.token_count.prompt',
    'ai.usage.promptTokens',
    'gen_ai.usage.output_tokens',
  ].some((k) => a[k] !== undefined);
  if (hasModel && hasTokens) voteType(votes, 6, 'llm');
  else if (name.startsWith('execute_tool ')) voteType(votes, 6, 'tool');
  else if (name.startsWith('invoke_agent')) voteType(votes, 6, 'agent');
  else if (name.startsWith('embeddings ')) voteType(votes, 6, 'embedding');
  else if (name.startsWith('chat ') || name.startsWith('text_completion ')) voteType(votes, 6, 'llm');

  const host = str(a, 'server.address')?.toLowerCase();
  const hostProvider = host ? HOST_PROVIDERS.find(([re]) => re.test(host))?.[1] : undefined;
  vote(votes, 'provider', 6, hostProvider);

  if (name.startsWith('execute_tool ')) vote(votes, 'toolName', 5, name.slice('execute_tool '.length).trim());
  else if (name.endsWith('.tool')) vote(votes, 'toolName', 5, name.slice(0, -'.tool'.length));
}
