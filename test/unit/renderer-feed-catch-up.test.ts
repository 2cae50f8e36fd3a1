// When a view reads again what it fetched before the live feed followed it: positions compared
// (shared/feedPosition.ts) and the order in which a read and a subscription's ack land
// (state/feedCatchUp.ts).
import { describe, expect, it } from 'vitest';
import { feedPosition, mayLack } from '../../src/shared/feedPosition.ts';
import { FeedCatchUp } from '../../src/renderer/src/state/feedCatchUp.ts';

describe('mayLack', () => {
  it('compares positions of one collector run, and nothing else', () => {
    expect(mayLack(feedPosition('a1', 5), feedPosition('a1', 5))).toBe(false);
    expect(mayLack(feedPosition('a1', 6), feedPosition('a1', 5))).toBe(false);
    expect(mayLack(feedPosition('a1', 4), feedPosition('a1', 5))).toBe(true);
    // Another run counts from 0 again: a read from before the restart may lack anything.
    expect(mayLack(feedPosition('a1', 900), feedPosition('b2', 0))).toBe(true);
    // Not known, or not a position: read again.
    expect(mayLack(null, feedPosition('a1', 0))).toBe(true);
    expect(mayLack('garbage', feedPosition('a1', 0))).toBe(true);
    expect(mayLack(feedPosition('a1', 3), 'a1:-1')).toBe(true);
  });
});

describe('FeedCatchUp', () => {
  function make() {
    let reads = 0;
    const catchUp = new FeedCatchUp(() => {
      reads += 1;
      catchUp.started();
    });
    return { catchUp, reads: () => reads };
  }

  it('does not read again what was read after the last change (a window starting on an idle collector)', () => {
    const { catchUp, reads } = make();
    catchUp.started();
    catchUp.answered('r:3');
    catchUp.following('r:3');
    expect(reads()).toBe(0);
  });

  it('reads again a read that started before a change the subscription missed', () => {
    const { catchUp, reads } = make();
    catchUp.started();
    catchUp.answered('r:3');
    catchUp.following('r:4');
    expect(reads()).toBe(1);
    catchUp.answered('r:4');
    catchUp.following('r:4');
    expect(reads()).toBe(1);
  });

  it('waits for a read on its way when the ack comes first, then checks its answer', () => {
    const { catchUp, reads } = make();
    catchUp.started();
    catchUp.following('r:8');
    expect(reads()).toBe(0);
    catchUp.answered('r:8');
    expect(reads()).toBe(0);

    catchUp.started();
    catchUp.following('r:9');
    catchUp.answered('r:8');
    expect(reads()).toBe(1);
  });

  it('drops the check with a failed read, and reads again when the collector does not say', () => {
    const { catchUp, reads } = make();
    catchUp.started();
    catchUp.following('r:2');
    catchUp.failed();
    expect(reads()).toBe(0);
    catchUp.following(null);
    expect(reads()).toBe(1);
  });
});
