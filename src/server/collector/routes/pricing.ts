// /api/pricing: which model price table estimates costs (source, date, model count), and changing
// it from the app: PUT a genai-prices or LiteLLM JSON file's text (X-File-Name and X-File-Date
// label it), DELETE to go back to the bundled snapshot. A new table prices spans received from
// then on; costs already stored are not recomputed.
import { basename } from 'node:path';
import { forgetSavedPriceTable, savePriceText } from '../../pricing/savedTable.ts';
import { HttpError, sendJson } from '../http.ts';
import type { Route } from '../router.ts';

const MAX_NAME_CHARS = 120;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The file's name as the client labelled it (percent-encoded, any folders dropped), else a plain label. */
function fileName(header: string | string[] | undefined): string {
  let name = typeof header === 'string' ? header : '';
  try {
    name = decodeURIComponent(name);
  } catch {
    // Not percent-encoded: keep it as sent.
  }
  name = basename(name.replaceAll('\\', '/'))
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is stripped.
    .replace(/[\u0000-\u001f]/g, '')
    .slice(0, MAX_NAME_CHARS);
  return name || 'chosen in the app';
}

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/api/pricing',
    handle({ res, ctx }) {
      sendJson(res, 200, ctx.prices.info());
    },
  },
  {
    method: 'PUT',
    path: '/api/pricing',
    async handle({ req, res, ctx }) {
      const text = (await ctx.readBody(req)).toString('utf8');
      const dateHeader = req.headers['x-file-date'];
      const date =
        typeof dateHeader === 'string' && DATE.test(dateHeader)
          ? dateHeader
          : new Date().toISOString().slice(0, 10);
      const file = { name: fileName(req.headers['x-file-name']), date, text };
      let info: ReturnType<typeof ctx.prices.loadText>;
      try {
        info = ctx.prices.loadText(file.text, file);
      } catch (error) {
        // The table in use is unchanged: nothing was installed.
        throw new HttpError(422, (error as Error).message);
      }
      try {
        savePriceText(ctx.store.path, file);
      } catch (error) {
        ctx.log(
          `spyglass: the new price table is in use but could not be kept for the next start: ${(error as Error).message}`,
        );
      }
      sendJson(res, 200, info);
    },
  },
  {
    method: 'DELETE',
    path: '/api/pricing',
    handle({ res, ctx }) {
      forgetSavedPriceTable(ctx.store.path);
      sendJson(res, 200, ctx.prices.applyBundled());
    },
  },
];
