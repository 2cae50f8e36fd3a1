// GET /api/health: liveness and version, for the SDK, the shell and scripts that wait for startup.
import type { HealthResponse } from '../../../shared/types.ts';
import { APP_VERSION } from '../../../shared/version.ts';
import { sendJson } from '../http.ts';
import type { Route } from '../router.ts';

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/health',
    handle({ res, ctx }) {
      // Still ok (the collector is up and answering): the storage state says whether it can write.
      const body: HealthResponse = {
        ok: true,
        version: APP_VERSION,
        searchLagMs: Math.round(ctx.store.searchLagMs()),
        storage: ctx.storageHealth(),
      };
      sendJson(res, 200, body);
    },
  },
];
