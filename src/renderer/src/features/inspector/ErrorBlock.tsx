// A failed span's error: type and message up front, the stack trace as recorded (monospace,
// whitespace preserved, never wrapped into nonsense).
import type { SpanError } from '../../../../shared/types.ts';
import { CopyButton } from '../../components/CopyButton.tsx';

export function ErrorBlock({ error }: { error: SpanError }) {
  return (
    <section className="error-block" role="alert" aria-label="Error">
      <div className="error-head">
        <span className="error-type">{error.type ?? 'Error'}</span>
        <span className="error-message">{error.message}</span>
        <CopyButton text={[`${error.type ?? 'Error'}: ${error.message}`, error.stack ?? ''].join('\n')} />
      </div>
      {error.stack && <pre className="error-stack">{error.stack}</pre>}
    </section>
  );
}
