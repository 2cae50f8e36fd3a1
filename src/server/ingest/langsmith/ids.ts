// LangSmith ids are UUIDs (v7 from the JS SDK). A trace id is the root run's UUID as 32 hex
// digits, as OTLP's 16-byte trace ids are. A span id is 8 bytes: the UUID's last 16 hex digits,
// its random part (v7's first digits are a timestamp shared by runs started in one millisecond).
// The full run id stays in the attribute `langsmith.run_id`.
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

export function traceIdOf(uuid: unknown): string | undefined {
  if (typeof uuid !== 'string' || !UUID.test(uuid)) return undefined;
  return uuid.replaceAll('-', '').toLowerCase();
}

export function spanIdOf(uuid: unknown): string | undefined {
  return traceIdOf(uuid)?.slice(16);
}

/** The root run's id from a dotted order (`<time>Z<uuid>.<time>Z<uuid>…`), for patches without trace_id. */
export function rootIdOfDottedOrder(dotted: unknown): string | undefined {
  if (typeof dotted !== 'string') return undefined;
  const first = dotted.split('.')[0] ?? '';
  const z = first.indexOf('Z');
  return z >= 0 ? first.slice(z + 1) : undefined;
}
