// One tab server, one headless browser and one page for a whole page-test file, and the tab
// opened through the local Teams host page as `npm run dev` serves it. Call setUp() inside the
// file's describe; `describe` skips the file, loudly, where no Chromium is installed.
import { afterAll, beforeAll, describe } from '@jest/globals';
import type { Browser, Frame, Page } from 'playwright-core';
import { DEV_HOST_PATH } from '../../tab/routes';
import { checkScreen, launch, openInHost, pageTestsAvailable } from './browser';
import { startTabServer, type TabServer } from './server';

export function hostedTab(file: string) {
  const shots = process.env.TAB_SCREENSHOTS;
  let tab: TabServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  return {
    describe: pageTestsAvailable(file) ? describe : describe.skip,
    setUp() {
      beforeAll(async () => {
        tab = await startTabServer({ mode: 'development' });
        browser = await launch();
        page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      });
      afterAll(async () => {
        await browser?.close();
        await tab?.close();
      });
    },
    get page(): Page {
      return page!;
    },
    get tab(): TabServer {
      return tab!;
    },
    /** The tab in the host page, once the heading `ready` shows. */
    open: (params: Record<string, string>, ready: string | RegExp): Promise<Frame> =>
      openInHost(page!, `${tab!.base}${DEV_HOST_PATH}?${new URLSearchParams(params)}`, ready),
    /** axe on the screen, and its screenshot with TAB_SCREENSHOTS. */
    check: (frame: Frame, name: string, options: { fullPage?: boolean } = {}): Promise<void> => checkScreen(page!, frame, name, shots, options),
  };
}
