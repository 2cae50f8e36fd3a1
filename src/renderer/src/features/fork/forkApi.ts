// POST /api/forks (store the edited output) and GET /api/forks/:id (which reruns arrived).
import type { ForkCreated, ForkDetail, ForkRequest } from '../../../../shared/forks.ts';

async function failure(response: Response): Promise<Error> {
  try {
    const body = (await response.json()) as { error?: string };
    if (typeof body.error === 'string') return new Error(body.error);
  } catch {
    // Not JSON.
  }
  return new Error(`${response.status} ${response.statusText}`);
}

export async function createFork(request: ForkRequest): Promise<ForkCreated> {
  const response = await fetch('/api/forks', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
  });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as ForkCreated;
}

export async function fetchFork(forkId: string, signal?: AbortSignal): Promise<ForkDetail> {
  const response = await fetch(`/api/forks/${encodeURIComponent(forkId)}`, { signal });
  if (!response.ok) throw await failure(response);
  return (await response.json()) as ForkDetail;
}
