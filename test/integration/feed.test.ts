// The WebSocket: SDK ingest with acks after commit, and the live feed the UI follows.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as WsSocket } from 'ws';
import { LiveFeed } from '../../src/renderer/src/api/liveFeed.ts';
import type { ClientMessage, ServerMessage } from '../../src/shared/feed.ts';
import { FEED_POSITION_HEADER, mayLack } from '../../src/shared/feedPosition.ts';
import type { Span, TraceSummary } from '../../src/shared/types.ts';
import {
  connectWs,
  ingestRequest,
  postIngest,
  spanIdOf,
  startTestServer,
  traceIdOf,
  wire,
  type TestServer,
} from '../helpers/server.ts';

type Traces = Extract<ServerMessage, { type: 'traces' }>;
type Spans = Extract<ServerMessage, { type: 'spans' }>;
type Ack = Extract<ServerMessage, { type: 'ack' }>;
const T0 = Date.UTC(2026, 0, 1);
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('live feed', () => {
  it('sends new and updated trace summaries to list subscribers after each commit', async () => {
    const socket = await connectWs(server.url);
    socket.send({ type: 'subscribe-traces' });
    await socket.next((m) => m.type === 'subscribed' && m.request === 'subscribe-traces');
    const t = traceIdOf(1);
    const root = spanIdOf(1);
    await postIngest(
      server.url,
      ingestRequest([wire.traceStart(t, T0, { name: 'live run' }), wire.spanStart(t, root, null, T0)]),
    );
    const first = await socket.next<Traces>(
      (m) => m.type === 'traces' && m.traces.some((s) => s.traceId === t),
    );
    const summary = first.traces.find((s) => s.traceId === t)!;
    expect(summary).toMatchObject({ name: 'live run', status: 'running', spanCount: 1 });
    // The message was sent after the commit: the store already has what it says.
    expect(server.store.getTraceSummary(t)!.spanCount).toBe(1);
    await postIngest(server.url, ingestRequest([wire.spanEnd(t, root, T0 + 5)]));
    const second = await socket.next<Traces>(
      (m) =>
        m.type === 'traces' && m.traces.some((s: TraceSummary) => s.traceId === t && s.status === 'success'),
    );
    expect(second.traces.find((s) => s.traceId === t)!.durationMs).toBe(5);
    await socket.close();
  });

  it('sends span skeletons to subscribers of that trace only', async () => {
    const watched = traceIdOf(2);
    const other = traceIdOf(3);
    const socket = await connectWs(server.url);
    socket.send({ type: 'subscribe-trace', traceId: watched });
    await socket.next((m) => m.type === 'subscribed' && m.request === 'subscribe-trace');
    await postIngest(
      server.url,
      ingestRequest([
        wire.spanStart(other, spanIdOf(1), null, T0),
        wire.spanStart(watched, spanIdOf(1), null, T0, { input: 'x'.repeat(1000) }),
        wire.spanStart(watched, spanIdOf(2), spanIdOf(1), T0 + 1),
      ]),
    );
    const message = await socket.next<Spans>((m) => m.type === 'spans');
    expect(message.traceId).toBe(watched);
    expect(message.spans.map((s: Span) => s.spanId).sort()).toEqual([spanIdOf(1), spanIdOf(2)]);
    expect((message.spans[0] as Span & { input?: unknown }).input).toBeUndefined(); // skeletons, not payloads
    expect(message.spans.find((s) => s.spanId === spanIdOf(1))!.inputPreview!.length).toBeLessThanOrEqual(
      201,
    );
    // A trace-detail subscriber also hears the trace's own summary change.
    const summary = await socket.next<Traces>((m) => m.type === 'traces');
    expect(summary.traces.map((s) => s.traceId)).toEqual([watched]);
    expect(socket.messages.some((m) => m.type === 'spans' && m.traceId === other)).toBe(false);

    socket.send({ type: 'unsubscribe-trace', traceId: watched });
    await socket.next((m) => m.type === 'subscribed' && m.request === 'unsubscribe-trace');
    const before = socket.messages.length;
    await postIngest(server.url, ingestRequest([wire.spanEnd(watched, spanIdOf(2), T0 + 2)]));
    // The commit's messages go out before postIngest answers; a round trip on the same socket
    // comes after them, so once it is back, anything the commit sent here has arrived.
    const probe = traceIdOf(999);
    socket.send({ type: 'subscribe-trace', traceId: probe });
    await socket.next((m) => m.type === 'subscribed' && 'traceId' in m && m.traceId === probe);
    expect(socket.messages.slice(before).map((m) => m.type)).toEqual(['subscribed']);
    await socket.close();
  });

  it('coalesces: one traces message per commit, however many traces it touched', async () => {
    const socket = await connectWs(server.url);
    socket.send({ type: 'subscribe-traces' });
    await socket.next((m) => m.type === 'subscribed' && m.request === 'subscribe-traces');
    const events = Array.from({ length: 20 }, (_, i) =>
      wire.traceStart(traceIdOf(100 + i), T0 + i, { name: `bulk ${i}` }),
    );
    await postIngest(server.url, ingestRequest(events));
    const message = await socket.next<Traces>((m) => m.type === 'traces');
    expect(message.traces).toHaveLength(20);
    expect(message.traces[0]!.name).toBe('bulk 19'); // newest first
    await socket.close();
  });
});

describe("the feed's position (shared/feedPosition.ts)", () => {
  type Subscribed = Extract<ServerMessage, { type: 'subscribed' }>;
  /** A collector of its own: nothing else commits (or sweeps) between the reads compared. */
  let own: TestServer;
  beforeAll(async () => {
    own = await startTestServer();
  });
  afterAll(async () => {
    await own.close();
  });

  async function readAt(path: string): Promise<string> {
    const response = await fetch(`${own.url}${path}`);
    await response.arrayBuffer();
    expect(response.status).toBe(200);
    return response.headers.get(FEED_POSITION_HEADER)!;
  }
  const published = (position: string | null | undefined) => Number(position!.split(':')[1]);

  it('puts on each answer the count of commits its read started after, and on each ack where it took effect', async () => {
    const socket = await connectWs(own.url);
    const ack = async (message: ClientMessage, traceId?: string) => {
      const from = socket.messages.length;
      socket.send(message);
      return socket.next<Subscribed>(
        (m) =>
          socket.messages.indexOf(m) >= from &&
          m.type === 'subscribed' &&
          (traceId === undefined || ('traceId' in m && m.traceId === traceId)),
      );
    };
    try {
      const idle = await readAt('/api/traces');
      const list = await ack({ type: 'subscribe-traces' });
      expect(list).toMatchObject({ position: idle }); // nothing committed in between: no read again
      const a = traceIdOf(1);
      const b = traceIdOf(2);
      await postIngest(own.url, ingestRequest([wire.traceStart(a, T0, { name: 'a', sessionId: 's1' })]));
      const afterA = await readAt('/api/traces');
      expect(published(afterA)).toBe(published(idle) + 1);
      expect(mayLack(idle, afterA)).toBe(true);
      expect(await readAt(`/api/traces/${a}?format=columns`)).toBe(afterA);
      expect(await readAt(`/api/traces/${a}`)).toBe(afterA);
      expect(await readAt('/api/sessions')).toBe(afterA);
      expect(await readAt('/api/sessions/s1')).toBe(afterA);
      await postIngest(own.url, ingestRequest([wire.traceStart(b, T0, { name: 'b' })]));
      // A trace's ack says when that trace last changed: b's commit is nothing a read of a lacks.
      const followA = await ack({ type: 'subscribe-trace', traceId: a }, a);
      expect(followA).toMatchObject({ changedAt: afterA });
      expect(mayLack(afterA, (followA as { changedAt: string }).changedAt)).toBe(false);
      const followB = await ack({ type: 'subscribe-trace', traceId: b }, b);
      expect(published((followB as { changedAt: string }).changedAt)).toBe(published(afterA) + 1);
      // A trace not stored has nothing to miss.
      const absent = traceIdOf(3);
      expect(await ack({ type: 'subscribe-trace', traceId: absent }, absent)).toMatchObject({
        changedAt: null,
      });
    } finally {
      await socket.close();
    }
  });

  it('tells one collector run from the next, whose count starts again', async () => {
    const other = await startTestServer();
    try {
      const [first, second] = [await readAt('/api/traces'), await fetch(`${other.url}/api/traces`)];
      const otherAt = second.headers.get(FEED_POSITION_HEADER)!;
      await second.arrayBuffer();
      expect(first.split(':')[0]).not.toBe(otherAt.split(':')[0]);
      expect(mayLack(first, otherAt)).toBe(true);
    } finally {
      await other.close();
    }
  });
});

describe('ingest over the socket', () => {
  it('acks after the commit, with per-event rejections', async () => {
    const socket = await connectWs(server.url);
    const t = traceIdOf(4);
    socket.send({
      type: 'ingest',
      id: 7,
      batch: ingestRequest([wire.spanStart(t, spanIdOf(1), null, T0), wire.spanStart(t, 'nope', null, T0)]),
    });
    const ack = await socket.next<Ack>((m) => m.type === 'ack' && m.id === 7);
    expect(ack).toMatchObject({
      accepted: 1,
      rejected: 1,
      errors: [{ index: 1, field: 'events[1].spanId' }],
    });
    expect(server.store.getTraceSummary(t)!.spanCount).toBe(1);
    await socket.close();
  });

  it('answers unusable messages with an error naming the problem', async () => {
    const socket = await connectWs(server.url);
    socket.ws.send('{not json');
    expect(await socket.next((m) => m.type === 'error')).toMatchObject({
      error: expect.stringContaining('not valid JSON'),
    });
    socket.send({ type: 'ingest', id: 8, batch: { protocol: 9, events: [] } as never });
    expect(await socket.next((m) => m.type === 'error' && m.id === 8)).toMatchObject({
      field: 'batch.protocol',
    });
    socket.send({ type: 'dance' } as never);
    expect(await socket.next((m) => m.type === 'error' && m.field === 'type')).toBeTruthy();
    socket.send({ type: 'subscribe-trace', traceId: 'bad' });
    expect(await socket.next((m) => m.type === 'error' && m.field === 'traceId')).toBeTruthy();
    await socket.close();
  });
});

describe('slow consumers', () => {
  it('closes a socket whose backlog passes the limit instead of buffering without bound', async () => {
    const small = await startTestServer({ maxSocketBacklogBytes: 256 * 1024 });
    try {
      const socket = await connectWs(small.url);
      socket.send({ type: 'subscribe-traces' });
      await socket.next((m) => m.type === 'subscribed');
      // Stop reading: once the kernel's buffers are full, the server's send backlog grows.
      (socket.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      const closed = new Promise<number>((resolve) => socket.ws.once('close', (code) => resolve(code)));
      const name = 'y'.repeat(900);
      // ~260 KB of summaries per commit: 60 commits are far more than loopback's kernel buffers hold.
      for (let i = 0; i < 60; i++) {
        const events = Array.from({ length: 200 }, (_, k) =>
          wire.traceStart(traceIdOf(10_000 + i * 200 + k), T0, { name: `${name} ${i}` }),
        );
        await postIngest(small.url, ingestRequest(events));
      }
      // Reading again, the client gets what was queued before the limit, then the close.
      (socket.ws as unknown as { _socket: { resume(): void } })._socket.resume();
      const code = await closed;
      // The close frame may be cut off by the server's follow-up terminate: then it is 1006.
      expect([1013, 1006]).toContain(code);
      expect(socket.messages.filter((m) => m.type === 'traces').length).toBeLessThan(60);
    } finally {
      await small.close();
    }
  });
});

describe("the UI's feed client (api/liveFeed.ts) against real sockets", () => {
  /** A feed whose handler calls are counted, and a wait for a condition on them. */
  function startFeed(url: string) {
    const seen = { traces: [] as TraceSummary[], following: 0 };
    const feed = new LiveFeed(url, {
      onTraces: (traces) => seen.traces.push(...traces),
      onSpans: () => {},
      onFollowingTraces: () => {
        seen.following++;
      },
      onFollowingTrace: () => {},
      onReconnected: () => {},
    });
    feed.start();
    return { feed, seen };
  }

  it('says Live only once the collector has acknowledged the subscription', async () => {
    // A real WebSocket server that holds its ack, so the moment between the page's subscription
    // and the collector's is long enough to look at. (A page that said Live at the socket's open
    // could fetch its list and miss a trace committed before the subscription took effect.)
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(wss, 'listening');
    const connected = once(wss, 'connection') as Promise<[WsSocket]>;
    const { feed, seen } = startFeed(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
    try {
      const [socket] = await connected;
      const [subscription] = (await once(socket, 'message')) as [Buffer];
      expect(JSON.parse(subscription.toString())).toEqual({ type: 'subscribe-traces' });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(feed.state.get().status).toBe('connecting');
      expect(seen.following).toBe(0);
      socket.send(JSON.stringify({ type: 'subscribed', request: 'subscribe-traces' }));
      await expect.poll(() => feed.state.get().status).toBe('connected');
      expect(seen.following).toBe(1);
    } finally {
      feed.stop();
      wss.close();
    }
  });

  it('receives, once Live, every trace the collector commits', async () => {
    const { feed, seen } = startFeed(`${server.url.replace('http', 'ws')}/api/ws`);
    try {
      await expect.poll(() => feed.state.get().status).toBe('connected');
      const t = traceIdOf(40);
      await postIngest(server.url, ingestRequest([wire.traceStart(t, T0, { name: 'right after Live' })]));
      await expect.poll(() => seen.traces.some((s) => s.traceId === t)).toBe(true);
      expect(seen.following).toBe(1);
    } finally {
      feed.stop();
    }
  });
});
