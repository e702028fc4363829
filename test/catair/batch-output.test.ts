import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import {
  writeBatchRejection,
  writeOutputA,
  writeOutputB,
  writeOutputY,
  writeOutputZ,
} from '../../src/catair/batch-output.js';
import { loadCatalog } from '../../src/catair/catalog.js';
import { type BatchCondition, readEnvelope } from '../../src/catair/envelope.js';
import { frameRecords } from '../../src/catair/framing.js';

const catalog = loadCatalog();
const SAMPLE = fileURLToPath(new URL('../../scenarios/samples/ae-add-1-line.txt', import.meta.url));
const sample = (): string[] => readFileSync(SAMPLE, 'utf8').split('\n').filter((l) => l !== '');

const put = (record: string, col: number, text: string): string =>
  record.slice(0, col - 1) + text + record.slice(col - 1 + text.length);
const col = (record: string | undefined, from: number, to: number): string => (record ?? '').slice(from - 1, to);
const sp = (n: number): string => ' '.repeat(n);

/** The sample with an A office code and user text, and a B office code and preparer fields. */
function input(preparer = '2704C11ABX'): string[] {
  const s = sample();
  s[0] = put(put(s[0] as string, 38, 'XY'), 60, 'MY A TEXT');
  s[1] = put(put(s[1] as string, 45, 'OF'), 47, preparer);
  return s;
}

function batchOf(records: string[]) {
  const framed = frameRecords(records.join('\n'), false);
  return readEnvelope(framed.records, framed.problems, catalog);
}

const FALLBACK_B = `B${sp(78)}B`;
const FALLBACK_Z = `Z${sp(78)}Z`;
const REJECTED = 'X1RF999   BATCH REJECTED'.padEnd(80);

t.test('writeBatchRejection: a block condition and a record condition', async (t) => {
  const batch = batchOf(input());
  t.same(
    batch.conditions.map((c) => c.code),
    ['X21'],
  );
  const extra: BatchCondition = { code: 'X39', pointer: { kind: 'record', block: 0, position: 1, column: 22 } };
  const out = writeBatchRejection(catalog, batch, [...batch.conditions, extra]);

  t.equal(out.length, 9);
  t.ok(out.every((r) => r.length === 80), 'every record is 80 long');

  const a = out[0] as string;
  t.equal(a, `A2704B76${sp(6)}112526${sp(5)}${sp(2)}${sp(10)}XY${sp(20)}${'MY A TEXT'.padEnd(21)}`);
  t.equal(col(a, 9, 14), sp(6), 'password blanked');
  t.equal(col(a, 26, 27), sp(2), 'application id blank');
  t.equal(col(a, 60, 80), 'MY A TEXT'.padEnd(21), 'user text echoed');

  t.equal(out[1], FALLBACK_B);
  t.equal(col(out[1], 1, 1), 'B');
  t.equal(col(out[1], 80, 80), 'B');

  const x0block = out[2] as string;
  t.equal(
    x0block,
    `X0 BLOCK  000001 REF ID: 2704 B76 OF AE ${'SAMPLE ADD'.padEnd(21)} 2704C11ABX${sp(8)}`,
  );
  const x0 = catalog.layout('X0.BLOCK');
  const at = (name: string): string => {
    const f = x0.byName.get(name);
    return f ? x0block.slice(f.offset, f.end) : `no field ${name}`;
  };
  t.equal(at('occurrence'), '000001');
  t.equal(at('port'), '2704');
  t.equal(at('filer'), 'B76');
  t.equal(at('officeCode'), 'OF');
  t.equal(at('applicationId'), 'AE');
  t.equal(at('userText'), 'SAMPLE ADD'.padEnd(21));
  t.equal(at('preparerPort'), '2704');
  t.equal(at('preparerFiler'), 'C11');
  t.equal(at('preparerOffice'), 'AB');
  t.equal(at('preparerIndicator'), 'X');

  t.equal(out[3], 'X1 FX21   PREPARER INDICATOR UNKNOWN'.padEnd(80));
  t.equal(out[4], 'X0 TRNACT 000000 REF ID: 0000001 22'.padEnd(80));
  t.equal(out[5], 'X1 FX39   DATA FOUND IN FILLER'.padEnd(80));
  t.equal(out[6], REJECTED, 'X1RF999 is the last detail');

  const y = out[7] as string;
  t.equal(y, `Y${sp(11)}00005${sp(62)}Y`);
  t.equal(col(y, 13, 17), '00005', 'count of records between B and Y');
  t.equal(col(y, 80, 80), 'Y');
  t.equal(out[8], FALLBACK_Z);
});

t.test('writeBatchRejection: the Y count follows the number of conditions', async (t) => {
  const batch = batchOf(input());
  const conditions: BatchCondition[] = [
    { code: 'X03', pointer: { kind: 'record', block: 0, position: 2, column: 0 } },
    { code: 'X39', pointer: { kind: 'record', block: 1, position: 2, column: 20 } },
    { code: 'X04', pointer: { kind: 'block', block: 1, position: 2 } },
  ];
  const out = writeBatchRejection(catalog, batch, conditions);
  t.equal(out.length, 11);
  t.equal(out[2], 'X0 TRNACT 000000 REF ID: 0000002 00'.padEnd(80));
  t.equal(out[3], 'X1 FX03   BLOCK CONTROL MISSING - B-RECORD'.padEnd(80));
  t.equal(out[4], 'X0 TRNACT 000001 REF ID: 0000002 20'.padEnd(80));
  t.equal(out[7], 'X1 FX04   TRANSACTION DETAIL MISSING'.padEnd(80));
  t.equal(out[8], REJECTED);
  t.equal(col(out[9], 13, 17), '00007');
});

t.test('writeBatchRejection with no conditions still ends X1RF999', async (t) => {
  const out = writeBatchRejection(catalog, batchOf(sample()), []);
  t.same(out.slice(1), [FALLBACK_B, REJECTED, `Y${sp(11)}00001${sp(62)}Y`, FALLBACK_Z]);
});

t.test('writeBatchRejection without an A starts with the fallback B', async (t) => {
  const batch = batchOf(input().slice(1, 10));
  t.notOk(batch.header);
  const out = writeBatchRejection(catalog, batch, batch.conditions);
  t.equal(out[0], FALLBACK_B);
  t.equal(col(out[1], 1, 17), 'X0 BLOCK  000001 ');
  t.equal(out.at(-1), FALLBACK_Z);
});

t.test('writeOutputA blanks the password and sets the response application id', async (t) => {
  const a = input()[0] as string;
  t.equal(writeOutputA(catalog, a, 'AX'), `A2704B76${sp(6)}112526${sp(5)}AX${sp(10)}XY${sp(20)}${'MY A TEXT'.padEnd(21)}`);
});

t.test('writeOutputB echoes preparer fields and user text with the response app id', async (t) => {
  const b = put(input('2704B76AB1')[1] as string, 2, '01');
  const out = writeOutputB(catalog, b, 'AX');
  t.equal(out, `B  2704B76AX${sp(32)}OF2704B76AB1${sp(3)}${'SAMPLE ADD'.padEnd(21)}`);
  t.equal(col(out, 2, 3), '  ', 'control flags blanked');
  t.equal(col(out, 11, 12), 'AX');
  t.equal(col(out, 47, 56), '2704B76AB1');
  t.equal(col(out, 60, 80), 'SAMPLE ADD'.padEnd(21));
});

t.test('writeOutputY carries the count at 13-17', async (t) => {
  const b = input('2704B76AB1')[1] as string;
  t.equal(writeOutputY(catalog, b, 'AX', 12), `Y  2704B76AX00012${sp(27)}OF${sp(34)}`);
});

t.test('writeOutputZ mirrors the Z, or the A without one', async (t) => {
  const s = input();
  s[10] = put(s[10] as string, 15, '112626');
  t.equal(writeOutputZ(catalog, batchOf(s)), `Z2704B76${sp(6)}112626${sp(17)}${sp(43)}`);
  t.equal(writeOutputZ(catalog, batchOf(s.slice(0, 10))), `Z2704B76${sp(6)}112526${sp(17)}XY${sp(41)}`);
});
