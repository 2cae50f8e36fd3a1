// The request's messages as an editable list: a role and a text box each, with add, remove and
// move up/down. Multi-part content is edited as JSON; tool calls a message carried stay with it.
import { moveItem, newMessage, ROLES, type DraftMessage } from './requestDraft.ts';

export interface MessagesEditorProps {
  messages: DraftMessage[];
  onChange: (messages: DraftMessage[]) => void;
  problemFields: ReadonlySet<string>;
}

export function MessagesEditor({ messages, onChange, problemFields }: MessagesEditorProps) {
  const update = (index: number, patch: Partial<DraftMessage>) =>
    onChange(messages.map((m, i) => (i === index ? { ...m, ...patch } : m)));
  return (
    <div className="pg-messages">
      {messages.map((message, index) => {
        const extras = Object.keys(message.extra);
        const roles: readonly string[] = ROLES.includes(message.role as (typeof ROLES)[number])
          ? ROLES
          : [...ROLES, message.role];
        return (
          <div key={message.key} className={`pg-message pg-role-${message.role}`} data-index={index}>
            <div className="pg-message-head">
              <select
                aria-label={`Role of message ${index + 1}`}
                value={message.role}
                onChange={(e) => update(index, { role: e.target.value })}
              >
                {roles.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </select>
              {message.contentIsJson && <span className="pg-chip">JSON content</span>}
              {extras.map((key) => (
                <span key={key} className="pg-chip" title={JSON.stringify(message.extra[key]).slice(0, 400)}>
                  {key === 'tool_calls' && Array.isArray(message.extra[key])
                    ? `${(message.extra[key] as unknown[]).length} tool call(s)`
                    : key}
                </span>
              ))}
              <span className="spacer" />
              <button
                type="button"
                className="icon-button"
                title="Move up"
                aria-label={`Move message ${index + 1} up`}
                disabled={index === 0}
                onClick={() => onChange(moveItem(messages, index, index - 1))}
              >
                ↑
              </button>
              <button
                type="button"
                className="icon-button"
                title="Move down"
                aria-label={`Move message ${index + 1} down`}
                disabled={index === messages.length - 1}
                onClick={() => onChange(moveItem(messages, index, index + 1))}
              >
                ↓
              </button>
              <button
                type="button"
                className="icon-button"
                title="Remove"
                aria-label={`Remove message ${index + 1}`}
                onClick={() => onChange(messages.filter((_, i) => i !== index))}
              >
                ✕
              </button>
            </div>
            <textarea
              aria-label={`Content of message ${index + 1}`}
              className={`pg-textarea${message.contentIsJson ? ' mono' : ''}${problemFields.has(`messages[${index}].content`) ? ' invalid' : ''}`}
              value={message.content}
              spellCheck={false}
              rows={Math.min(12, Math.max(2, message.content.split('\n').length + 1))}
              onChange={(e) => update(index, { content: e.target.value })}
            />
          </div>
        );
      })}
      <div className="pg-add-row">
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange([...messages, newMessage('user')])}
        >
          + User message
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange([...messages, newMessage('assistant')])}
        >
          + Assistant message
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => onChange([newMessage('system'), ...messages])}
        >
          + System prompt
        </button>
      </div>
    </div>
  );
}
