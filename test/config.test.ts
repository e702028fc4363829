import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ConfigError, loadConfig } from '../src/config.js';

t.test('defaults run out of the box', async (t) => {
  const c = loadConfig({});
  t.match(c, { host: '127.0.0.1', port: 8080, db: './data/ace-mock.db', lenient: false, logLevel: 'info' });
  t.same(c.entrySummary, { actionPolicy: 'cbp', lineOrder: 'any', pscWindowDays: 269, pscLiquidationMarginDays: 15, portMatch: 'district', pscEntryTypeChange: 'regime', pgaNumbering: 'checked', foreignExporter: 'case', liquidationDays: 314 });
});

t.test('environment variables set their keys', async (t) => {
  const c = loadConfig({
    HOST: '0.0.0.0',
    PORT: '9000',
    ACE_MOCK_DB: ':memory:',
    ACE_MOCK_LENIENT: 'yes',
    ACE_MOCK_ACTION_POLICY: 'strict',
    ACE_MOCK_PSC_WINDOW_DAYS: '30',
    ACE_MOCK_PSC_LIQUIDATION_MARGIN_DAYS: '14',
    ACE_MOCK_PORT_MATCH: 'port',
    ACE_MOCK_FOREIGN_EXPORTER: 'adcvd-type',
    ACE_MOCK_LIQUIDATION_DAYS: '300',
  });
  t.match(c, { host: '0.0.0.0', port: 9000, db: ':memory:', lenient: true });
  t.match(c.entrySummary, { actionPolicy: 'strict', pscWindowDays: 30, pscLiquidationMarginDays: 14, portMatch: 'port', foreignExporter: 'adcvd-type', liquidationDays: 300 });
});

t.test('a config file is read, environment and flags win over it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ace-mock-config-'));
  const file = join(dir, 'ace-mock.yaml');
  writeFileSync(file, 'port: 7000\ndb: /tmp/x.db\nentrySummary:\n  lineOrder: ascending\n');
  const c = loadConfig({ ACE_MOCK_CONFIG: file, ACE_MOCK_DB: ':memory:' }, { port: '7100' });
  t.equal(c.port, 7100);
  t.equal(c.db, ':memory:');
  t.equal(c.entrySummary.lineOrder, 'ascending');
});

t.test('bad values are refused with the key and the variable named', async (t) => {
  t.throws(() => loadConfig({ PORT: 'eighty' }), ConfigError);
  t.throws(() => loadConfig({ PORT: '70000' }), /port \(PORT\)/);
  t.throws(() => loadConfig({ ACE_MOCK_ACTION_POLICY: 'loose' }), /entrySummary\.actionPolicy \(ACE_MOCK_ACTION_POLICY\)/);
  t.throws(() => loadConfig({ ACE_MOCK_CONFIG: '/nonexistent/ace.yaml' }), /cannot read ACE_MOCK_CONFIG=\/nonexistent\/ace.yaml/);
  t.throws(() => loadConfig({}, { unknownKey: 1 }), /Unrecognized key/);
});
