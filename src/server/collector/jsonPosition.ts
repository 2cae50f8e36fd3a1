// Where a JSON text first breaks, for error messages: V8's JSON.parse does not always say
// (e.g. "Unexpected token '}', ..."s": [}" is not valid JSON"). Runs only after a parse failed.
// Iterative (an explicit stack), so a deeply nested body cannot overflow the call stack.

/** The offset of the first character that makes `text` invalid JSON, or null if it is valid. */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const stack: ('{' | '[')[] = [];
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (): boolean => {
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return true;
      }
    }
    return false;
  };
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else {
          i++;
          return false;
        }
      } else i++;
    }
    return false;
  };
  const number = (): boolean => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) return false;
    i += match[0].length;
    return true;
  };
  // After a value: close containers or expect a separator.
  const afterValue = (): 'more' | 'done' | 'error' => {
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) return i === text.length ? 'done' : 'error';
      if (text[i] === ',') {
        i++;
        ws();
        if (top === '{') {
          if (!string()) return 'error';
          ws();
          if (text[i] !== ':') return 'error';
          i++;
        }
        return 'more';
      }
      if ((top === '{' && text[i] === '}') || (top === '[' && text[i] === ']')) {
        stack.pop();
        i++;
        continue;
      }
      return 'error';
    }
  };
  for (;;) {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      ws();
      if (text[i] === (c === '{' ? '}' : ']')) {
        stack.pop();
        i++;
      } else if (c === '{') {
        if (!string()) return i;
        ws();
        if (text[i] !== ':') return i;
        i++;
        continue;
      } else continue;
    } else if (!(string() || number() || literal())) return i;
    const next = afterValue();
    if (next === 'done') return null;
    if (next === 'error') return i;
  }
}

/** "line L column C (offset N)" for an offset into `text`. */
export function describeOffset(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line} column ${column} (position ${offset})`;
}
