// genai-prices describes which model names a price entry covers with a small boolean language
// (`equals`, `starts_with`, `contains`, `ends_with`, `regex`, `or`, `and`). This compiles one
// clause tree into a predicate once, so lookups do no parsing. Matching is case-insensitive.

export type MatchLogic =
  | { equals: string }
  | { starts_with: string }
  | { ends_with: string }
  | { contains: string }
  | { regex: string }
  | { or: MatchLogic[] }
  | { and: MatchLogic[] };

export type Matcher = (nameLower: string) => boolean;

const never: Matcher = () => false;

export function compileMatch(logic: unknown): Matcher {
  if (logic === null || typeof logic !== 'object') return never;
  const clause = logic as Record<string, unknown>;
  if (typeof clause.equals === 'string') {
    const want = clause.equals.toLowerCase();
    return (name) => name === want;
  }
  if (typeof clause.starts_with === 'string') {
    const want = clause.starts_with.toLowerCase();
    return (name) => name.startsWith(want);
  }
  if (typeof clause.ends_with === 'string') {
    const want = clause.ends_with.toLowerCase();
    return (name) => name.endsWith(want);
  }
  if (typeof clause.contains === 'string') {
    const want = clause.contains.toLowerCase();
    return (name) => name.includes(want);
  }
  if (typeof clause.regex === 'string') {
    let re: RegExp;
    try {
      re = new RegExp(clause.regex, 'i');
    } catch {
      return never; // an upstream pattern JS cannot compile only loses that entry
    }
    return (name) => re.test(name);
  }
  if (Array.isArray(clause.or)) {
    const parts = clause.or.map(compileMatch);
    return (name) => parts.some((part) => part(name));
  }
  if (Array.isArray(clause.and)) {
    const parts = clause.and.map(compileMatch);
    return (name) => parts.every((part) => part(name));
  }
  return never;
}
