// Ids in OpenAI's shapes. A per-server counter keeps them unique and repeatable run to run.

export interface IdSource {
  next(prefix: string): string;
}

export function idSource(): IdSource {
  let n = 0;
  return {
    next(prefix) {
      n += 1;
      return `${prefix}${n.toString(36).padStart(6, '0')}fake`;
    },
  };
}

/** Real answers name the dated snapshot that served them. */
const SNAPSHOTS: Record<string, string> = {
  'gpt-4o': 'gpt-4o-2024-08-06',
  'gpt-4o-mini': 'gpt-4o-mini-2024-07-18',
};

export function servedModel(requested: unknown): string {
  const model = typeof requested === 'string' && requested ? requested : 'gpt-4o-mini';
  return SNAPSHOTS[model] ?? model;
}

/** Splits text into word-sized pieces the way a model streams it. */
export function pieces(text: string, size = 12): string[] {
  const out: string[] = [];
  const words = text.match(/\S+\s*|\s+/g) ?? [];
  let current = '';
  for (const word of words) {
    current += word;
    if (current.length >= size) {
      out.push(current);
      current = '';
    }
  }
  if (current) out.push(current);
  return out;
}
