import t from 'tap';
import { browserUnavailable } from '../helpers/browser.js';

/** A missing Chromium fails the console tests loudly, on every machine, unless skipping is asked for. */
const nowhere = '/nonexistent/chromium';

t.test('no Chromium: an error naming what to install, and the way to skip', async (t) => {
  t.throws(() => browserUnavailable({}, nowhere), {
    message: 'no Chromium at /nonexistent/chromium: the console tests need one (apt-get install chromium, or CHROMIUM_PATH=/path/to/chromium), or ACE_MOCK_SKIP_BROWSER=1 to skip them',
  });
  t.throws(() => browserUnavailable({ ACE_MOCK_SKIP_BROWSER: '0' }, nowhere), 'only 1 skips');
});

t.test('ACE_MOCK_SKIP_BROWSER=1: skipped, with the reason', async (t) => {
  t.match(browserUnavailable({ ACE_MOCK_SKIP_BROWSER: '1' }, nowhere), /^no Chromium at \/nonexistent\/chromium: .*; skipped as ACE_MOCK_SKIP_BROWSER=1 asks$/);
});

t.test('a Chromium there: the tests run', async (t) => {
  t.equal(browserUnavailable({}, process.execPath), undefined, 'any file that exists stands for it');
});
