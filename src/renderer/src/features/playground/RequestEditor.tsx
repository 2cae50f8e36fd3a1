// The left half of the playground: model, sampling parameters, messages and tools, each field
// marked when building the request found it wrong.
import type { DraftProblem, RequestDraft } from './requestDraft.ts';
import { MessagesEditor } from './MessagesEditor.tsx';

export interface RequestEditorProps {
  draft: RequestDraft;
  onChange: (draft: RequestDraft) => void;
  problems: readonly DraftProblem[];
}

export function RequestEditor({ draft, onChange, problems }: RequestEditorProps) {
  const fields = new Set(problems.map((p) => p.field));
  const set = <K extends keyof RequestDraft>(key: K, value: RequestDraft[K]) =>
    onChange({ ...draft, [key]: value });
  const invalid = (field: string) => (fields.has(field) ? ' invalid' : '');
  return (
    <div className="pg-editor">
      <div className="pg-params">
        <label className="pg-field pg-field-model">
          <span>Model</span>
          <input
            className={`small-input mono${invalid('model')}`}
            value={draft.model}
            spellCheck={false}
            onChange={(e) => set('model', e.target.value)}
          />
        </label>
        <label className="pg-field">
          <span>temperature</span>
          <input
            className={`small-input${invalid('temperature')}`}
            inputMode="decimal"
            placeholder="default"
            value={draft.temperature}
            onChange={(e) => set('temperature', e.target.value)}
          />
        </label>
        <label className="pg-field">
          <span>top_p</span>
          <input
            className={`small-input${invalid('top_p')}`}
            inputMode="decimal"
            placeholder="default"
            value={draft.topP}
            onChange={(e) => set('topP', e.target.value)}
          />
        </label>
        <label className="pg-field">
          <span>max_tokens</span>
          <input
            className={`small-input${invalid('max_tokens')}`}
            inputMode="numeric"
            placeholder="default"
            value={draft.maxTokens}
            onChange={(e) => set('maxTokens', e.target.value)}
          />
        </label>
      </div>
      <h4 className="pg-heading">Messages ({draft.messages.length})</h4>
      <MessagesEditor
        messages={draft.messages}
        onChange={(messages) => set('messages', messages)}
        problemFields={fields}
      />
      <details className="pg-json-section" open={draft.tools !== '' || fields.has('tools')}>
        <summary>Tools {draft.tools ? `(${countTools(draft.tools)})` : '(none)'}</summary>
        <textarea
          aria-label="Tools (JSON)"
          className={`pg-textarea mono${invalid('tools')}`}
          rows={8}
          spellCheck={false}
          placeholder='[{ "type": "function", "function": { "name": "…", "parameters": { … } } }]'
          value={draft.tools}
          onChange={(e) => set('tools', e.target.value)}
        />
      </details>
      <details className="pg-json-section" open={draft.otherParams !== '' || fields.has('otherParams')}>
        <summary>Other parameters</summary>
        <textarea
          aria-label="Other parameters (JSON)"
          className={`pg-textarea mono${invalid('otherParams')}`}
          rows={4}
          spellCheck={false}
          placeholder='{ "seed": 7, "tool_choice": "auto", "stop": ["\n\n"] }'
          value={draft.otherParams}
          onChange={(e) => set('otherParams', e.target.value)}
        />
      </details>
      {problems.length > 0 && (
        <ul className="pg-problems" role="alert">
          {problems.map((p) => (
            <li key={`${p.field}:${p.message}`}>
              <span className="mono">{p.field}</span>: {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function countTools(text: string): string {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? String(value.length) : 'invalid';
  } catch {
    return 'invalid JSON';
  }
}
