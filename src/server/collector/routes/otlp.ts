// POST /v1/traces (OTLP/HTTP) lives here; owned by the OTLP work. Until it lands, no routes.
// See ../router.ts for the Route shape and ctx.ingest / ctx.readBody.
import type { Route } from '../router.ts';

export const routes: Route[] = [];
