import { pino } from 'pino';
import t from 'tap';
import type { ApplicationModule } from '../../src/applications/application.js';
import { censusOverride } from '../../src/applications/census-override/index.js';
import { entrySummary } from '../../src/applications/entry-summary/index.js';
import { APPLICATIONS, applicationIds, checkApplications } from '../../src/applications/registry.js';
import { DEFAULT_SCHEMA_DIR, SchemaError } from '../../src/catair/catalog.js';
import { loadConfig } from '../../src/config.js';
import { createAceMock } from '../../src/server.js';
import { batch, entry, rec } from '../helpers/census.js';
import { send, sharedCatalog, TEST_NOW } from '../helpers/mock.js';

/** The application registry is the one list of what ace-mock answers (src/applications/registry.ts). */
const catalog = sharedCatalog(DEFAULT_SCHEMA_DIR);

t.test('the registry offers AE, CW, CJ, SE, CQ and EQ, each listed in application-ids.yaml', async (t) => {
  t.same([...applicationIds()], ['AE', 'CW', 'CJ', 'SE', 'CQ', 'EQ']);
  t.doesNotThrow(() => checkApplications(catalog, APPLICATIONS));
});

t.test('start-up refuses an application the data cannot carry', async (t) => {
  const module = (id: string): ApplicationModule<unknown> => ({ id, scenarios: entrySummary.scenarios, create: () => { throw new Error('not built'); } });
  const refusal = (modules: ApplicationModule<unknown>[]) => {
    try {
      checkApplications(catalog, modules);
    } catch (err) {
      t.type(err, SchemaError);
      return (err as Error).message;
    }
    return 'accepted';
  };
  t.equal(refusal([module('ZZ')]), 'schemas/codes/application-ids.yaml: application ZZ is implemented (src/applications/registry.ts) but not listed');
  t.equal(refusal([module('DE')]), 'schemas/codes/application-ids.yaml: application DE is implemented but names no transactionStart', 'no record opens its transactions');
  t.equal(refusal([module('CW'), module('CW')]), 'src/applications/registry.ts: application CW is registered twice');
});

t.test('an application the YAML lists but nothing implements gets X13, not a lost block (B&B-32, B&B-34)', async (t) => {
  // CJ is in application-ids.yaml (with its transactionStart) but this mock is built without it.
  const config = loadConfig({ ACE_MOCK_DB: ':memory:', LOG_LEVEL: 'silent', ACE_MOCK_WATCH: '0' });
  const mock = createAceMock(config, { logger: pino({ level: 'silent' }), clock: () => TEST_NOW, catalog, applications: [entrySummary, censusOverride] });
  t.teardown(() => mock.close());
  const query = rec(`CJ1                B76  ${entry(900101)}`);

  const whole = await send(mock, batch('CJ', [query]));
  t.equal(
    whole.body,
    [
      'A2704B76      112526',
      `${'B'.padEnd(79)}B`,
      'X1 FX13   APPLICATION NOT CURRENTLY AVAILABLE',
      'X1RF999   BATCH REJECTED',
      `${'Y           00002'.padEnd(79)}Y`,
      `${'Z'.padEnd(79)}Z`,
    ]
      .map((r) => r.padEnd(80))
      .join('\n') + '\n',
    'a batch for CJ: X13 on the A record, batch rejected',
  );

  const bare = [rec('B  2704B76CJ'), query, rec('Y  2704B76CJ')].join('\n') + '\n';
  const blockAnswer = (await send(mock, bare, { accept: 'application/json' })).json() as { outcome: string; batchConditions: { code: string; block: number }[]; output: string[] };
  t.equal(blockAnswer.outcome, 'batch-rejected');
  t.match(blockAnswer.batchConditions, [{ code: 'X13', block: 1 }], 'bare blocks for CJ: X13 on the block');
  t.ok(blockAnswer.output.some((r) => r.startsWith('X1 FX13')), 'answered with the X13, not an empty block');
});
