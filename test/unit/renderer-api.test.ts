import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveFeed, feedUrl } from '../../src/renderer/src/api/liveFeed.ts';
import { traceListPath } from '../../src/renderer/src/api/http.ts';

/** Just enough of the browser's WebSocket for the feed client. */
class FakeSocket {
  static OPEN = 1;
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  url: string;
  constructor(url: string) {
    this.url = url;
    FakeSocket.instances.push(this);
  }
  send(text: string) {
    this.sent.push(JSON.parse(text));
  }
  close() {
    this.readyState = 3;
    this.onclose?.();
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
}

describe('feedUrl and traceListPath', () => {
  it('derives the socket URL from the page location', () => {
    expect(feedUrl({ protocol: 'http:', host: '127.0.0.1:4318' })).toBe('ws://127.0.0.1:4318/api/ws');
    expect(feedUrl({ protocol: 'https:', host: 'example.test' })).toBe('wss://example.test/api/ws');
  });

  it('puts only the given query parameters in the list path', () => {
    expect(traceListPath({})).toBe('/api/traces');
    expect(traceListPath({ q: 'a b', limit: 50, status: 'error', tag: '' })).toBe(
      '/api/traces?q=a+b&limit=50&status=error',
    );
    expect(traceListPath({ attr: ['app.tenant=acme', 'temp>0.5'] })).toBe(
      '/api/traces?attr=app.tenant%3Dacme&attr=temp%3E0.5',
    );
  });
});

describe('LiveFeed', () => {
  beforeEach(() => {
    FakeSocket.instances = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  function makeFeed() {
    const calls = {
      traces: [] as unknown[],
      spans: [] as unknown[],
      following: [] as (string | null)[],
      followingTraces: [] as [string, string | null][],
      reconnected: 0,
    };
    const feed = new LiveFeed('ws://x/api/ws', {
      onTraces: (traces) => calls.traces.push(...traces),
      onSpans: (traceId, spans) => calls.spans.push([traceId, spans.length]),
      onFollowingTraces: (position) => calls.following.push(position),
      onFollowingTrace: (traceId, changedAt) => calls.followingTraces.push([traceId, changedAt]),
      onReconnected: () => calls.reconnected++,
    });
    return { feed, calls };
  }

  it('subscribes on open and routes traces and spans messages', () => {
    const { feed, calls } = makeFeed();
    feed.start();
    const socket = FakeSocket.instances[0]!;
    expect(feed.state.get().status).toBe('connecting');
    socket.open();
    expect(socket.sent).toEqual([{ type: 'subscribe-traces' }]);
    socket.receive({ type: 'subscribed', request: 'subscribe-traces', position: 'run1:4' });
    expect(feed.state.get().status).toBe('connected');
    expect(calls.following).toEqual(['run1:4']);
    const unfollow = feed.followTrace('t1');
    expect(socket.sent.at(-1)).toEqual({ type: 'subscribe-trace', traceId: 't1' });
    // Followed on an open socket: its fetch may have been read before or after the subscription,
    // so the ack's position is handed on either way (state/feedCatchUp.ts compares).
    socket.receive({ type: 'subscribed', request: 'subscribe-trace', traceId: 't1', changedAt: 'run1:2' });
    expect(calls.followingTraces).toEqual([['t1', 'run1:2']]);
    // A trace that is not stored has nothing to catch up; one no longer followed is not checked.
    feed.followTrace('t2')();
    socket.receive({ type: 'subscribed', request: 'subscribe-trace', traceId: 't2', changedAt: 'run1:3' });
    const unfollowNew = feed.followTrace('new');
    socket.receive({ type: 'subscribed', request: 'subscribe-trace', traceId: 'new', changedAt: null });
    expect(calls.followingTraces).toEqual([['t1', 'run1:2']]);
    unfollowNew();
    socket.receive({ type: 'hello', version: '9.9.9' });
    socket.receive({ type: 'traces', traces: [{ traceId: 'a' }] });
    socket.receive({ type: 'spans', traceId: 't1', spans: [{}, {}] });
    socket.onmessage?.({ data: 'not json' });
    expect(feed.state.get().version).toBe('9.9.9');
    expect(calls.traces).toEqual([{ traceId: 'a' }]);
    expect(calls.spans).toEqual([['t1', 2]]);
    unfollow();
    expect(socket.sent.at(-1)).toEqual({ type: 'unsubscribe-trace', traceId: 't1' });
    feed.stop();
  });

  it('catches up a trace followed before the socket opened, once the collector has its subscription', () => {
    const { feed, calls } = makeFeed();
    feed.start();
    feed.followTrace('deep-linked');
    const socket = FakeSocket.instances[0]!;
    socket.open();
    expect(socket.sent.at(-1)).toEqual({ type: 'subscribe-trace', traceId: 'deep-linked' });
    expect(calls.followingTraces).toEqual([]);
    socket.receive({
      type: 'subscribed',
      request: 'subscribe-trace',
      traceId: 'deep-linked',
      changedAt: 'run1:7',
    });
    expect(calls.followingTraces).toEqual([['deep-linked', 'run1:7']]);
    feed.stop();
  });

  it('reconnects with growing backoff, resubscribes what it follows, and reports the reconnect', () => {
    const { feed, calls } = makeFeed();
    feed.start();
    FakeSocket.instances[0]!.open();
    FakeSocket.instances[0]!.receive({ type: 'subscribed', request: 'subscribe-traces', position: 'run1:0' });
    feed.followTrace('t1');
    FakeSocket.instances[0]!.close();
    expect(feed.state.get().status).toBe('reconnecting');
    // First retry within 250 ms; a failed attempt waits longer the next time.
    vi.advanceTimersByTime(250);
    expect(FakeSocket.instances).toHaveLength(2);
    FakeSocket.instances[1]!.close();
    vi.advanceTimersByTime(240);
    expect(FakeSocket.instances).toHaveLength(2);
    vi.advanceTimersByTime(260);
    expect(FakeSocket.instances).toHaveLength(3);
    const socket = FakeSocket.instances[2]!;
    socket.open();
    expect(socket.sent).toEqual([{ type: 'subscribe-traces' }, { type: 'subscribe-trace', traceId: 't1' }]);
    expect(calls.reconnected).toBe(1);
    // A collector that does not say where it stands: the list must be read again.
    socket.receive({ type: 'subscribed', request: 'subscribe-traces' });
    expect(feed.state.get().status).toBe('connected');
    expect(calls.following).toEqual(['run1:0', null]);
    // The trace subscribed to again as the socket opened: checked once its ack comes.
    expect(calls.followingTraces).toEqual([]);
    socket.receive({ type: 'subscribed', request: 'subscribe-trace', traceId: 't1', changedAt: 'run2:0' });
    expect(calls.followingTraces).toEqual([['t1', 'run2:0']]);
    feed.stop();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(3);
  });
});
