import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.PATCHBAY_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's chromium, headless; `.ci/run` installs it. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
