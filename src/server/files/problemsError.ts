// Problems found in a readable file → one ImportError (422) whose message names the first
// problem by its path, e.g. "traces[3].spans[17].startTime: expected a number, found …".
import { ImportError } from './importError.ts';
import type { Problems } from './fieldReader.ts';

export function problemsError(problems: Problems): ImportError {
  const lines = problems.list.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message));
  const others = problems.list.length - 1 + problems.more;
  const suffix = others > 0 ? ` (and ${others} more ${others === 1 ? 'problem' : 'problems'})` : '';
  return new ImportError(
    422,
    `The file is damaged, nothing was imported. ${lines[0] ?? 'unknown problem'}${suffix}`,
    {
      field: problems.list[0]?.field,
      problems: lines,
    },
  );
}
