import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { DEFAULT_CONSOLE_DIR } from '../../src/transports/http/console.js';
import { browserUnavailable, launchBrowser, SCREENSHOTS } from '../helpers/browser.js';
import { cargoRelease, entrySummary, november, numbers, sendOn } from '../helpers/certification.js';
import { testMock } from '../helpers/mock.js';

/**
 * The certification rehearsal page in a real browser: the verdict per program, the criteria with
 * their sources, the repeated errors, a plan's checklist, and a print layout without the console's
 * controls (what a team lead saves as PDF).
 */
const unavailable = browserUnavailable();

if (unavailable) {
  await t.test('the certification page in a real browser', { skip: unavailable }, async () => undefined);
} else {
  t.ok(existsSync(`${DEFAULT_CONSOLE_DIR}/index.html`), 'the console is built (npm run build:console; npm test does it first)');
  const mock = testMock({}, () => new Date());
  // Three clean cargo release days; entry summaries with B16 repeated over two of them.
  for (const day of [25, 26, 27]) await sendOn(mock, november(day), numbers(3, day).map((n) => cargoRelease(n)));
  for (const day of [26, 27]) await sendOn(mock, november(day), [...numbers(2, day + 40).map((n) => entrySummary(n, { badCheckDigit: true })), entrySummary(`${day}00777`)]);
  await mock.http.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(mock.http.server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  t.teardown(async () => {
    await browser.close();
    await mock.close();
  });

  await t.test('a report per program with its verdict, criteria and repeated errors; printable', async (t) => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}/#/certification?filer=B76&plan=entry-summary`);
    const verdict = page.locator('.cert-verdict');
    await verdict.waitFor();
    t.match(await verdict.textContent(), /^Filer B76, 2026-11-25 to 2026-11-27: would not pass$/);

    const cargo = page.locator('.cert-program', { has: page.locator('h3', { hasText: 'Cargo Release' }) });
    t.match(await cargo.locator('h3').textContent(), /Cargo Release \(SE\) would pass/);
    t.same(await cargo.locator('.cert-criteria tbody tr td:first-child').allTextContents(), ['met', 'met', 'met', 'not judged', 'not judged']);
    t.match(await cargo.locator('.cert-criteria').textContent(), /3 of 3 days with transmissions.*REQ-7/);

    const es = page.locator('.cert-program', { has: page.locator('h3', { hasText: 'Entry Summary' }) });
    t.match(await es.locator('h3').textContent(), /would not pass/);
    t.match(await es.locator('.cert-repeated tbody tr').first().textContent(), /B16 ENTRY NUMBER CHECK DIGIT MISMATCH.*entryNumber.*4.*2/);
    t.match(await page.locator('.cert-plan h3').textContent(), /Entry Summary rehearsal: 2 of 8 shown/);
    t.same(await page.locator('.checklist li.done').count(), 2);
    await page.screenshot({ path: `${SCREENSHOTS}certification-report.png`, fullPage: true });

    await page.emulateMedia({ media: 'print' });
    t.equal(await page.locator('header.top').isVisible(), false, 'the console header is not printed');
    t.equal(await page.locator('.cert-form').isVisible(), false, 'nor the form');
    t.equal(await verdict.isVisible(), true, 'the report is');
    const pdf = await page.pdf({ format: 'Letter', printBackground: true });
    t.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-', 'print to PDF gives a document');
    t.same(errors, []);
    await page.close();
  });

  await t.test('the form narrows the report and keeps it in the address; a bad query shows the problem', async (t) => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${base}/#/certification`);
    await page.fill('input[name=filer]', 'B76');
    await page.selectOption('select[name=application]', 'cargo-release');
    await page.fill('input[name=days]', '2');
    await page.getByRole('button', { name: 'Report' }).click();
    await page.locator('.cert-verdict', { hasText: '2026-11-26 to 2026-11-27' }).waitFor();
    t.match(page.url(), /#\/certification\?filer=B76&application=cargo-release&days=2$/);
    t.match(await page.locator('.cert-summary').textContent(), /Cargo Release: 2 of 3 days with transmissions: would not pass/);

    await page.goto(`${base}/#/certification?from=2026-11-27&to=2026-11-25`);
    t.match(await page.locator('.error').textContent(), /from is after to/);
    await page.close();
  });
}
