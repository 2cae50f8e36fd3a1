// POST /api/forks (store the edited output) and GET /api/forks/:id (which reruns arrived).
import type { ForkCreated, ForkDetail, ForkRequest } from '../../../shared/forks.ts';
import { requestJson, sendJson } from './http.ts';

export function createFork(request: ForkRequest): Promise<ForkCreated> {
  return sendJson('POST', '/api/forks', request);
}

export function fetchFork(forkId: string, signal?: AbortSignal): Promise<ForkDetail> {
  return requestJson(`/api/forks/${encodeURIComponent(forkId)}`, { signal });
}
