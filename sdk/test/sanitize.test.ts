// Whatever an agent passes, the captured snapshot is JSON-safe, bounded and free of secrets.
import { describe, expect, it } from 'vitest';
import { createMasker, MASK } from '../src/mask.ts';
import { sanitize } from '../src/sanitize.ts';

const limits = { maxStringLength: 1000, maxDepth: 10, maxItems: 50 };
const masker = createMasker(undefined);
const clean = (value: unknown, m = masker) => sanitize(value, limits, m).value;

describe('sanitize', () => {
  it('describes cycles instead of recursing', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    a.list = [a];
    expect(clean(a)).toEqual({ name: 'a', self: '[Circular]', list: ['[Circular]'] });
  });

  it('keeps repeated (non-circular) references', () => {
    const shared = { x: 1 };
    expect(clean({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });
  });

  it('turns BigInt, symbols, functions, NaN and dates into strings', () => {
    const out = clean({
      big: 12345678901234567890n,
      sym: Symbol('s'),
      fn: function named() {},
      arrow: () => 1,
      nan: NaN,
      inf: -Infinity,
      when: new Date(0),
    });
    expect(out).toEqual({
      big: '12345678901234567890',
      sym: 'Symbol(s)',
      fn: '[Function named]',
      arrow: '[Function arrow]',
      nan: 'NaN',
      inf: '-Infinity',
      when: '1970-01-01T00:00:00.000Z',
    });
    expect(() => JSON.stringify(out)).not.toThrow();
  });

  it('keeps an Error with its stack and cause', () => {
    const error = new TypeError('bad thing', { cause: new Error('root') });
    const out = clean({ error }) as { error: Record<string, any> };
    expect(out.error.name).toBe('TypeError');
    expect(out.error.message).toBe('bad thing');
    expect(out.error.stack).toContain('TypeError: bad thing');
    expect(out.error.cause.message).toBe('root');
  });

  it('cuts huge strings with a visible marker naming the size cut', () => {
    const out = clean('x'.repeat(1_201_000)) as string;
    expect(out.length).toBeLessThan(1100);
    expect(out).toMatch(/…\[truncated 1\.2 MB\]$/);
  });

  it('summarises binary data', () => {
    const out = clean({ buf: Buffer.alloc(2048), ab: new ArrayBuffer(10), f32: new Float32Array(1536) });
    expect(out).toEqual({ buf: '[Buffer 2.0 kB]', ab: '[ArrayBuffer 10 B]', f32: '[Float32Array 6.1 kB]' });
  });

  it('survives getters that throw and hostile proxies', () => {
    const obj = {
      ok: 1,
      get bad() {
        throw new Error('nope');
      },
    };
    expect(clean(obj)).toEqual({ ok: 1, bad: '[Unreadable: nope]' });
    const hostile = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    expect(clean(hostile)).toBe('[Unserializable: trap]');
    expect(clean({ nested: hostile })).toEqual({ nested: '[Unreadable: trap]' });
  });

  it('bounds depth and item counts', () => {
    let deep: Record<string, unknown> = { end: true };
    for (let i = 0; i < 20; i++) deep = { next: deep };
    expect(JSON.stringify(clean(deep))).toContain('[Object]');
    const long = clean(Array.from({ length: 60 }, (_, i) => i)) as unknown[];
    expect(long).toHaveLength(51);
    expect(long.at(-1)).toBe('…[10 more items]');
  });

  it('converts Map and Set, and calls toJSON', () => {
    expect(clean({ m: new Map([['k', 1]]), s: new Set([1, 2]), t: { toJSON: () => 'custom' } })).toEqual({
      m: [['k', 1]],
      s: [1, 2],
      t: 'custom',
    });
  });

  it('counts an approximate size that grows with the payload', () => {
    const small = sanitize({ a: 'x' }, limits, null).approxBytes;
    const big = sanitize({ a: 'x'.repeat(900) }, limits, null).approxBytes;
    expect(big - small).toBeGreaterThanOrEqual(899);
  });
});

describe('masking', () => {
  it('masks secret-looking keys at any depth, but not token counts', () => {
    const out = clean({
      headers: { Authorization: 'Bearer abc', 'x-api-key': 'k1' },
      apiKey: 'k2',
      api_key: 'k3',
      db: { password: 'hunter2', client_secret: 's', access_token: 't', token: 't2' },
      usage: { prompt_tokens: 3, max_tokens: 10 },
      empty: { password: '' },
    });
    expect(out).toEqual({
      headers: { Authorization: MASK, 'x-api-key': MASK },
      apiKey: MASK,
      api_key: MASK,
      db: { password: MASK, client_secret: MASK, access_token: MASK, token: MASK },
      usage: { prompt_tokens: 3, max_tokens: 10 },
      empty: { password: '' },
    });
  });

  it('masks key-like values inside any string', () => {
    const out = clean({
      note: 'use sk-proj-abcdefghijklmnop1234 then Bearer eyJhbGciOiJIUzI1NiJ9.payload',
    }) as { note: string };
    expect(out.note).toBe(`use ${MASK} then ${MASK}`);
  });

  it('masks each kind of key it knows, wherever it sits in a string, and leaves other text as it is', () => {
    const keys = [
      'sk-ant-api03-abcdefghijklmnop',
      'ghp_abcdefghijklmnopqrstuvwxyz0123',
      'github_pat_abcdefghijklmnopqrstuvwx',
      'xoxb-1234567890-abcdef',
      'AKIAABCDEFGHIJKLMNOP',
      'Bearer abcdefghijklmnop.qrs',
    ];
    for (const key of keys) {
      expect(masker!.maskString(`start ${key}`)).toBe(`start ${MASK}`);
      expect(masker!.maskString(`${key} end`)).toBe(`${MASK} end`);
    }
    // Near misses: the literal each is looked for by, without the rest of a key.
    const plain = 'ask- a ghost: xox? AKIA1 Bearer x, sk-short, gh_not_a_token';
    expect(masker!.maskString(plain)).toBe(plain);
  });

  it('is configurable: extra keys and patterns, defaults off, or masking off', () => {
    const custom = createMasker({ keys: ['ssn', /^card/i], values: [/\d{4}-\d{4}-\d{4}-\d{4}/g] });
    expect(
      clean({ ssn: '1', cardNumber: '2', text: 'pay 1234-5678-9012-3456 now', password: 'p' }, custom),
    ).toEqual({ ssn: MASK, cardNumber: MASK, text: `pay ${MASK} now`, password: MASK });
    const onlyMine = createMasker({ keys: ['ssn'], defaults: false });
    expect(clean({ ssn: '1', password: 'p' }, onlyMine)).toEqual({ ssn: MASK, password: 'p' });
    expect(clean({ password: 'p' }, createMasker(false))).toEqual({ password: 'p' });
  });
});
