// Browser tests drive the system's Chromium through playwright-core (no bundled browser
// download). Find it on PATH, or name it in SPYGLASS_CHROMIUM.
//
//   const browser = await launchBrowser();
//   const app = await openApp(browser, server, { theme: 'dark' });
//   await app.page.getByRole('row', { name: /checkout/ }).click();
//   await screenshot(app.page, 'trace-list-dark');
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

export function findChromium(): string {
  const named = process.env.SPYGLASS_CHROMIUM;
  if (named) return named;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of CANDIDATES) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  throw new Error(
    'No Chromium found on PATH. Install chromium (e.g. apt-get install chromium) or set SPYGLASS_CHROMIUM to its path.',
  );
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(),
    // --no-sandbox: CI containers run as root; the pages are our own UI on loopback. The network
    // flags stop Chromium's own background traffic, which a machine without internet refuses.
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
      '--font-render-hinting=none',
    ],
  });
}

export interface OpenedApp {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors, to assert the UI ran clean. */
  errors: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  theme?: 'dark' | 'light';
  /** Path and query after the origin, e.g. "/?trace=abc". */
  path?: string;
  viewport?: { width: number; height: number };
  /** Runs in the page before the app's scripts, e.g. to stand in for the desktop preload's API. */
  initScript?: () => void;
  /** Runs on the new context before the app loads, e.g. to route its requests. */
  beforeLoad?: (context: BrowserContext) => Promise<unknown>;
}

export async function openApp(
  browser: Browser,
  server: { url: string },
  options: OpenOptions = {},
): Promise<OpenedApp> {
  const context = await browser.newContext({
    colorScheme: options.theme ?? 'dark',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    deviceScaleFactor: 1,
  });
  if (options.initScript) await context.addInitScript(options.initScript);
  await options.beforeLoad?.(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  await page.goto(server.url + (options.path ?? '/'));
  return { context, page, errors, close: () => context.close() };
}

/**
 * Passes the page's live-feed socket through the test, which holds what the page sends (its
 * subscriptions) until `release()`, and again after `hold()`: the moment between the page's
 * fetches and the collector's subscriptions, a few milliseconds as a window starts or a trace
 * opens, made long enough to commit in. Give `beforeLoad` to openApp.
 */
export function holdFeedSubscriptions(): {
  beforeLoad: (context: BrowserContext) => Promise<void>;
  held: () => number;
  hold: () => void;
  release: () => void;
} {
  const held: (string | Buffer)[] = [];
  let holding = true;
  let collector: { send(message: string | Buffer): void } | null = null;
  const passOn = () => {
    if (!holding && collector) for (const message of held.splice(0)) collector.send(message);
  };
  return {
    beforeLoad: (context) =>
      context.routeWebSocket(/\/api\/ws$/, (socket) => {
        collector = socket.connectToServer();
        socket.onMessage((message) => {
          held.push(message);
          passOn();
        });
      }),
    held: () => held.length,
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      passOn();
    },
  };
}

/** Save a PNG to test-results/screenshots/NAME.png (looked at by people, not compared). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(process.cwd(), 'test-results', 'screenshots');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  // Let fonts settle and the caret stop blinking into the image.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path, caret: 'hide', animations: 'disabled' });
  return path;
}

/**
 * Show the outline column in the active trace tab, as a user would with its toggle. The
 * waterfall hides it by default (its own label column is the span tree there); the choice is
 * remembered per tab for the rest of the browser context.
 */
export async function showOutline(page: Page): Promise<void> {
  const toggle = page.locator('.outline-toggle');
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await page.locator('#outline-body').waitFor();
}

/** The status bar's trace count as shown ("1,500 traces", "200+ traces", "1 trace"). */
export function statusBarTraceCount(page: Page): Promise<string | null | undefined> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.status-bar > span')]
      .map((n) => n.textContent)
      .find((t) => / traces?$/.test(t ?? '')),
  );
}
