#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError, ENVIRONMENT, loadConfig } from './config.js';
import { loadCatalog, SchemaError } from './catair/catalog.js';
import { scenarioApplications } from './applications/registry.js';
import { scenarioJsonSchema } from './scenarios/json-schema.js';
import { formatScenarioError, loadScenarios } from './scenarios/load.js';
import { send } from './commands/send.js';
import { certify } from './commands/certify.js';
import { ReportQuery } from './certification/query.js';
import { validate } from './commands/validate.js';
import { createAceMock, VERSION } from './server.js';

const HELP = `ace-mock ${VERSION} — a mock of the US CBP ACE endpoint for ABI filers

Usage:
  ace-mock serve [options]        serve the mock over HTTP, with the web console at / (default command)
  ace-mock validate FILE [options] answer one transmission and print it, without a server
  ace-mock send FILE --http URL | --mq   send a transmission as a filer would and print the answer
                                  (exit 0 accepted, 1 rejected, 2 no answer)
  ace-mock certify [--filer CODE] [--days N] [options]
                                  would CBP certify this filer? The rehearsal report from the journal
                                  (exit 0 would pass, 1 would not, 2 nothing to judge or no report)
  ace-mock scenarios lint [DIR]   check scenario files (default: the configured folder); exit 1 on errors
  ace-mock scenarios schema       print the JSON Schema of scenario files
  ace-mock --help | --version

Options:
  --host HOST        address to listen on            (HOST, default 127.0.0.1)
  --port PORT        port to listen on               (PORT, default 8080)
  --db PATH          SQLite file, or :memory:        (ACE_MOCK_DB, default ./data/ace-mock.db)
  --lenient          right-pad short records of hand-edited files instead of rejecting them
  --demo             serve: a throwaway database in a temporary folder, removed at exit (ACE_MOCK_DEMO=1)
  --json             validate: print the whole exchange, every record decoded, as JSON;
                     send, certify: print the JSON answer or report
  --decode           validate: print every input and output record field by field
  --scenario ID      validate, send: answer with this scenario (the X-ACE-Scenario header)
  --session NAME     send: the session to transmit in (the X-ACE-Session header); certify: judge one session
  --http URL         send, certify: talk to this running ace-mock, e.g. http://127.0.0.1:8080
  --mq               send: over IBM MQ, with the ACE_MOCK_MQ_* settings (queue manager, channel,
                     user, password file, request and reply queues)
  --timeout SECONDS  send: how long to wait for the answer (default 30)
  --filer CODE       certify: the filer code to judge (default: the only filer in the journal)
  --days N           certify: each program's last N business days with transmissions
  --from DAY --to DAY  certify: business days to cover, YYYY-MM-DD (inclusive)
  --application ID   certify: one program (cargo-release, entry-summary) or application (SE, AE)
  --port-of-entry P  certify: only transactions naming this port (4-digit Schedule D code)
  --plan ID          certify: tick off a rehearsal plan (entry-summary, cargo-release, statements)
  --monthly-volume N certify: the filer's monthly entry summary volume, to judge the 90% share
                     certify reads the database file (--db); with --http URL it asks a running ace-mock

Environment: ${Object.keys(ENVIRONMENT).join(', ')}, ACE_MOCK_CONFIG (a YAML/JSON file).

Examples:
  npm start
  PORT=9000 ACE_MOCK_DB=:memory: npm start
  ace-mock serve --demo      a walkthrough from a clean slate: the database is thrown away at exit
  curl --data-binary @scenarios/samples/ae-add-1-line.txt -H 'Content-Type: text/plain' http://127.0.0.1:8080/v1/transmissions
  ace-mock validate scenarios/samples/ae-bad-check-digit.txt
  ace-mock scenarios lint scenarios/
  ace-mock certify --http http://127.0.0.1:8080 --filer B76 --days 3 --application cargo-release
`;

function fail(message: string): never {
  process.stderr.write(`ace-mock: ${message}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        db: { type: 'string' },
        lenient: { type: 'boolean' },
        demo: { type: 'boolean' },
        json: { type: 'boolean' },
        decode: { type: 'boolean' },
        scenario: { type: 'string' },
        session: { type: 'string' },
        http: { type: 'string' },
        mq: { type: 'boolean' },
        timeout: { type: 'string' },
        filer: { type: 'string' },
        days: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        application: { type: 'string' },
        'port-of-entry': { type: 'string' },
        plan: { type: 'string' },
        'monthly-volume': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    fail(`${(err as Error).message}\n\nRun ace-mock --help for the options.`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const [command = 'serve', ...rest] = positionals;
  const overrides = { host: values.host, port: values.port, db: values.db, lenient: values.lenient, demo: values.demo };

  if (command === 'serve') {
    const config = loadConfig(process.env, overrides);
    const mock = createAceMock(config);
    if (config.demo && (values.db !== undefined || process.env['ACE_MOCK_DB'] !== undefined)) {
      mock.logger.warn(`demo mode: the database given (${config.db}) is not used; this run's database is ${mock.dbPath}, removed when it stops`);
    }
    let address: string;
    try {
      address = await mock.http.listen({ host: config.host, port: config.port });
    } catch (err) {
      // Nothing was served: close what was opened (a demo folder goes with it) and say why.
      await mock.close();
      fail(`cannot listen on ${config.host}:${config.port}: ${(err as Error).message}`);
    }
    mock.logger.info({ db: mock.dbPath, schemas: config.schemas, ...(config.demo && { demo: true }) }, `ace-mock ${VERSION} ready on ${address} — POST CATAIR to ${address}/v1/transmissions, console at ${address}/`);
    let stopping = false;
    const stop = (signal: string): void => {
      // A second signal while closing means "now": exit without waiting.
      if (stopping) process.exit(1);
      stopping = true;
      mock.logger.info(`${signal}: finishing the work in hand, then closing (send ${signal} again to exit at once)`);
      mock.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    // A closed terminal: stop as for Ctrl-C rather than die with the work in hand (and a demo folder).
    process.on('SIGHUP', () => stop('SIGHUP'));
    return;
  }

  if (command === 'validate') {
    const file = rest[0];
    if (!file) fail('validate needs a FILE: ace-mock validate scenarios/samples/ae-add-1-line.txt');
    if (!existsSync(file)) fail(`cannot read ${file}: no such file`);
    const config = loadConfig(process.env, { ...overrides, db: values.db ?? ':memory:', logLevel: 'silent', watch: false });
    process.exitCode = await validate(file, config, {
      json: values.json === true,
      decode: values.decode === true,
      ...(values.scenario !== undefined && { scenario: values.scenario }),
    });
    return;
  }

  if (command === 'send') {
    const file = rest[0];
    if (!file) fail('send needs a FILE: ace-mock send scenarios/samples/ae-add-1-line.txt --http http://127.0.0.1:8080');
    if (!existsSync(file)) fail(`cannot read ${file}: no such file`);
    if ((values.http === undefined) === (values.mq !== true)) fail('send needs exactly one of --http URL and --mq');
    const timeout = Number(values.timeout ?? 30);
    if (!Number.isFinite(timeout) || timeout <= 0) fail(`--timeout takes seconds, not "${values.timeout}"`);
    const { mq } = loadConfig(process.env, overrides);
    process.exitCode = await send(file, {
      timeoutMs: timeout * 1000,
      json: values.json === true,
      ...(values.http !== undefined && { http: values.http }),
      ...(values.mq === true && {
        mq: {
          queueManager: mq.queueManager,
          host: mq.host,
          port: mq.port,
          channel: mq.channel,
          requestQueue: mq.requestQueue,
          replyQueue: mq.replyQueue,
          ...(mq.user !== undefined && { user: mq.user }),
          ...(mq.passwordFile !== undefined && { passwordFile: mq.passwordFile }),
        },
      }),
      ...(values.scenario !== undefined && { scenario: values.scenario }),
      ...(values.session !== undefined && { session: values.session }),
    });
    return;
  }

  if (command === 'certify') {
    const parsedQuery = ReportQuery.safeParse(
      Object.fromEntries(
        Object.entries({
          filer: values.filer,
          days: values.days,
          from: values.from,
          to: values.to,
          application: values.application,
          port: values['port-of-entry'],
          session: values.session,
          plan: values.plan,
          monthlyVolume: values['monthly-volume'],
        }).filter(([, v]) => v !== undefined),
      ),
    );
    if (!parsedQuery.success) {
      const flag: Record<string, string> = { port: 'port-of-entry', monthlyVolume: 'monthly-volume' };
      fail(parsedQuery.error.issues.map((i) => `--${flag[String(i.path[0])] ?? String(i.path[0])}: ${i.message}`).join('; '));
    }
    const config = loadConfig(process.env, { ...overrides, logLevel: 'silent', watch: false });
    process.exitCode = await certify(config, parsedQuery.data, { json: values.json === true, ...(values.http !== undefined && { http: values.http }) });
    return;
  }

  if (command === 'scenarios') {
    const [sub, dir] = rest;
    if (sub === 'schema') {
      process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
      return;
    }
    if (sub === 'lint') {
      const config = loadConfig(process.env, { ...overrides, ...(dir !== undefined && { scenarios: dir }) });
      const set = loadScenarios(config.scenarios, loadCatalog(config.schemas), scenarioApplications());
      for (const e of set.errors) process.stderr.write(`${formatScenarioError(e)}\n`);
      process.stdout.write(`${set.scenarios.length} scenario(s) valid, ${set.errors.length} problem(s) in ${config.scenarios}\n`);
      process.exitCode = set.errors.length > 0 ? 1 : 0;
      return;
    }
    fail(`scenarios takes "lint [DIR]" or "schema", not "${sub ?? ''}". Run ace-mock --help.`);
  }

  fail(`unknown command "${command}". Run ace-mock --help.`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof SchemaError) fail(err.message);
  process.stderr.write(`ace-mock: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
