// Trace files, settings and fork editing: the pure parts (names, content types, URL checks,
// output drafts).
import { describe, expect, it } from 'vitest';
import { fileNameFrom } from '../../src/renderer/src/api/exportTraces.ts';
import { contentTypeFor } from '../../src/renderer/src/api/uploadTraceFile.ts';
import { checkBaseUrl } from '../../src/renderer/src/state/replaySettings.ts';
import { draftFromOutput, outputFromDraft } from '../../src/renderer/src/features/fork/outputDraft.ts';

describe('fileNameFrom', () => {
  it("takes the collector's suggested name, else the fallback", () => {
    expect(fileNameFrom('attachment; filename="trip.spyglass.json"', 'x')).toBe('trip.spyglass.json');
    expect(fileNameFrom("attachment; filename*=UTF-8''caf%C3%A9.otlp.json", 'x')).toBe('café.otlp.json');
    expect(fileNameFrom('attachment; filename="../../etc/passwd"', 'fallback.json')).toBe('fallback.json');
    expect(fileNameFrom(null, 'fallback.json')).toBe('fallback.json');
  });
});

describe('contentTypeFor', () => {
  const blob = (type = '') => new Blob(['x'], { type });
  it('sends JSON as JSON, protobuf as protobuf, and lets the server sniff the rest', () => {
    expect(contentTypeFor('a.spyglass.json', blob())).toBe('application/json');
    expect(contentTypeFor('lines.jsonl', blob())).toBe('application/json');
    expect(contentTypeFor('trace.pb', blob())).toBe('application/x-protobuf');
    expect(contentTypeFor('trace.bin', blob())).toBe('application/octet-stream');
    expect(contentTypeFor('opened', blob('application/json'))).toBe('application/json');
  });
});

describe('checkBaseUrl', () => {
  it('accepts http(s) base URLs and the empty default, naming what is wrong otherwise', () => {
    expect(checkBaseUrl('')).toBeNull();
    expect(checkBaseUrl('http://127.0.0.1:8787/v1')).toBeNull();
    expect(checkBaseUrl('https://api.openai.com/v1')).toBeNull();
    expect(checkBaseUrl('localhost:8787')).toMatch(/http/);
    expect(checkBaseUrl('not a url')).toMatch(/Not a URL/);
    expect(checkBaseUrl('http://x/v1?key=1')).toMatch(/query/);
  });
});

describe('fork output drafts', () => {
  it('edits strings as text and anything else as JSON, and checks JSON on the way back', () => {
    expect(draftFromOutput('sent')).toEqual({ mode: 'text', text: 'sent' });
    const message = { role: 'assistant', content: 'hi' };
    const draft = draftFromOutput(message);
    expect(draft.mode).toBe('json');
    expect(outputFromDraft('json', draft.text)).toEqual({ ok: true, value: message });
    expect(outputFromDraft('json', '{ nope')).toMatchObject({ ok: false });
    expect(outputFromDraft('text', '{ nope')).toEqual({ ok: true, value: '{ nope' });
    expect(draftFromOutput(undefined)).toEqual({ mode: 'json', text: 'null' });
  });
});
