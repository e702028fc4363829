import { readFileSync } from 'node:fs';
import t from 'tap';
import { exchangeSummary } from '../../src/transports/http/exchange-summary.js';
import { send, testMock } from '../helpers/mock.js';

const sample = (name: string): Buffer => readFileSync(new URL(`../../scenarios/samples/${name}`, import.meta.url));

interface Listed {
  readonly id: string;
  readonly application: string;
  readonly conditions: readonly string[];
  readonly userText?: string;
}

t.test('the list filters by application, and each row carries its condition codes and B record user text', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const bad = (await send(mock, sample('ae-bad-check-digit.txt'))).headers['x-ace-exchange-id'];
  const query = (await send(mock, sample('cq-entry-status.txt'))).headers['x-ace-exchange-id'];
  const batch = (await send(mock, sample('batch-missing-z.txt'))).headers['x-ace-exchange-id'];

  const list = async (params: string): Promise<Listed[]> => {
    const res = await mock.http.inject({ method: 'GET', url: `/v1/transmissions?${params}` });
    t.equal(res.statusCode, 200, params);
    return (res.json() as { items: Listed[] }).items;
  };
  const cq = await list('application=cq');
  t.same(cq.map((e) => e.id), [query], 'application=cq (either case) lists the CQ exchange only');
  t.same(
    (await list('application=AE')).map((e) => e.id),
    [batch, bad],
    'application=AE the two AE ones, newest first',
  );
  t.equal(cq[0]?.userText, 'SAMPLE ENTRY STATUS', "the B record's user text, trimmed");

  const all = await list('limit=10');
  const byId = new Map(all.map((e) => [e.id, e]));
  t.same(byId.get(bad as string)?.conditions, ['B16'], 'the rejected summary names its B16');
  t.same(byId.get(batch as string)?.conditions, ['X06'], 'a batch rejection its X condition');
  t.equal(byId.get(bad as string)?.userText, 'SAMPLE CHECKDIGIT');

  const refused = await mock.http.inject({ method: 'GET', url: '/v1/transmissions?application=AEX' });
  t.equal(refused.statusCode, 400, 'a malformed application id is refused');
  t.match(refused.json(), { detail: /application is a 2-character application id/ }, 'saying what to send');
});

t.test('a journal row from before these fields, or without a B record, still lists', async (t) => {
  const summary = exchangeSummary({
    id: 'old',
    receivedAt: '2026-11-25T15:00:00.000Z',
    durationMs: 1,
    transport: 'http',
    session: 'B76',
    filer: 'B76',
    application: 'AE',
    outcome: 'rejected',
    scenario: undefined,
    input: Buffer.from('10AB76  03245430'),
    output: undefined,
    detail: { transactions: [{ conditions: [{ code: 'B16', severity: 'F', narrative: 'X', reference: 'SUMMRY' }] }] },
    entries: [],
  });
  t.same(summary.conditions, ['B16'], 'codes from the transactions alone');
  t.notOk('userText' in summary, 'no user text without a B record');
  t.same(exchangeSummary({ ...summary, input: Buffer.alloc(0), output: undefined, detail: null, scenario: undefined }).conditions, [], 'no detail, no codes');
});

t.test('text searches the journal for what a row shows (user text, codes, entry numbers), case ignored, page by page', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  const bad = (await send(mock, sample('ae-bad-check-digit.txt'))).headers['x-ace-exchange-id'];
  const add = (await send(mock, sample('ae-add-1-line.txt'))).headers['x-ace-exchange-id'];
  const cq = (await send(mock, sample('cq-entry-status.txt'))).headers['x-ace-exchange-id'];
  const page = async (url: string) => (await mock.http.inject({ method: 'GET', url })).json() as { items: Listed[]; next?: string };

  t.same((await page('/v1/transmissions?text=checkdigit')).items.map((e) => e.id), [bad], 'the B record user text, in another case');
  t.same((await page('/v1/transmissions?text=b16')).items.map((e) => e.id), [bad], 'a condition code');
  t.same((await page('/v1/transmissions?text=B76-0324527-8')).items.map((e) => e.id), [add], 'an entry number as filers write it');
  t.same((await page('/v1/transmissions?text=nothing-shows-this')).items, []);

  // SAMPLE appears in every user text: with limit=2 the first page ends with a cursor, the second holds the rest.
  const first = await page('/v1/transmissions?text=sample&limit=2');
  t.same(first.items.map((e) => e.id), [cq, add]);
  t.match(first.next, /text=sample/);
  const second = await page(first.next as string);
  t.same(second.items.map((e) => e.id), [bad]);
  t.notOk(second.next, 'nothing after the last');
  const empty = await mock.http.inject({ method: 'GET', url: '/v1/transmissions?text=' });
  t.equal(empty.statusCode, 400, 'an empty text is a bad query');
});
