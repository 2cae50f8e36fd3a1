// POST /api/replay/llm and hand each Server-Sent Event to the caller as it arrives. Errors the
// server finds before streaming (a bad field, an unknown span) come back as an ApiError with the
// status and the field to blame.
import type { ReplayEvent, ReplayRequest } from '../../../shared/replay.ts';
import { request } from './http.ts';
import { SseDecoder } from './sseDecoder.ts';

export async function streamReplay(
  body: ReplayRequest,
  onEvent: (event: ReplayEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await request('/api/replay/llm', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(body),
    signal,
  });
  if (!response.body) return;
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
