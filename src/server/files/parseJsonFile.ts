// JSON.parse with the damage located: V8 reports a character position ("… in JSON at position
// 1234 (line 5 column 3)"); a file is bytes, so the position is turned into a byte offset, and
// the line and column are kept for people opening the file in an editor.
import { boundDepth } from '../ingest/boundDepth.ts';
import { ImportError } from './importError.ts';
import { findJsonSyntaxError } from '../jsonSyntax.ts';

export function parseJsonFile(bytes: Uint8Array): unknown {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  // A UTF-8 byte order mark is legal in a file but not in JSON text.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new ImportError(400, 'The file is empty', { offset: 0 });
  try {
    return boundDepth(JSON.parse(body));
  } catch (error) {
    let reason = (error as Error).message;
    const position = /at position (\d+)/.exec(reason);
    let chars = position ? Number(position[1]) : body.length;
    if (!position) {
      const found = findJsonSyntaxError(body);
      if (found) ({ index: chars, message: reason } = found);
    }
    const offset = Buffer.byteLength(body.slice(0, chars)) + (body === text ? 0 : 3);
    const { line, column } = lineAndColumn(body, chars);
    const why = reason.replace(/\s*(?:in JSON )?at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
    throw new ImportError(
      400,
      `The file is not valid JSON at byte ${offset} (line ${line}, column ${column}): ${why}`,
      { offset },
    );
  }
}

function lineAndColumn(text: string, chars: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < chars; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: chars - lineStart + 1 };
}
