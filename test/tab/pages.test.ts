/// <reference lib="dom" />
// The tab's pages in headless Chromium, through the local Teams host page (/dev/teams-host) as a
// new user of `npm run dev` would open them: a principal sees their cases; a handler filters the
// queue, opens a case (the bot's own Adaptive Card, rendered), downloads the decision PDF and
// this month's payment list. axe-core runs on every screen, light and dark. One browser, one
// page for the whole file. TAB_SCREENSHOTS=<folder> keeps a screenshot of each screen.
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { hostedTab } from './hosted';

const host = hostedTab('test/tab/pages.test.ts');

host.describe('the tab in a browser', () => {
  host.setUp();

  test('outside Teams the page says to open it in Teams', async () => {
    await host.page.goto(`${host.tab.base}/tab`);
    await host.page.getByText('Den här sidan fungerar bara som en flik i Microsoft Teams.').waitFor({ timeout: 30_000 });
  });

  for (const theme of ['default', 'dark'] as const) {
    test(`principal (${theme}): what is due, drafts, own cases, links into the chat`, async () => {
      const frame = await host.open({ person: 'principal', theme }, 'Mina ärenden');
      await frame.getByText('Alex Wilber, Rektor · Nora kommun').waitFor();
      const rows = frame.getByRole('table', { name: 'Mina ärenden' }).getByRole('row');
      assert.equal(await rows.count(), 7);
      await frame.getByRole('heading', { name: 'Att göra härnäst' }).waitFor();
      await frame.getByText(/Elevhälsan har bett om en komplettering/).waitFor();
      await host.check(frame, `principal-${theme}`);
      // A link into the chat goes through teams-js to the host.
      await frame.getByRole('button', { name: 'Ny ansökan i chatten' }).click();
      await host.page.locator('#links a').waitFor();
      assert.match((await host.page.locator('#links a').getAttribute('href'))!, /^https:\/\/teams\.microsoft\.com\/l\/chat\/0\/0\?users=28:/);
    });
  }

  test('principal opens their decided case and downloads the decision PDF', async () => {
    const frame = await host.open({ person: 'principal' }, 'Mina ärenden');
    await frame.getByRole('button', { name: /^TB-\d{4}-0001$/ }).click();
    await frame.getByRole('heading', { name: /^TB-\d{4}-0001$/, level: 1 }).waitFor();
    await frame.locator('.ac-host .ac-adaptiveCard').first().waitFor();
    await host.check(frame, 'principal-case-default');
    const [download] = await Promise.all([host.page.waitForEvent('download'), frame.getByRole('button', { name: 'Ladda ner beslutet (PDF)' }).click()]);
    assert.match(download.suggestedFilename(), /^beslut-TB-\d{4}-0001\.pdf$/);
    await frame.getByRole('button', { name: '← Tillbaka till mina ärenden' }).click();
    await frame.getByRole('heading', { name: 'Att göra härnäst' }).waitFor();
  });

  test('principal at mobile width: nothing runs off the side', async () => {
    const frame = await host.open({ person: 'principal', width: 'mobile' }, 'Mina ärenden');
    const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    await host.check(frame, 'principal-mobile');
  });

  for (const theme of ['default', 'dark'] as const) {
    test(`handler (${theme}): queue, filters, search, a case with the bot’s card, the decision PDF`, async () => {
      const frame = await host.open({ person: 'handler', theme }, 'Ärenden om tilläggsbelopp');
      const count = frame.getByRole('status').filter({ hasText: /Visar/ });
      await count.filter({ hasText: 'Visar 3 av 6 ärenden' }).waitFor();
      await host.check(frame, `queue-${theme}`);
      await frame.getByLabel('Status').selectOption({ label: 'Beslutad' });
      await count.filter({ hasText: 'Visar 3 av 6 ärenden' }).waitFor();
      await frame.getByLabel('Skolform').selectOption({ label: 'Förskola' });
      await count.filter({ hasText: 'Visar 1 av 6 ärenden' }).waitFor();
      await frame.getByLabel('Skolform').selectOption({ label: 'Alla skolformer' });
      await frame.getByLabel('Status').selectOption({ label: 'Alla' });
      await frame.getByLabel('Sök ärendenummer').fill('0002');
      await count.filter({ hasText: 'Visar 1 av 6 ärenden' }).waitFor();
      await frame.getByRole('button', { name: /^TB-\d{4}-0002$/ }).click();
      await frame.getByRole('heading', { name: /^TB-\d{4}-0002$/, level: 1 }).waitFor();
      await frame.locator('.ac-host .ac-adaptiveCard').first().waitFor();
      assert.ok((await frame.locator('.ac-host').first().innerText()).includes('Friskolan Näktergalen'));
      await host.check(frame, `case-${theme}`);
      const [download] = await Promise.all([host.page.waitForEvent('download'), frame.getByRole('button', { name: 'Ladda ner beslutet (PDF)' }).click()]);
      assert.match(download.suggestedFilename(), /^beslut-TB-\d{4}-0002\.pdf$/);
    });
  }

  for (const theme of ['default', 'dark', 'contrast'] as const) {
    test(`statistics (${theme})`, async () => {
      const frame = await host.open({ person: 'head', theme, view: 'statistics' }, 'Per enhet');
      await frame.getByText('Ärenden per status').waitFor();
      await frame.getByText('Beviljat belopp per månad').waitFor();
      await host.check(frame, `statistics-${theme}`);
    });
  }

  for (const theme of ['default', 'dark'] as const) {
    test(`payment list (${theme}): this month, CSV and XLSX downloads`, async () => {
      const frame = await host.open({ person: 'admin', theme, view: 'payments' }, 'Fristående huvudmän');
      await frame.getByLabel('Månad').selectOption({ label: 'mars 2027' });
      await frame.getByText('Totalt 20 768 kr').waitFor();
      await host.check(frame, `payments-${theme}`);
      const [csv] = await Promise.all([host.page.waitForEvent('download'), frame.getByRole('button', { name: 'Ladda ner CSV (Excel)' }).click()]);
      assert.equal(csv.suggestedFilename(), 'utbetalningar-2027-03.csv');
      const [xlsx] = await Promise.all([host.page.waitForEvent('download'), frame.getByRole('button', { name: 'Ladda ner XLSX' }).click()]);
      assert.equal(xlsx.suggestedFilename(), 'utbetalningar-2027-03.xlsx');
    });
  }
});
