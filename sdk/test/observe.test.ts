// Wrap-once helpers and trace-level fields: observe()/traceable() record arguments and results;
// traced/withSpan take sessionId, userId, tags and metadata; updateTrace/updateSpan change the
// current trace and span; the collector keeps session and user on the trace and filters by them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getJson, postIngest, startTestServer } from '../../test/helpers/server.ts';
import type { TestServer } from '../../test/helpers/server.ts';
import { Spyglass } from '../src/index.ts';
import type { StoredTrace } from './helpers.ts';
import { byName, waitForTrace } from './helpers.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const ended = (t: StoredTrace) => t.trace.status !== 'running';

it('observe() records the arguments and the return value, and hands both through untouched', async () => {
  const sg = new Spyglass({ url: server.url });
  const seen: unknown[] = [];
  const lookup = sg.observe(async function lookupOrder(orderId: string, options: { verbose: boolean }) {
    seen.push(sg.currentTraceId());
    return { orderId, status: 'shipped', verbose: options.verbose };
  });
  expect(lookup.name).toBe('lookupOrder');
  const answer = await lookup('A-1042', { verbose: true });
  expect(answer).toEqual({ orderId: 'A-1042', status: 'shipped', verbose: true });

  // Sync functions stay sync, `this` is kept, and a throw is recorded and rethrown as it was.
  const cart = {
    items: [3, 4],
    total: sg.observe(function total(this: { items: number[] }, tax: number) {
      return this.items.reduce((a, b) => a + b, 0) * (1 + tax);
    }),
  };
  expect(cart.total(0.5)).toBe(10.5);
  const failure = new TypeError('no such order');
  const failing = sg.traceable(
    (_id: string) => {
      throw failure;
    },
    { name: 'failing-lookup', type: 'tool' },
  );
  expect(() => failing('B-7')).toThrow(failure);
  await sg.flush();

  const traceId = seen[0] as string;
  const stored = await waitForTrace(server.url, traceId, ended);
  expect(stored.trace.name).toBe('lookupOrder');
  const root = byName(stored, 'lookupOrder');
  expect(root.input).toEqual(['A-1042', { verbose: true }]);
  expect(root.output).toEqual(answer);
  expect(stored.trace.output).toEqual(answer);

  const list = await getJson(`${server.url}/api/traces?name=total`);
  const totalTrace = await waitForTrace(server.url, list.body.traces[0].traceId, ended);
  expect(totalTrace.spans[0]).toMatchObject({ name: 'total', input: 0.5, output: 10.5 });
  const failed = await getJson(`${server.url}/api/traces?name=failing-lookup`);
  const failedTrace = await waitForTrace(server.url, failed.body.traces[0].traceId, ended);
  expect(failedTrace.spans[0]).toMatchObject({
    type: 'tool',
    input: 'B-7',
    status: 'error',
    error: { message: 'no such order', type: 'TypeError' },
  });
  await sg.shutdown();
});

it('keeps session, user, tags and metadata on the trace; the list filters by session and user', async () => {
  const sg = new Spyglass({ url: server.url });
  const turn = (text: string) =>
    sg.traced(
      'chat-turn',
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 2));
        return sg.currentTraceId()!;
      },
      { sessionId: 'conv-42', userId: 'user-7', tags: ['chat'], metadata: { channel: 'web' }, input: text },
    );
  const first = await turn('hello');
  const second = await turn('and again');
  const other = await sg.traced('other', () => sg.currentTraceId()!, { sessionId: 'conv-43' });
  await sg.flush();

  const stored = await waitForTrace(server.url, first, ended);
  expect(stored.trace).toMatchObject({
    sessionId: 'conv-42',
    userId: 'user-7',
    tags: ['chat'],
    metadata: { channel: 'web' },
  });
  await waitForTrace(server.url, other, ended);
  await waitForTrace(server.url, second, ended);
  const session = await getJson(`${server.url}/api/traces?session=conv-42`);
  expect(session.status).toBe(200);
  expect(session.body.traces.map((t: { traceId: string }) => t.traceId).sort()).toEqual(
    [first, second].sort(),
  );
  const user = await getJson(`${server.url}/api/traces?user=user-7`);
  expect(user.body.traces).toHaveLength(2);
  const none = await getJson(`${server.url}/api/traces?session=conv-nobody`);
  expect(none.body.traces).toEqual([]);
  expect((await getJson(`${server.url}/api/traces?session=`)).status).toBe(400);
  // A bad trace.update is refused with the field named; the good events of the batch are kept.
  const bad = await postIngest(server.url, {
    protocol: 1,
    events: [
      { kind: 'trace.update', traceId: first, tags: 'not-a-list' },
      { kind: 'trace.update', traceId: first, metadata: { reviewed: true } },
    ],
  });
  expect(bad.body.errors).toEqual([expect.objectContaining({ index: 0, field: 'events[0].tags' })]);
  const reviewed = await waitForTrace(server.url, first, (t) => t.trace.metadata.reviewed === true);
  expect(reviewed.trace.metadata).toEqual({ channel: 'web', reviewed: true });
  await sg.shutdown();
});

it('updateTrace and updateSpan change the current trace and span; nested traced() options reach the trace', async () => {
  const sg = new Spyglass({ url: server.url });
  const traceId = await sg.withSpan({ name: 'agent', type: 'agent', tags: ['first'] }, async () => {
    sg.updateTrace({ name: 'support-run', sessionId: 'conv-99', metadata: { plan: 'pro' } });
    await sg.traced(
      'classify',
      async () => {
        sg.updateSpan({ output: { intent: 'refund' }, metadata: { confidence: 0.9 } });
        return 'ignored because updateSpan set the output';
      },
      { tags: ['nested'], userId: 'user-9', metadata: { region: 'eu' } },
    );
    return sg.currentTraceId()!;
  });
  await sg.flush();

  const stored = await waitForTrace(server.url, traceId, ended);
  expect(stored.trace).toMatchObject({
    name: 'support-run',
    sessionId: 'conv-99',
    userId: 'user-9',
    metadata: { plan: 'pro', region: 'eu' },
  });
  expect([...stored.trace.tags].sort()).toEqual(['first', 'nested']);
  const classify = byName(stored, 'classify');
  expect(classify.output).toEqual({ intent: 'refund' });
  expect(classify.attributes).toMatchObject({ confidence: 0.9 });
  await sg.shutdown();
});
