import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, installed by `.ci/run` (apt-get install chromium). */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Where the console tests leave their screenshots (named in the README). */
export const SCREENSHOTS = fileURLToPath(new URL('../console/screenshots/', import.meta.url));

/** Why browser tests cannot run here, or undefined when they can. CI sets ACE_MOCK_REQUIRE_BROWSER=1 so they never skip there. */
export function browserUnavailable(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const why = `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (process.env['ACE_MOCK_REQUIRE_BROWSER'] === '1') throw new Error(why);
  return why;
}

/** Headless Chromium with the flags this machine needs: no sandbox as root, no background network. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
