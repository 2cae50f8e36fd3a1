import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCost,
  formatCount,
  formatDuration,
  formatPercent,
  formatTokens,
} from '../../src/renderer/src/lib/format.ts';

describe('formatDuration', () => {
  it.each([
    [0, '0ms'],
    [0.0005, '0.5µs'],
    [0.25, '250µs'],
    [0.9996, '1ms'],
    [1, '1ms'],
    [12.345, '12.3ms'],
    [999.7, '1s'],
    [1500, '1.5s'],
    [59_970, '1m 00s'],
    [125_000, '2m 05s'],
    [3_725_000, '1h 02m'],
    [-1500, '-1.5s'],
  ])('%s ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('shows a dash for missing values', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});

describe('formatTokens', () => {
  it.each([
    [0, '0'],
    [950, '950'],
    [1234, '1.2k'],
    [12_345, '12k'],
    [999_999, '1M'],
    [1_500_000, '1.5M'],
  ])('%s → %s', (n, text) => expect(formatTokens(n)).toBe(text));
});

describe('formatCost', () => {
  it.each([
    [0, '$0'],
    [0.0012, '$0.0012'],
    [0.35, '$0.35'],
    [0.0123, '$0.012'],
    [12.4, '$12.40'],
    [0.0000123, '$0.000012'],
  ])('%s → %s', (usd, text) => expect(formatCost(usd)).toBe(text));
  it('handles null', () => expect(formatCost(null)).toBe('—'));
});

describe('formatBytes, formatCount, formatPercent', () => {
  it('formats bytes in powers of 1024', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
  });
  it('formats counts and percentages', () => {
    expect(formatCount(100_000)).toBe('100,000');
    expect(formatPercent(0.1234)).toBe('12.3%');
  });
});
