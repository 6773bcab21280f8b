/// <reference lib="dom" />
// Headless Chromium for the page tests: the system's browser (Debian's chromium), driven by
// playwright-core, never a downloaded one. Where no browser is installed the page tests are
// skipped with a loud message naming the one command that installs it; CI (CI=true) never
// skips them (.ci/run installs chromium first).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => !!p);

export const chromiumPath: string | undefined = CANDIDATES.find((p) => existsSync(p));

export const ENABLE_PAGE_TESTS = 'sudo apt-get install -y chromium';

export function pageTestsAvailable(file: string): boolean {
  if (chromiumPath) return true;
  if (process.env.CI) throw new Error(`No Chromium found (${CANDIDATES.join(', ')}): CI must run the page tests. Install it with: ${ENABLE_PAGE_TESTS}`);
  console.warn(
    `\n*** PAGE TESTS SKIPPED (${file}): no Chromium on this machine.\n*** Enable them with: ${ENABLE_PAGE_TESTS}\n`,
  );
  return false;
}

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath!,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type AxeViolation = { id: string; impact: string; help: string; nodes: Array<{ target: string[]; failureSummary: string }> };

/** axe-core inside the tab's frame; the violations, described well enough to fix. */
export async function axe(frame: Frame): Promise<AxeViolation[]> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.evaluate(axeSource);
  return frame.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

export const describeViolations = (violations: AxeViolation[]) => violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary}`).join('\n  ')}`).join('\n');

/** The tab through the local Teams host page, once the heading `ready` shows. */
export async function openInHost(page: Page, url: string, ready: string | RegExp): Promise<Frame> {
  await page.goto(url);
  const handle = await page.waitForSelector('iframe#tab');
  const frame = (await handle.contentFrame())!;
  await frame.getByRole('heading', { name: ready }).first().waitFor({ timeout: 30_000 });
  return frame;
}

/**
 * axe on the screen, after Fluent's fades have settled; with `shots` (TAB_SCREENSHOTS) a screenshot
 * too, of the whole page with `fullPage` (the frame made as tall as the tab for the picture).
 */
export async function checkScreen(page: Page, frame: Frame, name: string, shots: string | undefined, options: { fullPage?: boolean } = {}): Promise<void> {
  await frame.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  const violations = await axe(frame);
  if (violations.length > 0) throw new Error(`axe on ${name}:\n${describeViolations(violations)}`);
  if (!shots) return;
  mkdirSync(shots, { recursive: true });
  const width = page.viewportSize()!.width;
  if (options.fullPage) {
    const height = await frame.evaluate(() => document.documentElement.scrollHeight);
    await page.setViewportSize({ width, height: Math.min(height + 140, 6000) });
    await page.locator('iframe#tab').evaluate((el, h) => ((el as HTMLIFrameElement).style.height = `${h}px`), height);
  }
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: !!options.fullPage });
  if (options.fullPage) await page.setViewportSize({ width, height: 900 });
}
