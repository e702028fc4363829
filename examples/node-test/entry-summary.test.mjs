// An example suite for node:test, to copy into your own project: `node --test` runs it.
// With ACE_MOCK_URL set (e.g. http://127.0.0.1:8080) it drives that ace-mock instead of starting one.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { connect, expectAccepted, expectRejected, start } from 'ace-mock/testing';

// A session of its own keeps these tests' entries, clock and messages apart from anyone else's.
const session = 'example-node-test';
let mock;
let addOneLine;

before(async () => {
  mock = process.env.ACE_MOCK_URL ? connect(process.env.ACE_MOCK_URL) : await start();
  addOneLine = await mock.sample('ae-add-1-line.txt');
});
after(() => mock?.close());
beforeEach(() => mock.reset(session));

test('a one-line entry summary is accepted', async () => {
  const answer = await mock.send(addOneLine, { session });
  expectAccepted(answer);
  assert.equal(answer.transactions[0].disposition, '995');
});

test('an entry number with a wrong check digit is rejected with B16', async () => {
  const answer = await mock.send(await mock.sample('ae-bad-check-digit.txt'), { session });
  expectRejected(answer, { condition: 'B16', field: 'entryNumber' });
});

test('an armed scenario rejects the next summary, and only that one', async () => {
  await mock.arm('importer-unknown', { session, count: 1 });
  expectRejected(await mock.send(addOneLine, { session }), { condition: '101' });
  expectAccepted(await mock.send(addOneLine, { session }));
});

test('a UC notice arrives once the session clock passes its time', async () => {
  await mock.arm('uc-package-requested', { session });
  expectAccepted(await mock.send(addOneLine, { session }));
  await mock.advanceClock('PT1M', { session });
  const notice = await mock.nextMessage({ session, timeout: 5000 });
  assert.equal(notice.records[0].slice(10, 12), 'UC', 'a UC block (the B record names its application at 11-12)');
});
