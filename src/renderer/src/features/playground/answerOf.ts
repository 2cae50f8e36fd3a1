// The assistant's answer inside a recorded LLM output, so the recorded and the re-run answer
// are diffed as like for like: SDKs record the whole completion ({ choices: [{ message }] }),
// the re-run records the assembled message.
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export function answerOf(output: unknown): unknown {
  let value = output;
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      if (isObj(parsed)) value = parsed;
    } catch {
      return output; // Plain text: the answer itself.
    }
  }
  if (isObj(value) && Array.isArray(value.choices) && isObj(value.choices[0])) {
    const choice = value.choices[0];
    if (isObj(choice.message)) return choice.message;
    if (typeof choice.text === 'string') return choice.text;
  }
  return value;
}
