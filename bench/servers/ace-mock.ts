import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { createAceMock } from '../../src/server.js';

// ace-mock as a user runs it (SQLite file in WAL mode, journal on), without log output.
const db = process.env['BENCH_DB'] ?? join(mkdtempSync(join(tmpdir(), 'ace-mock-bench-')), 'bench.db');
const mock = createAceMock(loadConfig({ ACE_MOCK_DB: db }), { logger: pino({ level: 'silent' }) });
const address = await mock.http.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ address })}\n`);
process.on('SIGTERM', () => void mock.close().then(() => process.exit(0)));
