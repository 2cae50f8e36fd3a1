// GET /api/pricing: which model price table estimates costs (source and date), for the UI.
import { priceTableInfo } from '../../pricing/index.ts';
import { sendJson } from '../http.ts';
import type { Route } from '../router.ts';

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/pricing',
    handle({ res }) {
      sendJson(res, 200, priceTableInfo());
    },
  },
];
