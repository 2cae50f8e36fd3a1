// The Sessions tab and the open session live in the URL, so a reload or a shared link restores
// them; URLs without them read exactly as before.
import { describe, expect, it } from 'vitest';
import { parseUrlState, serializeUrlState } from '../../src/renderer/src/state/urlState.ts';

describe('sessions in the URL', () => {
  it('round-trips the Sessions tab, the open session and a trace opened from it', () => {
    for (const search of [
      '?list=sessions',
      '?list=sessions&session=trip+42%2F7',
      '?trace=abc&list=sessions&session=s1',
    ]) {
      expect(serializeUrlState(parseUrlState(search))).toBe(search);
    }
    expect(parseUrlState('?list=sessions&session=trip+42%2F7')).toMatchObject({
      list: 'sessions',
      sessionId: 'trip 42/7',
    });
    // A session link alone opens the Sessions tab.
    expect(parseUrlState('?session=s1')).toMatchObject({ list: 'sessions', sessionId: 's1' });
  });

  it('leaves trace list URLs as they were', () => {
    const state = parseUrlState('?q=refund&trace=abc');
    expect('list' in state).toBe(false);
    expect('sessionId' in state).toBe(false);
    expect(serializeUrlState({ ...state, list: 'traces', sessionId: 'ignored' })).toBe('?q=refund&trace=abc');
  });
});
