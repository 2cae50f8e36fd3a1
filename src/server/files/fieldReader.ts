// Typed reads of one object of a file, each failure recorded as "path: expected …" and the read
// going on, so one pass over a damaged file names its problems (up to a limit) instead of only
// the first. Nothing is thrown here; the caller decides once the whole file was read.

export interface Problem {
  field: string;
  message: string;
}

export const MAX_PROBLEMS = 20;

export class Problems {
  readonly list: Problem[] = [];
  /** Problems beyond MAX_PROBLEMS are counted, not kept. */
  more = 0;
  add(field: string, message: string): void {
    if (this.list.length < MAX_PROBLEMS) this.list.push({ field, message });
    else this.more++;
  }
  get any(): boolean {
    return this.list.length > 0;
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const TIME_MAX_MS = 7_258_118_400_000; // 2200-01-01: past it, the value is not epoch milliseconds

export class FieldReader {
  readonly obj: Record<string, unknown>;
  readonly path: string;
  readonly problems: Problems;

  constructor(obj: Record<string, unknown>, path: string, problems: Problems) {
    this.obj = obj;
    this.path = path;
    this.problems = problems;
  }

  /** A reader for an object nested under this one, at `this.path + key`. */
  child(obj: Record<string, unknown>, key: string): FieldReader {
    return new FieldReader(obj, `${this.path}.${key}`, this.problems);
  }

  fail(key: string, message: string): undefined {
    this.problems.add(`${this.path}.${key}`, message);
    return undefined;
  }

  /** The value when it passes `check`; null/absent → null (or a problem when required). */
  private read<T>(
    key: string,
    check: (v: unknown) => v is T,
    expected: string,
    required: boolean,
  ): T | null | undefined {
    const value = this.obj[key];
    if (value === undefined || value === null)
      return required ? this.fail(key, `expected ${expected}, found nothing`) : null;
    return check(value) ? value : this.fail(key, `expected ${expected}, found ${describe(value)}`);
  }

  string(key: string, required = false): string | null | undefined {
    return this.read(key, (v): v is string => typeof v === 'string', 'a string', required);
  }

  /** A string matching `pattern` (ids), lowercased. */
  id(key: string, pattern: RegExp, expected: string, required = false): string | null | undefined {
    const value = this.read(
      key,
      (v): v is string => typeof v === 'string' && pattern.test(v),
      expected,
      required,
    );
    return typeof value === 'string' ? value.toLowerCase() : value;
  }

  number(key: string, required = false): number | null | undefined {
    return this.read(
      key,
      (v): v is number => typeof v === 'number' && Number.isFinite(v),
      'a number',
      required,
    );
  }

  count(key: string): number | null | undefined {
    return this.read(
      key,
      (v): v is number => Number.isSafeInteger(v) && (v as number) >= 0,
      'a whole number ≥ 0',
      false,
    );
  }

  nonNegative(key: string): number | null | undefined {
    return this.read(
      key,
      (v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0,
      'a number ≥ 0',
      false,
    );
  }

  /** Epoch milliseconds (fraction allowed). */
  time(key: string, required = false): number | null | undefined {
    return this.read(
      key,
      (v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= TIME_MAX_MS,
      'epoch milliseconds (a number between 0 and 7258118400000)',
      required,
    );
  }

  boolean(key: string): boolean | null | undefined {
    return this.read(key, (v): v is boolean => typeof v === 'boolean', 'true or false', false);
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], required = false): T | null | undefined {
    const expected = `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`;
    return this.read(
      key,
      (v): v is T => typeof v === 'string' && (allowed as readonly string[]).includes(v),
      expected,
      required,
    );
  }

  record(key: string): Record<string, unknown> | null | undefined {
    return this.read(key, isRecord, 'an object', false);
  }

  array(key: string, required = false): unknown[] | null | undefined {
    return this.read(key, (v): v is unknown[] => Array.isArray(v), 'an array', required);
  }

  stringList(key: string): string[] | null | undefined {
    const list = this.array(key);
    if (!list) return list;
    const bad = list.findIndex((item) => typeof item !== 'string');
    if (bad !== -1) return this.fail(`${key}[${bad}]`, `expected a string, found ${describe(list[bad])}`);
    return list as string[];
  }
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
