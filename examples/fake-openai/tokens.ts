// Rough token counts, close enough to OpenAI's tokenizer for realistic usage figures: about four
// characters of English per token, plus the fixed per-message framing the chat format adds.

export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  return Math.max(1, Math.ceil(text.length / 4));
}

/** Each chat message costs its text plus ~4 framing tokens; every reply is primed with 3 more. */
export function countPromptTokens(texts: string[]): number {
  let total = 3;
  for (const text of texts) total += countTokens(text) + 4;
  return total;
}
