// Sorting the loaded sessions by a header, and the header's three-click cycle.
import { describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../src/shared/types.ts';
import { nextSessionSort, sortSessions } from '../../src/renderer/src/model/sessionSort.ts';

const session = (sessionId: string, turns: number, userId: string | null): SessionSummary => ({
  sessionId,
  userId,
  turns,
  runningTurns: 0,
  firstStart: 0,
  lastEnd: 0,
  lastActivity: 0,
  durationMs: 0,
  tokens: 0,
  costUsd: 0,
  errors: 0,
  firstTraceName: '',
});

describe('sortSessions', () => {
  const rows = [session('b', 2, 'zed'), session('a', 5, null), session('c', 2, 'amy')];
  it('sorts stably by the key, leaves the order alone without one', () => {
    expect(sortSessions(rows, null)).toBe(rows);
    expect(sortSessions(rows, { key: 'turns', descending: true }).map((s) => s.sessionId)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(sortSessions(rows, { key: 'turns', descending: false }).map((s) => s.sessionId)).toEqual([
      'b',
      'c',
      'a',
    ]);
    expect(sortSessions(rows, { key: 'session', descending: false }).map((s) => s.sessionId)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
  it('puts sessions without a user last when sorting by user ascending', () => {
    expect(sortSessions(rows, { key: 'user', descending: false }).map((s) => s.userId)).toEqual([
      'amy',
      'zed',
      null,
    ]);
  });
  it('cycles a header: figures descending first, text ascending first, then flipped, then off', () => {
    expect(nextSessionSort(null, 'cost')).toEqual({ key: 'cost', descending: true });
    expect(nextSessionSort({ key: 'cost', descending: true }, 'cost')).toEqual({
      key: 'cost',
      descending: false,
    });
    expect(nextSessionSort({ key: 'cost', descending: false }, 'cost')).toBeNull();
    expect(nextSessionSort({ key: 'cost', descending: false }, 'user')).toEqual({
      key: 'user',
      descending: false,
    });
  });
});
