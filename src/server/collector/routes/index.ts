// Every route family. Each file exports `routes: Route[]` (see router.ts for how to write one).
import type { Route } from '../router.ts';
import { routes as files } from './files.ts';
import { routes as forks } from './forks.ts';
import { routes as health } from './health.ts';
import { routes as ingest } from './ingest.ts';
import { routes as langfuse } from './langfuse.ts';
import { routes as langsmith } from './langsmith.ts';
import { routes as otlp } from './otlp.ts';
import { routes as pricing } from './pricing.ts';
import { routes as replay } from './replay.ts';
import { routes as sessions } from './sessions.ts';
import { routes as traces } from './traces.ts';
import { routes as values } from './values.ts';

export const allRoutes: readonly Route[] = [
  ...health,
  ...ingest,
  ...traces,
  ...values,
  ...sessions,
  ...otlp,
  ...langfuse,
  ...langsmith,
  ...pricing,
  ...files,
  ...replay,
  ...forks,
];
