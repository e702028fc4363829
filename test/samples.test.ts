import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { send, testMock } from './helpers/mock.js';

/**
 * The shipped samples against the outcomes their README and expect.json state, checked column by
 * column here (independently of the golden files, which record ace-mock's own answers).
 */
const dir = fileURLToPath(new URL('../scenarios/samples/', import.meta.url));
const expectations = JSON.parse(readFileSync(`${dir}expect.json`, 'utf8')) as { file: string; expect: string[] }[];

const col = (record: string, from: number, to: number): string => record.slice(from - 1, to);

t.test('every sample answers as expect.json says, in file order on one server', async (t) => {
  const mock = testMock();
  t.teardown(() => mock.close());
  for (const { file, expect } of expectations) {
    const res = await send(mock, readFileSync(dir + file));
    t.equal(res.statusCode, 200, `${file}: 200`);
    const out = res.body.split('\n').filter((l) => l !== '');
    t.ok(out.every((r) => r.length === 80), `${file}: every output record is 80 characters`);
    const final = out.filter((r) => r.startsWith('E1A') || r.startsWith('E1R')).at(-1) ?? '';
    const b = out.find((r) => r.startsWith('B')) ?? '';
    for (const e of expect) {
      const [kind, arg = ''] = e.split(':');
      switch (kind) {
        case 'final':
          t.equal(col(final, 5, 7), arg, `${file}: final disposition ${arg}`);
          t.equal(final[2], 'A', `${file}: final record is an acceptance`);
          break;
        case 'version':
          t.equal(col(final, 64, 68), arg, `${file}: version ${arg}`);
          break;
        case 'rejected':
          t.equal(col(final, 1, 7), 'E1RF998', `${file}: rejected with E1RF998`);
          t.ok(out.some((r) => r.startsWith('E1 F')), `${file}: at least one fatal condition`);
          break;
        case 'echo':
          t.equal(col(b, 60, 60 + arg.length - 1), arg, `${file}: user text "${arg}" echoed in B 60-80`);
          break;
        case 'e1':
          t.ok(out.some((r) => r.startsWith('E1 ') && col(r, 5, 7) === arg), `${file}: an E1 condition ${arg}`);
          break;
        case 'e0':
          t.ok(out.some((r) => col(r, 1, 9) === `E0 ${arg}`), `${file}: an E0 ${arg} pointer`);
          break;
        case 'x':
          t.ok(out.some((r) => r.startsWith('X1') && col(r, 5, 7) === arg), `${file}: X1 condition ${arg}`);
          break;
        case 'batchrej':
          t.ok(out.some((r) => col(r, 1, 7) === 'X1RF999'), `${file}: X1RF999 BATCH REJECTED`);
          t.equal(col(b, 80, 80), 'B', `${file}: ACE-generated B`);
          break;
        case 'prep':
          t.equal(col(b, 47, 53), arg, `${file}: preparer port/filer echoed in B 47-53`);
          break;
        case 'se90': {
          // The message-level SE90 that closes the last cargo release transaction (SE-83).
          const message = out.filter((r) => r.startsWith('SE90') && !['11', '13'].includes(col(r, 5, 6))).at(-1) ?? '';
          t.equal(col(message, 5, 6), arg, `${file}: message-level SE90 ${arg}`);
          break;
        }
        case 'records': {
          // The records between B and Y, by record id (a query's answer: WO10…, WR0, WSA …).
          const ids = arg.split(',');
          const body = out.slice(out.findIndex((r) => r.startsWith('B')) + 1, out.findIndex((r) => r.startsWith('Y')));
          t.same(body.map((r) => ids.find((id) => r.startsWith(id)) ?? r.slice(0, 4)), ids, `${file}: records ${arg}`);
          break;
        }
        case 'record':
          t.ok(out.some((r) => r.startsWith(arg)), `${file}: an output record starting ${arg}`);
          break;
        case 'nojz':
          t.notOk(out.some((r) => r.startsWith('JZ')), `${file}: no JZ condition (ESQ-50)`);
          break;
        case 'ycount': {
          const bi = out.findIndex((r) => r.startsWith('B'));
          const yi = out.findIndex((r) => r.startsWith('Y'));
          t.equal(Number(col(out[yi] ?? '', 13, 17)), yi - bi - 1, `${file}: Y 13-17 counts the records between B and Y`);
          break;
        }
        default:
          t.fail(`unknown expectation ${e}`);
      }
    }
  }
});
