// Where JSON text first breaks, for the cases where V8's message gives no position (e.g.
// "Unexpected token '}', … is not valid JSON"). A small iterative scanner of the JSON grammar
// (an explicit stack, so a deeply nested text cannot overflow the call stack): only ever run on
// text JSON.parse already rejected, so it needs to be right, not fast. The one locator for both
// the collector's request bodies and imported files.

export interface SyntaxProblem {
  /** Character index in the text. */
  index: number;
  message: string;
}

const WS = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in strings.
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const LITERALS = ['true', 'false', 'null'];

/** The first syntax error of `text`, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): SyntaxProblem | null {
  let i = 0;
  // What the scanner expects next; containers are a stack of '{' / '['.
  const stack: string[] = [];
  let expect: 'value' | 'key' | 'colon' | 'after' | 'end' = 'value';
  const at = (message: string): SyntaxProblem => ({ index: i, message });
  const skip = () => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  const match = (pattern: RegExp): number => {
    pattern.lastIndex = i;
    return pattern.test(text) ? pattern.lastIndex : -1;
  };
  for (;;) {
    skip();
    if (i >= text.length)
      return expect === 'end' ? null : at('the text ends before the JSON document is complete');
    const c = text[i]!;
    if (expect === 'end') return at(`unexpected ${JSON.stringify(c)} after the end of the JSON document`);
    if (expect === 'value') {
      if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        skip();
        const close = c === '{' ? '}' : ']';
        if (text[i] === close) {
          stack.pop();
          i++;
          expect = stack.length ? 'after' : 'end';
        } else expect = c === '{' ? 'key' : 'value';
        continue;
      }
      let end = c === '"' ? match(STRING) : c === '-' || (c >= '0' && c <= '9') ? match(NUMBER) : -1;
      if (end === -1) {
        const literal = LITERALS.find((l) => text.startsWith(l, i));
        if (literal) end = i + literal.length;
      }
      if (end === -1)
        return at(
          c === '"'
            ? 'a string is not closed or has a bad escape'
            : `unexpected ${JSON.stringify(c)} where a value should be`,
        );
      i = end;
      expect = stack.length ? 'after' : 'end';
    } else if (expect === 'key') {
      if (c !== '"') return at(`expected a double-quoted property name, found ${JSON.stringify(c)}`);
      const end = match(STRING);
      if (end === -1) return at('a property name is not closed or has a bad escape');
      i = end;
      expect = 'colon';
    } else if (expect === 'colon') {
      if (c !== ':') return at(`expected ':' after a property name, found ${JSON.stringify(c)}`);
      i++;
      expect = 'value';
    } else {
      const top = stack[stack.length - 1];
      const close = top === '{' ? '}' : ']';
      if (c === ',') {
        i++;
        expect = top === '{' ? 'key' : 'value';
      } else if (c === close) {
        stack.pop();
        i++;
        expect = stack.length ? 'after' : 'end';
      } else return at(`expected ',' or '${close}', found ${JSON.stringify(c)}`);
    }
  }
}

/** "line L column C (position N)" for an index into `text`. */
export function describeOffset(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line} column ${column} (position ${offset})`;
}
