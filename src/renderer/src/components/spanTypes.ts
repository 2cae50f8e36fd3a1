// Span-type labels and glyphs, shared by DOM views and canvas views. A glyph is a short text
// mark that renders the same in a <span> and in ctx.fillText, so both kinds of view agree.
import type { SpanType } from '../../../shared/types.ts';

export const SPAN_TYPE_LABEL: Record<SpanType, string> = {
  llm: 'LLM',
  tool: 'Tool',
  retrieval: 'Retrieval',
  embedding: 'Embedding',
  agent: 'Agent',
  chain: 'Chain',
  reranker: 'Reranker',
  guardrail: 'Guardrail',
  evaluator: 'Evaluator',
  custom: 'Custom',
};

/** One letter, drawn on a small badge of the type's colour; plain text so every font has it. */
export const SPAN_TYPE_GLYPH: Record<SpanType, string> = {
  llm: 'L',
  tool: 'T',
  retrieval: 'R',
  embedding: 'E',
  agent: 'A',
  chain: 'C',
  reranker: 'K',
  guardrail: 'G',
  evaluator: 'V',
  custom: 'S',
};

/** The CSS variable holding the type's colour (defined in app/theme.css). */
export function spanTypeColorVar(type: SpanType): string {
  return `--type-${type}`;
}
