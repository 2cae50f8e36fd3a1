// The precedence combiner: every convention module votes on one ballot, then the winners are
// read off per field (lowest rank), the span type by the step order of reference section (c),
// and metadata is merged. Session, user and tags fall back to resource attributes.
import type { SpanType } from '../../../../shared/types.ts';
import { genai } from './genai.ts';
import { guessPayloads } from './fallback.ts';
import { heuristics } from './heuristics.ts';
import { decodeLangChain, langchain } from './langchain.ts';
import { langfuse } from './langfuse.ts';
import { mastra } from './mastra.ts';
import { openinference } from './openinference.ts';
import { openllmetry } from './openllmetry.ts';
import { vercel } from './vercel.ts';
import { str, stringList, type SpanView } from './view.ts';
import { newVotes, result, vote, type Mapped, type Votes } from './votes.ts';

export interface SpanMapping extends Partial<Mapped> {
  type: SpanType;
  metadata?: Record<string, unknown>;
  /** Input/output were guessed from unnamed large text attributes (no convention named them). */
  payloadGuessed?: boolean;
}

const CONVENTIONS = [genai, openinference, openllmetry, vercel, langfuse, langchain, mastra, heuristics];

/** Resource-level fallbacks rank after every span attribute. */
const RESOURCE_RANK = 100;

function resourceFallbacks(resource: Record<string, unknown>, votes: Votes): void {
  vote(
    votes,
    'sessionId',
    RESOURCE_RANK,
    str(resource, 'gen_ai.conversation.id') ?? str(resource, 'session.id'),
  );
  vote(votes, 'userId', RESOURCE_RANK, str(resource, 'user.id') ?? str(resource, 'enduser.id'));
  vote(votes, 'tags', RESOURCE_RANK, stringList(resource['tag.tags']));
}

function spanType(votes: Votes): SpanType {
  let best: Votes['types'][number] | undefined;
  for (const verdict of votes.types) if (!best || verdict.step < best.step) best = verdict;
  if (!best || best.type === 'other') return 'custom';
  return best.type === 'guard' ? 'guardrail' : best.type;
}

function mergedMetadata(votes: Votes): Record<string, unknown> | undefined {
  if (votes.metadata.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  // Highest rank number first, so lower ranks overwrite on a shared key.
  for (const { values } of [...votes.metadata].sort((x, y) => y.rank - x.rank)) {
    for (const [key, value] of Object.entries(values)) out[key] = value;
  }
  return out;
}

export function mapConventions(view: SpanView): SpanMapping {
  const votes = newVotes();
  for (const convention of CONVENTIONS) convention(view, votes);
  resourceFallbacks(view.resource, votes);
  const mapped: SpanMapping = { ...result(votes), type: spanType(votes) };
  if (mapped.input === undefined && mapped.output === undefined) {
    const guessed = guessPayloads(view.attributes);
    if (guessed.input !== undefined) mapped.input = guessed.input;
    if (guessed.output !== undefined) mapped.output = guessed.output;
    if (guessed.input !== undefined || guessed.output !== undefined) mapped.payloadGuessed = true;
  }
  // LangChain's serialised messages and documents can sit in any convention's payloads.
  if (mapped.input !== undefined) mapped.input = decodeLangChain(mapped.input);
  if (mapped.output !== undefined) mapped.output = decodeLangChain(mapped.output);
  if (mapped.traceInput !== undefined) mapped.traceInput = decodeLangChain(mapped.traceInput);
  if (mapped.traceOutput !== undefined) mapped.traceOutput = decodeLangChain(mapped.traceOutput);
  if (
    mapped.totalTokens === undefined &&
    (mapped.promptTokens !== undefined || mapped.completionTokens !== undefined)
  ) {
    mapped.totalTokens = (mapped.promptTokens ?? 0) + (mapped.completionTokens ?? 0);
  }
  const metadata = mergedMetadata(votes);
  if (metadata) mapped.metadata = metadata;
  return mapped;
}
