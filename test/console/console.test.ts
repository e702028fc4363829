import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import t from 'tap';
import { entryCheckDigit } from '../../src/catair/check-digit.js';
import { DEFAULT_CONSOLE_DIR } from '../../src/transports/http/console.js';
import { browserUnavailable, launchBrowser, SCREENSHOTS } from '../helpers/browser.js';
import { send, testMock } from '../helpers/mock.js';
import { aceQueueManager, mqMock, putRequest } from '../helpers/mq.js';
import { put, sampleWith } from '../helpers/transmission.js';

/**
 * The web console in a real browser (Debian's Chromium through playwright-core) against a real
 * ace-mock on loopback: compose and send, find the offending field, arm a scenario, live updates,
 * keyboard and presenter mode. Every page's console errors fail the test.
 */
const unavailable = browserUnavailable();
const samples = fileURLToPath(new URL('../../scenarios/samples/', import.meta.url));
const sample = (file: string): string => readFileSync(samples + file, 'latin1');

if (unavailable) {
  await t.test('the console in a real browser', { skip: unavailable }, async () => undefined);
} else {
  t.ok(existsSync(`${DEFAULT_CONSOLE_DIR}/index.html`), 'the console is built (npm run build:console; npm test does it first)');
  const mock = testMock({}, () => new Date());
  await mock.http.listen({ host: '127.0.0.1', port: 0 });
  const base = `http://127.0.0.1:${(mock.http.server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  t.teardown(async () => {
    await browser.close();
    await mock.close();
  });
  const consoleErrors: string[] = [];

  /** Opens a page; `expected` names console errors the test provokes on purpose (a refused call logs one). */
  const open = async (path: string, viewport = { width: 1280, height: 720 }, expected?: RegExp): Promise<Page> => {
    const page = await browser.newPage({ viewport });
    page.on('console', (m) => {
      if (m.type() === 'error' && !expected?.test(m.text())) consoleErrors.push(`${path}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${path}: ${e.message}`));
    await page.goto(base + path);
    return page;
  };
  /** Sends from outside the page, as a filer's software would. */
  const post = async (body: string, headers: Record<string, string> = {}): Promise<string> => {
    const res = await fetch(`${base}/v1/transmissions`, { method: 'POST', body, headers: { 'content-type': 'text/plain', ...headers } });
    return res.headers.get('x-ace-exchange-id') as string;
  };
  /** An admin call from outside the page (allowed from loopback). */
  const admin = (path: string, body: object) =>
    fetch(`${base}/v1/admin/${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const shot = (page: Page, name: string) => page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });

  await t.test('compose: send a shipped sample and see it accepted in the timeline', async (t) => {
    const page = await open('/#/compose');
    await page.selectOption('select[aria-label="Start from a sample"]', 'ae-add-1-line.txt');
    await page.locator('.problems .badge', { hasText: 'no problems' }).waitFor();
    await page.locator('textarea').click({ position: { x: 120, y: 50 } });
    t.match(await page.locator('#field-hint').textContent(), /Record \d+ · column \d+ · /, 'the hint names the record and column at the cursor');
    await shot(page, 'compose-sample');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.result .badge', { hasText: 'accepted' }).waitFor();
    await page.getByRole('link', { name: 'Timeline' }).click();
    const row = page.locator('button.exchange', { hasText: 'B76-0324527-8' });
    await row.waitFor();
    t.match(await row.textContent(), /HTTP.*AE.*B76-0324527-8.*accepted/, 'the timeline shows the exchange, accepted');
    await shot(page, 'timeline-after-compose');
    await page.close();
  });

  await t.test('compose: live layout errors point at the field', async (t) => {
    const page = await open('/#/compose');
    const broken = sample('ae-add-1-line.txt').replace(/^10A/m, '10Q');
    await page.locator('textarea').fill(broken);
    const problem = page.locator('button.problem').first();
    await problem.waitFor();
    t.match(await problem.textContent(), /Record 3, column 3: .*not a known entry-summary-actions code/, 'the unknown action code is reported with its place');
    t.same(await page.locator('.editor .backdrop mark').allTextContents(), ['Q'], 'and marked in the text, on that column');
    await problem.click();
    t.match(await page.locator('#field-hint').textContent(), /Record 3 · column 3 · 10 .*actionCode/, 'clicking it puts the cursor on the field');
    await shot(page, 'compose-layout-error');
    await page.close();
  });

  await t.test('compose: arm a scenario for the transmission it sends', async (t) => {
    const page = await open('/#/compose');
    await page.selectOption('select[aria-label="Start from a sample"]', 'ae-add-5-lines.txt');
    await page.locator('.problems .badge', { hasText: 'no problems' }).waitFor();
    await page.selectOption('select[aria-label="Arm a scenario for this transmission"]', 'hts-not-on-file');
    await page.locator('textarea').press('Control+Enter');
    await page.locator('.result .badge', { hasText: 'rejected' }).waitFor();
    await page.locator('.result a', { hasText: 'open the exchange' }).click();
    await page.locator('table.transactions').waitFor();
    t.match(await page.locator('table.transactions').textContent(), /scenario hts-not-on-file, step 1/, 'the armed scenario decided it');
    t.equal(await page.locator('select[aria-label="Arm a scenario for this transmission"]').count(), 0, 'the compose view is gone');
    await page.close();
  });

  await t.test('a rejected exchange shows the offending field highlighted, linked to its E1', async (t) => {
    const id = await post(sample('ae-bad-check-digit.txt'));
    const page = await open('/#/timeline');
    await page.locator(`button.exchange[data-id="${id}"]`).click();
    const offending = page.locator('section[aria-label="Input"] .record-text .offending.selected');
    await offending.first().waitFor();
    t.equal(await offending.getAttribute('data-field'), 'entryNumber', 'the highlighted field is the entry number');
    t.equal(await offending.textContent(), '03245430', 'on the 10 record, its value');
    t.equal(await page.locator('section[aria-label="Input"] li.record:has(.offending.selected)').getAttribute('data-position'), '3', 'record 3');
    t.equal(await page.locator('button.condition[aria-pressed="true"]').getAttribute('data-code'), 'B16', 'the B16 condition is the one shown');
    t.match(await page.locator('button.condition[data-code="B16"] .explanation').textContent(), /check digit/i, 'with the dictionary explanation');
    t.equal(
      await page.locator('button.condition[data-code="B16"] .specific').textContent(),
      `Here: the check digit of B76 0324543 is ${entryCheckDigit('B76', '0324543')}, not 0`,
      'and the specific why: the check digit expected',
    );
    t.match(await offending.getAttribute('title'), /B16 ENTRY NUMBER CHECK DIGIT MISMATCH/, 'the field carries the condition text');
    const linked = page.locator('section[aria-label="Answer"] li.record.states.selected');
    t.match(await linked.textContent(), /E1 FB16/, 'the E1 record stating it is linked');
    t.notMatch(await page.content(), /PASSWD/, 'the communication password is not on the page');
    await page.locator('section[aria-label="Input"] li.record[data-position="3"] .record-toggle').click();
    const row = page.locator('table.fields tr.offending');
    t.match(await row.textContent(), /entryNumber.*9-16.*03245430/, 'expanded, the record lists the field with its columns, highlighted');
    await shot(page, 'exchange-rejected');
    await page.keyboard.press('Escape');
    await page.locator('.timeline').waitFor();
    t.match(page.url(), /#\/timeline$/, 'Esc goes back to the timeline');
    await page.close();
  });

  await t.test('a batch rejection highlights the record its X1 points at', async (t) => {
    const text = sample('batch-missing-z.txt');
    const id = await post(text);
    const page = await open(`/#/exchange/${id}`);
    await page.locator('.badge.batch-rejected').first().waitFor();
    t.equal(await page.locator('button.condition[aria-pressed="true"]').getAttribute('data-code'), 'X06', 'X06 is shown');
    const last = String(text.split('\n').filter((l) => l !== '').length); // X06 points at the last record, the Y
    t.equal(await page.locator('section[aria-label="Input"] li.record.record-marked.selected').getAttribute('data-position'), last, 'the record it points at is marked');
    t.match(await page.locator('section[aria-label="Answer"] li.record.states.selected').textContent(), /X1 FX06/, 'linked to its X1');
    await page.close();
  });

  await t.test('arm a scenario in the console and see it decide the next exchange', async (t) => {
    const page = await open('/#/scenarios');
    await page.locator('input[aria-label="Session to arm and reset"]').fill('B76');
    const row = page.locator('tr[data-scenario="importer-unknown"]');
    await row.getByRole('button', { name: 'Arm' }).click();
    await page.locator('.armed', { hasText: 'importer-unknown × 1' }).waitFor();
    await shot(page, 'scenarios-armed');
    await page.getByRole('link', { name: 'Timeline' }).click();
    await page.locator('.live.live').waitFor();
    const id = await post(sample('ae-add-5-lines.txt'));
    const decided = page.locator(`button.exchange[data-id="${id}"]`);
    await decided.waitFor();
    t.match(await decided.textContent(), /rejected.*importer-unknown · step 1/, 'the timeline names the scenario and step that decided');
    await decided.click();
    t.match(await page.locator('table.transactions').textContent(), /scenario importer-unknown, step 1/, 'the exchange says so too');
    t.equal(await page.locator('button.condition[data-code="101"]').count(), 1, 'with its condition 101');
    await page.close();
  });

  await t.test('the timeline updates live, without a reload', async (t) => {
    const page = await open('/#/timeline');
    await page.locator('.live.live').waitFor();
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    // Count once the journal's page has rendered (earlier tests left exchanges), not before it arrives.
    await page.locator('button.exchange').first().waitFor();
    const before = await page.locator('button.exchange').count();
    const ids = [await post(sample('ae-entry-type-86.txt')), await post(sample('ae-add-for-psc.txt')), await post(sample('ae-psc-replace.txt'))];
    for (const id of ids) await page.locator(`button.exchange[data-id="${id}"]`).waitFor();
    t.equal(await page.locator('button.exchange').count(), before + 3, 'three more exchanges');
    t.ok(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), 'the page was not reloaded');
    t.match(await page.locator('button.exchange').first().textContent(), /PSC/, 'newest first, the PSC tagged');
    t.equal(await page.locator('li.arrived').count(), 3, 'shown as arriving');
    await shot(page, 'timeline-live');
    await page.close();
  });

  await t.test('follow-up messages appear under the exchange that caused them', async (t) => {
    const id = await post(sample('ae-add-1-line.txt'), { 'x-ace-scenario': 'uc-package-requested' });
    const page = await open(`/#/exchange/${id}`);
    const followUp = page.locator('.follow-ups .follow-up');
    await followUp.first().waitFor();
    t.match(await followUp.first().textContent(), /UC 2 for B76-03245278[\s\S]*ENTRY SUMMARY PACKAGE REQUESTED/, 'the UC notice with its records');
    await page.close();
  });

  await t.test('the entry page: stages with their dates, the session clock, moving on and a refused move', async (t) => {
    // A type 01 summary paid on a daily statement (10 record column 51 payment type 2) printed on
    // 2026-12-01 (52-57 MMDDYY), entered 2026-11-25 with the session's clock on that day.
    const number7 = '2345678';
    const entryNumber = `${number7}${entryCheckDigit('B76', number7)}`;
    const summary = sampleWith('ae-add-1-line.txt', number7, { edit: (r) => (r.startsWith('10') ? put(put(r, 51, '2'), 52, '120126') : r) });
    t.equal((await admin('sessions/life/clock', { set: '2026-11-25T15:00:00Z' })).status, 200);
    const id = await post(summary, { 'x-ace-session': 'life' });
    const page = await open(`/#/exchange/${id}`, { width: 1440, height: 900 }, /status of 409/);
    await page.locator('table.transactions a', { hasText: `B76-${number7}-` }).click();
    await page.locator('.entry-stages').waitFor();
    t.match(page.url(), new RegExp(`#/sessions/life/entries/B76/${entryNumber}$`), 'the transaction links to its entry page');
    const stage = page.locator('.entry-stages h3');
    const step = (name: string) => page.locator(`ol.stages li[data-stage="${name}"]`);
    t.match(await stage.textContent(), /Stage: Trade control/, 'filed: in trade control');
    t.match(await step('trade-control').textContent(), /current stage.*accepted 2026-11-25/, 'accepted on the entry date');
    t.match(await step('preliminary-statement').textContent(), /ahead.*prints 2026-12-01/, 'its statement prints on the print date');
    t.match(await page.locator('.clock-reading').textContent(), /2026-11-25 15:0\d UTC.*moved: /, 'the session clock, moved');

    await page.getByRole('button', { name: 'Move the session clock on 1 day' }).click();
    await page.locator('.clock-reading', { hasText: '2026-11-26' }).waitFor();
    t.match(await stage.textContent(), /Trade control/, 'a day on, still before the print date');
    await page.getByLabel('Set date').fill('2026-12-01');
    await page.getByRole('button', { name: 'Set', exact: true }).click();
    await stage.filter({ hasText: 'Preliminary statement' }).waitFor();
    t.match(await step('preliminary-statement').textContent(), /current stage.*printed 2026-12-01.*statement 2727335001/, 'past the print date, on its preliminary statement');
    t.match(await step('trade-control').textContent(), /done/, 'trade control done');

    await page.getByRole('button', { name: 'Move to Paid' }).click();
    await page.locator('.notice', { hasText: 'Moved to Paid; the entry is now Liquidation scheduled.' }).waitFor();
    await stage.filter({ hasText: 'Liquidation scheduled' }).waitFor();
    t.match(await step('paid').textContent(), /done.*paid 2026-12-01/, 'paid on the day');
    t.match(await step('liquidation-scheduled').textContent(), /current stage.*liquidation 2027-10-05/, 'liquidation 314 days after the entry date');
    t.match(await step('liquidated').textContent(), /ahead.*due 2027-10-05/, 'and the job that liquidates it');
    t.match(await page.locator('table.scheduled').textContent(), /liquidate.*2027-10-05 00:00 UTC/, 'scheduled');
    t.same(
      (await page.locator('table.entry-history tbody tr td:nth-child(2)').allTextContents()),
      ['A', 'on preliminary statement 2727335001', 'paid on statement 2727335001', 'liquidation scheduled for 2027-10-05'],
      'the history, oldest first',
    );
    await shot(page, 'entry-page');

    // Liquidated meanwhile from elsewhere: the page's CBP review button is stale, and the server says why not.
    t.equal((await admin(`sessions/life/entries/B76/${entryNumber}/advance`, { to: 'liquidated' })).status, 200);
    await page.getByRole('button', { name: 'Move to CBP review' }).click();
    const refusal = page.locator('.refusal[role="alert"]');
    await refusal.waitFor();
    t.match(await refusal.textContent(), new RegExp(`Move to CBP review refused.*409 Entry cannot move there: entry B76-${entryNumber} is liquidated`), 'the 409 and its detail');
    await stage.filter({ hasText: 'Liquidated' }).waitFor();
    t.equal(await page.locator('.move-buttons button').count(), 0, 'read again: liquidated, nothing further to move to');
    await page.getByRole('link', { name: 'open the exchange' }).click();
    await page.locator('.follow-ups').waitFor();
    t.match(
      await page.locator('.follow-ups').textContent(),
      new RegExp(`preliminary statement 2727335001[\\s\\S]*final statement 2727335001[\\s\\S]*courtesy notice of liquidation for B76-${entryNumber}`),
      'the statements and the liquidation notice are follow-ups of the filing',
    );
    await page.close();
  });

  await t.test('keyboard navigation and presenter mode', async (t) => {
    const page = await open('/#/timeline', { width: 1920, height: 1080 });
    await page.locator('button.exchange').first().waitFor();
    await page.keyboard.press('2');
    await page.locator('.compose').waitFor();
    await page.keyboard.press('3');
    await page.locator('.scenarios').waitFor();
    await page.keyboard.press('1');
    await page.locator('button.exchange').first().focus();
    await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
    t.equal(focused, await page.locator('button.exchange').nth(1).getAttribute('data-id'), 'ArrowDown moves to the next exchange');
    await page.keyboard.press('Enter');
    await page.locator('.exchange-view').waitFor();
    await page.keyboard.press('p');
    // The class follows the render, a moment after the key: wait for it rather than race it.
    const presenting = await page.waitForFunction(() => document.documentElement.classList.contains('presenter'), undefined, { timeout: 5000 }).then(() => true, () => false);
    t.ok(presenting, 'p turns presenter mode on');
    await page.keyboard.press('3');
    await page.locator('.scenario-list').waitFor();
    t.equal(await page.locator('button', { hasText: 'Arm' }).count(), 0, 'no arm buttons in presenter mode');
    t.notOk(await page.getByRole('button', { name: 'Reset session' }).isVisible(), 'no reset either');
    await page.keyboard.press('1');
    await page.locator('button.exchange').first().click();
    await page.locator('.exchange-view').waitFor();
    const size = await page.evaluate(() => getComputedStyle(document.querySelector('.record-text') as Element).fontSize);
    // Input and answer side by side leave 80 columns each half of 1920 pixels: about 17.6 px.
    t.ok(Number.parseFloat(size) >= 17, `record text is large on a projector (${size})`);
    await shot(page, 'presenter-exchange');
    await page.close();
  });

  await t.test('at 1280×720 both 80-column grids fit side by side', async (t) => {
    const id = await post(sample('ae-add-5-lines.txt'));
    const page = await open(`/#/exchange/${id}`);
    await page.locator('section[aria-label="Answer"]').waitFor();
    const overflow = await page.evaluate(() =>
      [...document.querySelectorAll('.grid-scroll')].map((el) => el.scrollWidth - el.clientWidth),
    );
    t.same(overflow.map((o) => o <= 0), overflow.map(() => true), 'no grid scrolls sideways');
    await page.close();
  });

  await t.test('with ACE_MOCK_ADMIN_TOKEN set, the console asks for the token before arming', async (t) => {
    const token = 'console-test-token-0123456789';
    const guarded = testMock({ ACE_MOCK_ADMIN_TOKEN: token }, () => new Date());
    await guarded.http.listen({ host: '127.0.0.1', port: 0 });
    t.teardown(() => guarded.close());
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const refused: number[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/v1/admin/') && r.status() === 401) refused.push(r.status());
    });
    await page.goto(`http://127.0.0.1:${(guarded.http.server.address() as AddressInfo).port}/#/scenarios`);
    await page.locator('.token-form').waitFor();
    t.match(await page.locator('.error').textContent(), /Admin token required/, 'the refusal is shown');
    t.equal(await page.locator('.scenario-list').count(), 0, 'no scenarios without the token');
    await page.locator('.token-form input[type="password"]').fill(token);
    await page.getByRole('button', { name: 'Use token' }).click();
    await page.locator('.scenario-list').waitFor();
    t.ok((await page.locator('.scenario-list tbody tr').count()) > 20, 'with it, the scenarios');
    t.ok(refused.length > 0, 'the server did refuse the call without the token');
    await page.close();
  });

  await t.test('the timeline pages back to older exchanges', async (t) => {
    for (let i = 0; i < 120; i++) await send(mock, sample('batch-missing-z.txt'), { 'x-ace-session': 'paging' });
    const page = await open('/?session=paging#/timeline');
    await page.locator('button.exchange').first().waitFor();
    t.equal(await page.locator('button.exchange').count(), 100, 'the newest 100 first');
    await page.getByRole('button', { name: 'Show older exchanges' }).click();
    await page.locator('button.exchange').nth(119).waitFor();
    t.equal(await page.locator('button.exchange').count(), 120, 'then the rest');
    t.equal(await page.getByRole('button', { name: 'Show older exchanges' }).count(), 0, 'and no more to show');
    await page.close();
  });

  await t.test('an exchange that came over MQ shows in the timeline as MQ', async (t) => {
    const qm = aceQueueManager();
    const withMq = mqMock(qm, {}, () => new Date());
    await withMq.http.listen({ host: '127.0.0.1', port: 0 });
    t.teardown(() => withMq.close());
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('pageerror', (e) => consoleErrors.push(`mq: ${e.message}`));
    await page.goto(`http://127.0.0.1:${(withMq.http.server.address() as AddressInfo).port}/#/timeline`);
    await page.locator('.live.live').waitFor();
    putRequest(qm, sample('ae-bad-check-digit.txt'));
    const row = page.locator('button.exchange', { hasText: 'B76-0324543-0' });
    await row.waitFor();
    t.match(await row.textContent(), /MQ.*AE.*B76-0324543-0.*rejected/, 'transport MQ, rejected');
    await row.click();
    t.equal(await page.locator('section[aria-label="Input"] .offending.selected').getAttribute('data-field'), 'entryNumber', 'decoded like any other');
    await page.close();
  });

  await t.test('a record out of place says which record it came after', async (t) => {
    // The 11 record moved after the 40: X35, and the pipeline knows what it followed.
    const lines = sample('ae-add-1-line.txt').split('\n');
    const eleven = lines.findIndex((l) => l.startsWith('11'));
    const moved = [...lines];
    const [record] = moved.splice(eleven, 1);
    moved.splice(moved.findIndex((l) => l.startsWith('40')) + 1, 0, record as string);
    const id = await post(moved.join('\n'));
    const page = await open(`/#/exchange/${id}`, { width: 1440, height: 900 });
    const x35 = page.locator('button.condition[data-code="X35"]');
    await x35.waitFor();
    t.equal(await x35.locator('.specific').textContent(), 'Here: record 11 cannot follow record 40: its place is earlier in the transaction', 'the record it came after');
    t.match(await x35.locator('.explanation').textContent(), /\w/, 'and the dictionary explanation');
    await shot(page, 'exchange-out-of-place-1440');
    await page.close();
  });

  await t.test('an exchange journaled before explanations were stored gets them from the dictionary', async (t) => {
    const id = await post(sample('ae-bad-check-digit.txt'));
    const stored = mock.journal.get(id);
    if (!stored) throw new Error(`exchange ${id} is not journaled`);
    const detail = stored.detail as { transactions: { conditions: Record<string, unknown>[] }[] };
    // As the journal held it then: conditions without explanation or why.
    const old = { transactions: detail.transactions.map((tx) => ({ ...tx, conditions: tx.conditions.map(({ explanation: _e, why: _w, ...c }) => c) })) };
    const oldId = `${id.slice(0, -4)}0ld0`;
    mock.journal.append({ ...stored, id: oldId, detail: old });
    const page = await open(`/#/exchange/${oldId}`);
    const b16 = page.locator('button.condition[data-code="B16"]');
    await b16.locator('.explanation').waitFor();
    t.match(await b16.locator('.explanation').textContent(), /check digit/i, 'the explanation, read from the dictionary API');
    t.equal(await b16.locator('.specific').count(), 0, 'no specific why: the row never had one');
    await page.close();
  });

  await t.test('timeline rows show condition codes and user text, filtered by outcome, application, entry and text', async (t) => {
    const session = { 'x-ace-session': 'filters' };
    const bad = await post(sample('ae-bad-check-digit.txt'), session);
    const query = await post(sample('cq-entry-status.txt'), session);
    const good = await post(sample('ae-add-1-line.txt'), session);
    const page = await open('/?session=filters#/timeline', { width: 1440, height: 900 });
    const rows = page.locator('button.exchange');
    const ids = async (): Promise<string[]> => (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''))).sort();
    const only = async (...wanted: string[]): Promise<void> => {
      await page.waitForFunction((n) => document.querySelectorAll('button.exchange').length === n, wanted.length);
    };
    await only(bad, query, good);
    const badRow = page.locator(`button.exchange[data-id="${bad}"]`);
    t.same(await badRow.locator('.codes .code').allTextContents(), ['B16'], 'the row names its condition code');
    t.equal(await badRow.locator('.user-text').textContent(), 'SAMPLE CHECKDIGIT', 'and its B record user text');
    t.equal(await page.locator(`button.exchange[data-id="${good}"] .codes .code`).count(), 0, 'an accepted one has none');
    await shot(page, 'timeline-codes-1440');

    const filters = page.getByRole('search', { name: 'Filter the timeline' });
    await filters.getByLabel('Outcome').selectOption('accepted');
    await only(good);
    t.same(await ids(), [good], 'outcome accepted: the add (the B16 one and the query of an unknown entry are rejected)');
    await filters.getByLabel('Outcome').selectOption('');
    await filters.getByLabel('Application').fill('cq');
    await only(query);
    t.same(await ids(), [query], 'application CQ: the status query');
    await filters.getByLabel('Application').fill('');
    await filters.getByLabel('Entry').fill('B76-0324543');
    t.match(await page.locator('#entry-filter-hint').textContent(), /not applied until it is an entry number/, 'a half-typed entry number is said to be unused');
    await filters.getByLabel('Entry').fill('B76-0324543-0');
    await only(bad);
    t.same(await ids(), [bad], 'entry B76-0324543-0: its filing');
    await filters.getByLabel('Entry').fill('');
    const searched = page.waitForRequest((r) => r.url().includes('/v1/transmissions?') && r.url().includes('text=checkdigit'));
    await filters.getByLabel('Text').fill('checkdigit');
    await only(bad);
    t.same(await ids(), [bad], 'text: the user text found');
    t.ok(await searched, 'and the journal searched for it on the server, beyond the rows loaded');
    await shot(page, 'timeline-filtered-1440');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await only(bad, query, good);
    t.pass('cleared, all three again');
    await page.close();
  });

  await t.test('compose masks the password, numbers the records and keeps the chosen sample', async (t) => {
    const page = await open('/#/compose', { width: 1440, height: 900 });
    const chooser = page.locator('select[aria-label="Start from a sample"]');
    await chooser.selectOption('ae-add-1-line.txt');
    await page.locator('.problems .badge', { hasText: 'no problems' }).waitFor();
    t.equal(await chooser.inputValue(), 'ae-add-1-line.txt', 'the sample stays chosen');
    t.match(page.url(), /#\/compose\?sample=ae-add-1-line\.txt$/, 'and is in the address');
    const text = sample('ae-add-1-line.txt');
    const shown = (await page.locator('.editor .backdrop').textContent()) ?? '';
    t.equal(shown.split('\n')[0]?.slice(8, 14), '******', 'the A record password shows starred');
    t.notMatch(await page.content(), /PASSWD/, 'and is nowhere on the page');
    t.equal(await page.locator('.editor textarea').evaluate((el) => getComputedStyle(el).color), 'rgba(0, 0, 0, 0)', 'the editor’s own text is not drawn');
    const records = text.split('\n').filter((l) => l !== '').length;
    const numbers = ((await page.locator('.record-numbers pre').textContent()) ?? '').trim().split('\n');
    t.same([numbers[0], numbers[numbers.length - 1], numbers.length], ['001', String(records).padStart(3, '0'), records], 'a number per record');
    await shot(page, 'compose-masked-1440');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.result .badge', { hasText: 'accepted' }).waitFor();
    t.pass('sent with the real password behind the stars: accepted');
    await page.getByRole('link', { name: 'Timeline' }).click();
    await page.locator('.timeline').waitFor();
    await page.goBack();
    await page.locator('.problems .badge', { hasText: 'no problems' }).waitFor();
    t.equal(await chooser.inputValue(), 'ae-add-1-line.txt', 'back in Compose, the sample is still chosen and loaded');
    await page.close();
  });

  await t.test('presenter mode: no navigation, input and answer side by side without scrolling, record by record', async (t) => {
    const id = await post(sample('ae-bad-check-digit.txt'));
    const page = await open(`/?presenter#/exchange/${id}`, { width: 1920, height: 1080 });
    await page.locator('.step-bar').waitFor();
    t.notOk(await page.locator('header.top nav').isVisible(), 'the navigation is hidden');
    const input = await page.locator('section[aria-label="Input"]').boundingBox();
    const answer = await page.locator('section[aria-label="Answer"]').boundingBox();
    t.ok(input && answer && input.x + input.width <= answer.x && Math.abs(input.y - answer.y) < 2, 'input left of the answer, level with it');
    const fits = await page.evaluate(() => (document.scrollingElement as Element).scrollHeight <= window.innerHeight);
    t.ok(fits, 'the page does not scroll at 1920×1080');
    const overflow = await page.evaluate(() => [...document.querySelectorAll('.grid-scroll')].map((el) => el.scrollWidth - el.clientWidth));
    t.same(overflow.map((o) => o <= 0), [true, true], 'nor does either grid sideways');

    const where = page.locator('.step-where');
    const current = (grid: string) => page.locator(`section[aria-label="${grid}"] li.record.current`).evaluateAll((els) => els.map((e) => e.getAttribute('data-position')));
    t.match(await where.textContent(), /^Record 1 of 17 · A /, 'it starts on the A record');
    t.same(await current('Input'), ['1']);
    t.match(await page.locator('section[aria-label="Answer"] li.record.current').textContent(), /^\d+A2704B76/, 'the answer’s A record is the one about it');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await where.filter({ hasText: 'Record 3 of 17' }).waitFor();
    t.same(await current('Input'), ['3'], '→ → steps to record 3, the 10 record');
    t.match(await page.locator('.step-conditions li[data-code="B16"]').textContent(), /B16.*Here: the check digit of B76 0324543 is \d, not 0/, 'its condition with the why');
    t.match(await page.locator('section[aria-label="Answer"] li.record.current').allTextContents(), [/E1 FB16/], 'the E1 stating it is the answer record about it');
    t.equal(await page.locator('section[aria-label="Input"] .offending.selected').getAttribute('data-field'), 'entryNumber', 'the offending field highlighted');
    await shot(page, 'presenter-step-1920');
    await page.getByRole('button', { name: '◀ Previous' }).click();
    await where.filter({ hasText: 'Record 2 of 17' }).waitFor();
    t.same(await current('Input'), ['2'], 'the Previous button steps back');
    t.match(await page.locator('.step-none').textContent(), /No condition points at this record/);
    await page.keyboard.press('End');
    await where.filter({ hasText: 'Record 17 of 17' }).waitFor();
    t.pass('End goes to the last record');
    await page.close();

    // A five-line summary: longer than the screen, so the grids scroll inside and the page still does not.
    const longer = await post(sample('ae-add-5-lines.txt'));
    const long = await open(`/?presenter#/exchange/${longer}`, { width: 1920, height: 1080 });
    await long.locator('.step-bar').waitFor();
    t.ok(await long.evaluate(() => (document.scrollingElement as Element).scrollHeight <= window.innerHeight), 'a longer exchange does not scroll the page either');
    await long.keyboard.press('End');
    await long.locator('section[aria-label="Input"] li.record.current').waitFor();
    t.ok(await long.locator('section[aria-label="Input"] li.record.current').isVisible(), 'the last record is scrolled into view in its grid');
    await long.close();
  });

  await t.test('the exchange view at 1440×900 explains each condition', async (t) => {
    const id = await post(sample('ae-bad-check-digit.txt'));
    const page = await open(`/#/exchange/${id}`, { width: 1440, height: 900 });
    await page.locator('button.condition[data-code="B16"] .specific').waitFor();
    await shot(page, 'exchange-explained-1440');
    t.pass('screenshot taken');
    await page.close();
  });

  await t.test('demo mode shows a banner; Reset session clears the session for the next walkthrough', async (t) => {
    const demo = testMock({ ACE_MOCK_DEMO: '1' }, () => new Date());
    await demo.http.listen({ host: '127.0.0.1', port: 0 });
    t.teardown(() => demo.close());
    const demoBase = `http://127.0.0.1:${(demo.http.server.address() as AddressInfo).port}`;
    await fetch(`${demoBase}/v1/transmissions`, { method: 'POST', body: sample('ae-add-1-line.txt'), headers: { 'content-type': 'text/plain', 'x-ace-session': 'class' } });
    const armed = await fetch(`${demoBase}/v1/admin/arm`, { method: 'POST', body: JSON.stringify({ scenario: 'importer-unknown', session: 'class' }), headers: { 'content-type': 'application/json' } });
    t.equal(armed.status, 201, 'a scenario armed for the session');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => consoleErrors.push(`demo: ${e.message}`));
    await page.goto(`${demoBase}/?session=class#/timeline`);
    const banner = page.locator('.demo-banner');
    await banner.waitFor();
    t.match(await banner.textContent(), /Demo mode: .*throwaway database/, 'the banner says the database is thrown away');
    await page.locator('button.exchange').first().waitFor();
    await page.getByRole('button', { name: 'Reset session' }).click();
    await page.locator('.reset-session .notice', { hasText: 'Session class reset' }).waitFor();
    const left = (await (await fetch(`${demoBase}/v1/admin/sessions/class/armed`)).json()) as { armed: unknown[] };
    t.same(left.armed, [], 'nothing armed any more');
    await shot(page, 'demo-reset-1440');
    await page.close();
  });

  t.same(consoleErrors, [], 'no console errors on any page');
}
