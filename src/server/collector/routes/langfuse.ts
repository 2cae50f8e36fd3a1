// POST /api/public/otel/v1/traces: the Langfuse SDK's OTel ingestion path. Its span processor is a
// plain OTLP/HTTP exporter with `Authorization: Basic base64(publicKey:secretKey)`, so the
// request is answered exactly like POST /v1/traces. The credentials are ignored: the collector
// trusts loopback and guards it with its Host/Origin rules, which still apply here.
import type { Route } from '../router.ts';
import { routes as otlpRoutes } from './otlp.ts';

const otlpTraces = otlpRoutes.find((route) => route.method === 'POST' && route.path === '/v1/traces');
if (!otlpTraces) throw new Error('the OTLP route POST /v1/traces is missing');

export const LANGFUSE_OTEL_PATH = '/api/public/otel/v1/traces';

export const routes: Route[] = [{ method: 'POST', path: LANGFUSE_OTEL_PATH, handle: otlpTraces.handle }];
