// Real Chromium for the browser tests: Debian's package driven by playwright-core (npm's own
// browser downloads fail on the CI machine), with the flags that keep it offline and quiet.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A phone in Chinese, the shopper's usual device. */
export const PHONE = { viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true } as const;
/** A desktop in Chinese, for the consoles. */
export const DESKTOP = { viewport: { width: 1360, height: 900 }, locale: 'zh-CN' } as const;

/** Starts Chromium; `extraFlags` for a test's needs (e.g. autoplay with sound). */
export function launchChromium(extraFlags: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (bash .ci/run does)`);
  return chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, ...extraFlags] });
}

/** Signs in through the web app's login page and waits to leave it. */
export async function signInAt(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}
