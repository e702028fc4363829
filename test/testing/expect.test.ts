import { AssertionError } from 'node:assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t, { type Test } from 'tap';
import { type Answer, describeAnswer, expectAccepted, expectRejected } from '../../src/testing/index.js';
import { send, testMock } from '../helpers/mock.js';

/** The kit's assertions on real answers (the JSON the kit's send() returns), passing and failing with a message QA can act on. */
const samples = fileURLToPath(new URL('../../scenarios/samples/', import.meta.url));
const mock = testMock();
t.teardown(() => mock.close());

async function answer(file: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await send(mock, readFileSync(samples + file), { accept: 'application/json', ...headers });
  return response.json() as Answer;
}

const accepted = await answer('ae-add-1-line.txt');
const badCheckDigit = await answer('ae-bad-check-digit.txt');
const batchRejected = await answer('batch-missing-z.txt');
const importerUnknown = await answer('ae-add-1-line.txt', { 'x-ace-scenario': 'importer-unknown', 'x-ace-session': 'scripted' });

function failure(t: Test, check: () => void): string {
  try {
    check();
  } catch (error) {
    t.type(error, AssertionError, 'node\'s AssertionError, which every test runner reports');
    return (error as Error).message;
  }
  t.fail('expected the assertion to fail');
  return '';
}

t.test('expectAccepted passes an accepted answer and names what a rejected one got', async (t) => {
  expectAccepted(accepted);
  t.equal(
    failure(t, () => expectAccepted(badCheckDigit)),
    'expected accepted; got rejected: B76-03245430 A rejected (998) with B16 ENTRY NUMBER CHECK DIGIT MISMATCH on entryNumber (SUMMRY)',
  );
  t.equal(failure(t, () => expectAccepted(batchRejected)), 'expected accepted; got batch rejected with X06 BATCH CONTROL MISSING - Z-RECORD');
});

t.test('expectRejected checks the condition, its field and the entry', async (t) => {
  expectRejected(badCheckDigit);
  expectRejected(badCheckDigit, { condition: 'B16' });
  expectRejected(badCheckDigit, { condition: 'B16', field: 'entryNumber' });
  expectRejected(badCheckDigit, { condition: 'B16', entryNumber: 'B76-0324543-0' });
  expectRejected(batchRejected, { condition: 'X06' });
  expectRejected(importerUnknown, { condition: '101' });
  t.equal(
    failure(t, () => expectRejected(accepted, { condition: 'B16', field: 'entryNumber' })),
    'expected condition B16 on entryNumber; got accepted: B76-03245278 A accepted (995)',
  );
  t.match(failure(t, () => expectRejected(badCheckDigit, { condition: 'B15' })), /^expected condition B15; got rejected: B76-03245430 A rejected \(998\) with B16 /);
  t.match(failure(t, () => expectRejected(importerUnknown, { condition: '101', field: 'importerNumber' })), /^expected condition 101 on importerNumber; got rejected: .* with 101 IMPORTER UNKNOWN \(SUMMRY\)$/);
  t.match(failure(t, () => expectRejected(badCheckDigit, { condition: 'B16', entryNumber: 'B76-0324527-8' })), /^expected condition B16 for entry B76-0324527-8; got /);
  t.match(failure(t, () => expectRejected(accepted)), /^expected a rejection; got accepted/);
});

t.test('describeAnswer tells the outcome in one line', async (t) => {
  t.equal(describeAnswer(accepted), 'accepted: B76-03245278 A accepted (995)');
  t.equal(describeAnswer(batchRejected), 'batch rejected with X06 BATCH CONTROL MISSING - Z-RECORD');
});
