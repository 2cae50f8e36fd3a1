// Rebuilds a streamed answer from its chunks: chat completion chunks (content and tool-call
// argument deltas, a final usage chunk) and responses API events (text deltas, then
// response.completed with the whole response). Unknown chunk shapes are only counted.
import { llmFacts, usageFacts } from './openaiShapes.ts';
import type { LlmFacts } from './openaiShapes.ts';

type Obj = Record<string, any>;

interface ToolCallParts {
  id?: string;
  name: string;
  arguments: string;
}

export class StreamAssembler {
  chunks = 0;
  private text = '';
  private tools: ToolCallParts[] = [];
  private facts: LlmFacts = {};
  private completed: LlmFacts | null = null;
  /** The stream's own fields (id, model, created...) and the final response, kept for replay. */
  private shell: Obj | null = null;
  private usageChunk = false;
  private rawUsage: unknown = undefined;
  private finalResponse: unknown = undefined;

  /** Adds one chunk; true when it carried the first piece of the answer (for time to first token). */
  add(chunk: unknown): boolean {
    this.chunks++;
    if (typeof chunk !== 'object' || chunk === null) return false;
    const c = chunk as Obj;
    if (Array.isArray(c.choices)) return this.addChatChunk(c);
    if (typeof c.type === 'string') return this.addResponsesEvent(c);
    return this.chunks === 1;
  }

  private addChatChunk(c: Obj): boolean {
    if (!this.shell) {
      const { choices: _choices, usage: _usage, ...shell } = c;
      this.shell = shell;
    }
    if ('usage' in c) this.usageChunk = true;
    if (c.usage) this.rawUsage = c.usage;
    if (typeof c.model === 'string') this.facts.model = c.model;
    if (c.usage) Object.assign(this.facts, usageFacts(c.usage));
    let content = false;
    for (const choice of c.choices as Obj[]) {
      const delta = choice?.delta ?? {};
      if (typeof delta.content === 'string' && delta.content) {
        this.text += delta.content;
        content = true;
      }
      for (const call of Array.isArray(delta.tool_calls) ? delta.tool_calls : []) {
        const index = typeof call.index === 'number' ? call.index : this.tools.length;
        this.tools[index] ??= { name: '', arguments: '' };
        const parts = this.tools[index];
        if (call.id) parts.id = call.id;
        if (call.function?.name) parts.name += call.function.name;
        if (call.function?.arguments) parts.arguments += call.function.arguments;
        content = true;
      }
      if (typeof choice?.finish_reason === 'string') this.facts.finishReason = choice.finish_reason;
    }
    return content;
  }

  private addResponsesEvent(c: Obj): boolean {
    if (c.type === 'response.output_text.delta' && typeof c.delta === 'string') {
      this.text += c.delta;
      return true;
    }
    if (c.type === 'response.function_call_arguments.delta') return true;
    if (
      (c.type === 'response.completed' || c.type === 'response.incomplete' || c.type === 'response.failed') &&
      c.response
    ) {
      this.completed = llmFacts(c.response);
      this.finalResponse = c.response;
    }
    if (c.response && typeof c.response.model === 'string') this.facts.model = c.response.model;
    return false;
  }

  /** What replay needs to rebuild the stream's chunks around the recorded answer (see replayRebuild.ts). */
  envelope(): Record<string, unknown> {
    if (this.finalResponse !== undefined) return { stream: 'responses', response: this.finalResponse };
    return {
      stream: 'chat',
      chunk: this.shell ?? {},
      finish_reason: this.facts.finishReason,
      usageChunk: this.usageChunk,
      usage: this.rawUsage,
    };
  }

  result(): LlmFacts & { output: unknown } {
    if (this.completed) return { ...this.facts, ...this.completed, output: this.completed.output };
    const toolCalls = this.tools
      .filter(Boolean)
      .map((t) => ({ id: t.id, type: 'function', function: { name: t.name, arguments: t.arguments } }));
    return {
      ...this.facts,
      output: {
        role: 'assistant',
        content: this.text || null,
        ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      },
    };
  }
}
