// The state of one re-run as its events arrive: the text so far, tool calls assembled from their
// pieces, then the totals of the `done` event or the failure.
import type { ReplayEvent } from '../../../../shared/replay.ts';

export interface ToolCallDraft {
  id: string | null;
  name: string;
  arguments: string;
}

export interface ReplayRunState {
  status: 'idle' | 'sending' | 'streaming' | 'done' | 'error';
  traceId: string | null;
  spanId: string | null;
  model: string | null;
  text: string;
  toolCalls: ToolCallDraft[];
  done: Extract<ReplayEvent, { type: 'done' }> | null;
  error: { message: string; status?: number; field?: string } | null;
}

export const IDLE_RUN: ReplayRunState = {
  status: 'idle',
  traceId: null,
  spanId: null,
  model: null,
  text: '',
  toolCalls: [],
  done: null,
  error: null,
};

export function reduceReplay(state: ReplayRunState, event: ReplayEvent): ReplayRunState {
  switch (event.type) {
    case 'start':
      return {
        ...state,
        status: 'streaming',
        traceId: event.traceId,
        spanId: event.spanId,
        model: event.model,
      };
    case 'delta':
      return { ...state, status: 'streaming', text: state.text + event.text };
    case 'tool_call': {
      const toolCalls = [...state.toolCalls];
      const held = toolCalls[event.index] ?? { id: null, name: '', arguments: '' };
      toolCalls[event.index] = {
        id: event.id ?? held.id,
        name: event.name ?? held.name,
        arguments: held.arguments + event.arguments,
      };
      // An index may be skipped by a sloppy endpoint; never leave holes in the list.
      for (let i = 0; i < toolCalls.length; i++) toolCalls[i] ??= { id: null, name: '', arguments: '' };
      return { ...state, status: 'streaming', toolCalls };
    }
    case 'done':
      return { ...state, status: 'done', traceId: event.traceId, spanId: event.spanId, done: event };
    case 'error':
      return {
        ...state,
        status: 'error',
        traceId: event.traceId ?? state.traceId,
        spanId: event.spanId ?? state.spanId,
        error:
          event.status === undefined
            ? { message: event.message }
            : { message: event.message, status: event.status },
      };
  }
}
