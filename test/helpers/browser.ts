import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium, installed by `.ci/run` (apt-get install chromium). */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Where the console tests leave their screenshots (named in the README). */
export const SCREENSHOTS = fileURLToPath(new URL('../console/screenshots/', import.meta.url));

/** Set to 1 to skip the browser tests on a machine without Chromium, instead of failing them. */
export const SKIP_BROWSER = 'ACE_MOCK_SKIP_BROWSER';

/**
 * Why browser tests are skipped here, or undefined when they run. A missing Chromium fails them,
 * naming what to install, unless ACE_MOCK_SKIP_BROWSER=1 asks to skip them: a run that quietly
 * skipped the console would pass while testing less than it says.
 */
export function browserUnavailable(env: NodeJS.ProcessEnv = process.env, chromium: string = CHROMIUM): string | undefined {
  if (existsSync(chromium)) return undefined;
  const why = `no Chromium at ${chromium}: the console tests need one (apt-get install chromium, or CHROMIUM_PATH=/path/to/chromium)`;
  if (env[SKIP_BROWSER] === '1') return `${why}; skipped as ${SKIP_BROWSER}=1 asks`;
  throw new Error(`${why}, or ${SKIP_BROWSER}=1 to skip them`);
}

/** Headless Chromium with the flags this machine needs: no sandbox as root, no background network. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
