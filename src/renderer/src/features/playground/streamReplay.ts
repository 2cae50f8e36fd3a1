// POST /api/replay/llm and hand each Server-Sent Event to the caller as it arrives. Errors the
// server finds before streaming (a bad field, an unknown span) come back as JSON with a status.
import type { ReplayEvent, ReplayRequest } from '../../../../shared/replay.ts';
import { SseDecoder } from './sseDecoder.ts';

export class ReplayRequestFailed extends Error {
  readonly status: number;
  readonly field: string | undefined;
  constructor(status: number, message: string, field?: string) {
    super(message);
    this.name = 'ReplayRequestFailed';
    this.status = status;
    this.field = field;
  }
}

export async function streamReplay(
  body: ReplayRequest,
  onEvent: (event: ReplayEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch('/api/replay/llm', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ReplayRequestFailed(0, 'Cannot reach the Spyglass collector. Is it still running?');
  }
  if (!response.ok || !response.body) {
    let message = `${response.status} ${response.statusText}`;
    let field: string | undefined;
    try {
      const answer = (await response.json()) as { error?: unknown; field?: unknown };
      if (typeof answer.error === 'string') message = answer.error;
      if (typeof answer.field === 'string') field = answer.field;
    } catch {
      // Not JSON: keep the status line.
    }
    throw new ReplayRequestFailed(response.status, message, field);
  }
  const reader = response.body.getReader();
  const text = new TextDecoder();
  const decoder = new SseDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const event of decoder.push(text.decode(value, { stream: true }))) onEvent(event);
  }
  for (const event of decoder.push(text.decode())) onEvent(event);
  for (const event of decoder.end()) onEvent(event);
}
