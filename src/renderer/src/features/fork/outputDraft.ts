// The fork editor's text for a recorded output, and back. A string output is edited as plain
// text; anything else (an assistant message, a tool's JSON result) as JSON, checked on submit.
export type OutputMode = 'text' | 'json';

export function draftFromOutput(output: unknown): { mode: OutputMode; text: string } {
  if (typeof output === 'string') return { mode: 'text', text: output };
  return { mode: 'json', text: JSON.stringify(output ?? null, null, 2) };
}

export function outputFromDraft(
  mode: OutputMode,
  text: string,
): { ok: true; value: unknown } | { ok: false; error: string } {
  if (mode === 'text') return { ok: true, value: text };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      ok: false,
      error: `Not valid JSON: ${(error as Error).message}. Switch to Text to send it as a string.`,
    };
  }
}
