// ANSI colours for the digest's line tones (only when the caller decided colour is wanted).
import type { LineTone } from '../../shared/digest/index.ts';

const CODES: Record<LineTone, [string, string]> = {
  header: ['\x1b[1m', '\x1b[22m'],
  normal: ['', ''],
  error: ['\x1b[31m', '\x1b[39m'],
  muted: ['\x1b[2m', '\x1b[22m'],
  detail: ['\x1b[36m', '\x1b[39m'],
};

export function paint(text: string, tone: LineTone, colour: boolean): string {
  if (!colour) return text;
  const [open, close] = CODES[tone];
  return open ? `${open}${text}${close}` : text;
}
