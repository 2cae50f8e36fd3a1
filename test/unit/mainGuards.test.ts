// The main process's security rules, run in Node with Electron's objects replaced by the small
// interfaces the modules declare (ipcMain.handle, a webContents' events): IPC answers only the
// UI's top frame (checklist item 17), and every webContents stays on the UI's origin (13, 14).
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardedRegistrar, isTrustedSender, type InvokeEvent } from '../../src/main/ipcSender.ts';
import { guardWebContents, type GuardedContents } from '../../src/main/webContentsGuard.ts';

const ORIGIN = 'http://127.0.0.1:4318';
const top = (url: string) => ({ senderFrame: { url, parent: null } });

describe('IPC sender validation', () => {
  it('trusts only the top frame of the UI origin', () => {
    expect(isTrustedSender({ url: `${ORIGIN}/`, parent: null }, ORIGIN)).toBe(true);
    expect(isTrustedSender({ url: `${ORIGIN}/#/trace/abc`, parent: null }, ORIGIN)).toBe(true);
    expect(isTrustedSender({ url: 'http://127.0.0.1:4319/', parent: null }, ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null }, ORIGIN)).toBe(false);
    expect(isTrustedSender({ url: `${ORIGIN}/`, parent: {} }, ORIGIN)).toBe(false); // a subframe
    expect(isTrustedSender({ url: 'not a url', parent: null }, ORIGIN)).toBe(false);
    expect(isTrustedSender(null, ORIGIN)).toBe(false); // navigated away or destroyed
  });

  it('runs a handler for the UI and refuses anyone else before the handler runs', async () => {
    const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => unknown>();
    const ipc = guardedRegistrar<InvokeEvent>(
      { handle: (channel, listener) => handlers.set(channel, listener) },
      ORIGIN,
    );
    const calls: unknown[][] = [];
    ipc.handle('spyglass:set-api-key', (_event, ...args) => {
      calls.push(args);
      return 'ok';
    });
    const handler = handlers.get('spyglass:set-api-key')!;
    expect(await handler(top(`${ORIGIN}/`), 'sk-1')).toBe('ok');
    expect(() => handler(top('https://evil.example/'), 'sk-2')).toThrow(/Refused spyglass:set-api-key/);
    expect(() => handler({ senderFrame: null }, 'sk-3')).toThrow(/no frame/);
    expect(calls).toEqual([['sk-1']]);
  });

  it('is how every handler in ipc.ts is registered', () => {
    const source = readFileSync(join(resolve(import.meta.dirname, '../..'), 'src/main/ipc.ts'), 'utf8');
    expect(source).not.toMatch(/ipcMain\.(handle|on)\(/);
    expect(source.match(/\bipc\.handle\(/g)?.length).toBeGreaterThanOrEqual(5);
  });
});

class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
    this.openHandler = handler;
  }
  /** Emits an event the way Electron does and says whether a listener prevented it. */
  fire(name: string, url?: string): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

describe('webContents guards', () => {
  const guarded = () => {
    const contents = new FakeContents();
    const opened: string[] = [];
    guardWebContents(contents as unknown as GuardedContents, ORIGIN, (url) => opened.push(url));
    return { contents, opened };
  };

  it('keeps navigation and redirects on the UI origin', () => {
    const { contents } = guarded();
    expect(contents.fire('will-navigate', `${ORIGIN}/#/compare`)).toBe(false);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-redirect', 'http://127.0.0.1:9999/')).toBe(true);
  });

  it('opens no window: web links go to the browser, anything else nowhere; no <webview>', () => {
    const { contents, opened } = guarded();
    expect(contents.openHandler!({ url: 'https://platform.openai.com/docs' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(contents.openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://platform.openai.com/docs']);
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('is installed for every webContents, from app.on("web-contents-created")', () => {
    const security = readFileSync(
      join(resolve(import.meta.dirname, '../..'), 'src/main/security.ts'),
      'utf8',
    );
    expect(security).toMatch(/app\.on\('web-contents-created',[\s\S]*guardWebContents\(contents/);
  });
});
