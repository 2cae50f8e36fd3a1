// One unit of full-text indexing, as the indexer (searchIndex.ts) hands it out: the spans and traces
// with ids in a range, indexed whole, and changed fields of rows indexed before. It reads the texts
// from the store and writes the FTS rows and the new watermarks into the search file, in one
// transaction of the search file only, so the store's writer is never kept waiting. The same code
// runs on the search thread (its own connection) and, where there is none, on the store's own.
//
// FTS rows: rowid = owner id * 4 + field slot (see migrations.ts v2), one row per indexed field,
// replaced in place (contentless_delete) when the field changes.
import type Database from 'better-sqlite3';
import { withCjkPairs } from './cjkPairs.ts';

export const FIELD_NAME = 1;
export const FIELD_INPUT = 2;
export const FIELD_OUTPUT = 4;
export const FIELD_ERROR = 8;
export const ALL_FIELDS = FIELD_NAME | FIELD_INPUT | FIELD_OUTPUT | FIELD_ERROR;

const SEARCH_TEXT_CHARS = 65_536;

export type SearchKind = 'span' | 'trace';

export interface SearchJob {
  /** Spans with from < id ≤ to are indexed whole (from = to: none). */
  spans: { from: number; to: number };
  traces: { from: number; to: number };
  /** Rows indexed before whose fields changed: owner = span id, or minus a trace id. */
  pending: [owner: number, fields: number][];
  /**
   * Then fold the store's WAL into its file (a PASSIVE checkpoint): on the search thread, so that
   * the ingest thread never stops for one (searchIndex.ts).
   */
  checkpointStore?: boolean;
}

/**
 * Stored JSON → the text to index: anything but a string as its JSON text with the escapes undone
 * (jsonWords); a string as its text, with escapes undone only when the text is JSON itself
 * (OpenInference's `input.value` often is). Other text keeps its backslashes: in `C:\new` they
 * are a path's, and undoing "\n" lost the word "new". Chinese and Japanese runs are indexed as
 * pairs of characters (cjkPairs.ts), after the escapes are undone: Python's json.dumps sends them
 * as \u escapes.
 */
function searchText(json: string | null): string | null {
  if (json === null) return null;
  const value = json.startsWith('"') ? (JSON.parse(json) as string) : null;
  const text = value === null || /^\s*[[{]/.test(value) ? jsonWords(value ?? json) : value;
  return withCjkPairs(text.length > SEARCH_TEXT_CHARS ? text.slice(0, SEARCH_TEXT_CHARS) : text);
}

/** A JSON escape other than \uXXXX (its backslash and one character), and a \uXXXX one. */
const SHORT_ESCAPE = /\\[^u]/g;
const UNICODE_ESCAPE = /\\u([0-9a-fA-F]{4})/g;

/**
 * JSON text with its escapes undone for the tokenizer, which would read them as letters: a
 * message's "line\nnext" is the words "line" and "next", not "line" and "nnext", so a word after
 * a line break or a tab was not found. A \uXXXX escape becomes its character, any other a space.
 * Cheaper than parsing the JSON and joining its strings, and the keys stay searchable as before;
 * two passes, the second only where a \u is left, take half the time of one with a function for
 * every escape (11 µs for 12 KB with 150 line breaks, about 5% of indexing it).
 */
function jsonWords(json: string): string {
  if (!json.includes('\\')) return json;
  // Left to right, so an escaped backslash is taken before the character after it is looked at.
  const words = json.replace(SHORT_ESCAPE, ' ');
  if (!words.includes('\\u')) return words;
  return words.replace(UNICODE_ESCAPE, (_escape, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

interface Texts {
  id: number;
  name: string | null;
  input: string | null;
  output: string | null;
  error: string | null;
}

export class SearchJobRunner {
  private readonly stmt;
  /** Runs a job in one transaction; returns how many rows it indexed. */
  readonly run: (job: SearchJob) => number;

  /** `db` has the store as `main` and the search file attached as `search` (searchFile.ts). */
  constructor(db: Database.Database) {
    const spanTexts = `SELECT s.id, s.name, p.input, p.output, s.error_json ->> '$.message' AS error
      FROM main.spans s LEFT JOIN main.span_payloads p ON p.span_pk = s.id`;
    const traceTexts = `SELECT t.id, t.name, p.input, p.output, NULL AS error
      FROM main.traces t LEFT JOIN main.trace_payloads p ON p.trace_pk = t.id`;
    this.stmt = {
      spans: db.prepare(`${spanTexts} WHERE s.id > ? AND s.id <= ? ORDER BY s.id`),
      traces: db.prepare(`${traceTexts} WHERE t.id > ? AND t.id <= ? ORDER BY t.id`),
      span: db.prepare(`${spanTexts} WHERE s.id = ?`),
      trace: db.prepare(`${traceTexts} WHERE t.id = ?`),
      fts: {
        span: db.prepare('INSERT OR REPLACE INTO search.span_fts (rowid, text) VALUES (?, ?)'),
        trace: db.prepare('INSERT OR REPLACE INTO search.trace_fts (rowid, text) VALUES (?, ?)'),
      },
      raiseWatermark: db.prepare('UPDATE search.search_progress SET value = max(value, ?) WHERE key = ?'),
    };
    this.run = db.transaction((job: SearchJob) => this.index(job));
  }

  private index(job: SearchJob): number {
    let done = 0;
    for (const kind of ['span', 'trace'] as const) {
      const range = kind === 'span' ? job.spans : job.traces;
      if (range.to <= range.from) continue;
      const rows = (kind === 'span' ? this.stmt.spans : this.stmt.traces).all(
        range.from,
        range.to,
      ) as Texts[];
      for (const row of rows) this.write(kind, row, ALL_FIELDS);
      this.stmt.raiseWatermark.run(range.to, `${kind}_watermark`);
      done += rows.length;
    }
    for (const [owner, fields] of job.pending) {
      const kind: SearchKind = owner > 0 ? 'span' : 'trace';
      const row = (kind === 'span' ? this.stmt.span : this.stmt.trace).get(Math.abs(owner)) as
        | Texts
        | undefined;
      if (row) this.write(kind, row, fields);
    }
    return done + job.pending.length;
  }

  private write(kind: SearchKind, row: Texts, fields: number): void {
    const insert = this.stmt.fts[kind];
    const base = row.id * 4;
    if (fields & FIELD_NAME && row.name !== null) insert.run(base, withCjkPairs(row.name));
    if (fields & FIELD_INPUT && row.input !== null) insert.run(base + 1, searchText(row.input));
    if (fields & FIELD_OUTPUT && row.output !== null) insert.run(base + 2, searchText(row.output));
    if (fields & FIELD_ERROR && row.error !== null) insert.run(base + 3, withCjkPairs(row.error));
  }
}
