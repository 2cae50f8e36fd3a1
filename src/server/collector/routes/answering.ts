// The store's QueryError (a filter it cannot parse, a cursor it never gave out) is the caller's
// mistake: a 400 that names the parameter. Shared by the list routes.
import { QueryError } from '../../store/index.ts';
import { HttpError } from '../http.ts';

/** Runs a store read, turning a QueryError into that 400. */
export function answering<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof QueryError)
      throw new HttpError(400, `Query parameter "${error.field}": ${error.message}`, error.field);
    throw error;
  }
}
