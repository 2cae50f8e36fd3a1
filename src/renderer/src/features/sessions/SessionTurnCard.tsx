// One turn of a session as chat: the user's message, then the agent's final answer, under a line
// with the turn's time, duration, tokens, cost and status. The card opens the turn's trace.
// Payloads are untrusted text: shown as text, never as HTML.
import { memo, useState, type KeyboardEvent } from 'react';
import type { SessionTurn } from '../../../../shared/types.ts';
import { STATUS_LABEL, StatusIcon } from '../../components/StatusIcon.tsx';
import { formatCost, formatDuration, formatTokens } from '../../lib/format.ts';
import { formatClockTime } from '../../lib/formatClockTime.ts';
import { compactJson, turnAnswerText, turnUserText } from '../../model/sessionTurn.ts';

export interface SessionTurnCardProps {
  turn: SessionTurn;
  number: number;
  current: boolean;
  onOpen: (traceId: string) => void;
  onKeyDown: (event: KeyboardEvent<HTMLLIElement>, index: number) => void;
  onFocus: (index: number) => void;
}

function payloadText(value: unknown, truncated: boolean | undefined, read: (v: unknown) => string | null) {
  if (truncated) return { text: 'Too large to show here: open the trace to read it.', muted: true };
  if (value === null || value === undefined) return null;
  const text = read(value);
  return text !== null ? { text, muted: false } : { text: compactJson(value), muted: false, json: true };
}

function answerFallback(turn: SessionTurn): string {
  if (turn.status === 'running') return 'Running…';
  if (turn.status === 'error') return 'The run failed before it answered.';
  return 'No answer recorded.';
}

/** Text longer than this is clamped to a few lines, with a toggle to read it whole. */
const CLAMP_CHARS = 600;
const CLAMP_LINES = 10;

function BubbleText({ text, className }: { text: string; className: string }) {
  const [expanded, setExpanded] = useState(false);
  const long = text.length > CLAMP_CHARS || text.split('\n').length > CLAMP_LINES;
  return (
    <>
      <div className={`${className}${expanded ? ' expanded' : ''}`} dir="auto">
        {text}
      </div>
      {long && (
        <button type="button" className="link-button bubble-toggle" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : 'Show all'}
        </button>
      )}
    </>
  );
}

export const SessionTurnCard = memo(function SessionTurnCard({
  turn,
  number,
  current,
  onOpen,
  onKeyDown,
  onFocus,
}: SessionTurnCardProps) {
  const question = payloadText(turn.input, turn.inputTruncated, turnUserText);
  const answer = payloadText(turn.output, turn.outputTruncated, turnAnswerText);
  const label = `Turn ${number}, ${STATUS_LABEL[turn.status]}: ${question?.text.slice(0, 80) ?? turn.name}`;
  return (
    <li
      className={`session-turn status-turn-${turn.status}`}
      data-trace-id={turn.traceId}
      data-current={current}
      tabIndex={current ? 0 : -1}
      aria-label={label}
      onKeyDown={(event) => onKeyDown(event, number - 1)}
      onFocus={() => onFocus(number - 1)}
      onDoubleClick={() => onOpen(turn.traceId)}
    >
      <div className="turn-meta">
        <span className="turn-number">Turn {number}</span>
        <span
          className="turn-time"
          title={turn.startTime ? new Date(turn.startTime).toLocaleString() : undefined}
        >
          {formatClockTime(turn.startTime)}
        </span>
        <span className="turn-name" title={turn.name}>
          {turn.name}
        </span>
        <span className="turn-figures">
          <StatusIcon status={turn.status} />
          <span className="turn-status">{STATUS_LABEL[turn.status]}</span>
          <span title="Duration">{formatDuration(turn.durationMs)}</span>
          {turn.totalTokens > 0 && <span title="Tokens">{formatTokens(turn.totalTokens)} tok</span>}
          {turn.costUsd > 0 && <span title="Cost">{formatCost(turn.costUsd)}</span>}
        </span>
        <button
          type="button"
          className="link-button turn-open"
          tabIndex={-1}
          onClick={() => onOpen(turn.traceId)}
          aria-label={`Open the trace of turn ${number}`}
        >
          Open trace ›
        </button>
      </div>
      {question && (
        <div className="bubble bubble-user">
          <div className="bubble-role">User</div>
          <BubbleText
            text={question.text}
            className={`bubble-text${question.muted ? ' muted' : ''}${'json' in question ? ' bubble-json' : ''}`}
          />
        </div>
      )}
      <div className={`bubble bubble-agent${turn.status === 'error' ? ' bubble-error' : ''}`}>
        <div className="bubble-role">{turn.name || 'Agent'}</div>
        <BubbleText
          text={answer ? answer.text : answerFallback(turn)}
          className={`bubble-text${!answer || answer.muted ? ' muted' : ''}${answer && 'json' in answer ? ' bubble-json' : ''}`}
        />
      </div>
    </li>
  );
});
