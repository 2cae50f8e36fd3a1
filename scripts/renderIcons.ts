// Renders build/icon.svg to the PNGs electron-builder makes every platform's icon from
// (build/icon.png, 512 px: the .icns and .ico are derived from it at `npm run dist`; and
// build/icons/256x256.png for Linux). Run after changing the SVG: node scripts/renderIcons.ts
// Uses the system's Chromium, as the browser tests do (SPYGLASS_CHROMIUM names another).
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const buildDir = resolve(import.meta.dirname, '..', 'build');
const svg = readFileSync(join(buildDir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env['SPYGLASS_CHROMIUM'] ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  mkdirSync(join(buildDir, 'icons'), { recursive: true });
  for (const [size, file] of [
    [512, 'icon.png'],
    [256, 'icons/256x256.png'],
  ] as const) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="width:${size}px;height:${size}px;display:block" `)}</body></html>`,
    );
    await page.screenshot({ path: join(buildDir, file), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
