// Why a file cannot be imported, with where it is damaged. Nothing is written when one is thrown:
// every file is checked whole before the single transaction that stores it.
import type { ImportErrorBody } from '../../shared/files.ts';

export class ImportError extends Error {
  /** 400: the bytes are not a readable document; 422: readable, but a value is wrong. */
  readonly status: 400 | 422;
  readonly field: string | undefined;
  readonly offset: number | undefined;
  readonly problems: string[];

  constructor(
    status: 400 | 422,
    message: string,
    where: { field?: string; offset?: number; problems?: string[] } = {},
  ) {
    super(message);
    this.name = 'ImportError';
    this.status = status;
    this.field = where.field;
    this.offset = where.offset;
    this.problems = where.problems ?? [];
  }

  toBody(): ImportErrorBody {
    const body: ImportErrorBody = { error: this.message };
    if (this.field !== undefined) body.field = this.field;
    if (this.offset !== undefined) body.offset = this.offset;
    if (this.problems.length > 1) body.problems = this.problems;
    return body;
  }
}
