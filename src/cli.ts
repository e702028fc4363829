#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError, ENVIRONMENT, loadConfig } from './config.js';
import { loadCatalog, SchemaError } from './catair/catalog.js';
import { scenarioJsonSchema } from './scenarios/json-schema.js';
import { formatScenarioError, loadScenarios } from './scenarios/load.js';
import { validate } from './commands/validate.js';
import { createAceMock, VERSION } from './server.js';

const HELP = `ace-mock ${VERSION} — a mock of the US CBP ACE endpoint for ABI filers

Usage:
  ace-mock serve [options]        serve the mock over HTTP (default command)
  ace-mock validate FILE [options] answer one transmission and print it, without a server
  ace-mock scenarios lint [DIR]   check scenario files (default: the configured folder); exit 1 on errors
  ace-mock scenarios schema       print the JSON Schema of scenario files
  ace-mock --help | --version

Options:
  --host HOST        address to listen on            (HOST, default 127.0.0.1)
  --port PORT        port to listen on               (PORT, default 8080)
  --db PATH          SQLite file, or :memory:        (ACE_MOCK_DB, default ./data/ace-mock.db)
  --lenient          right-pad short records of hand-edited files instead of rejecting them
  --json             validate: print the whole exchange, every record decoded, as JSON
  --decode           validate: print every input and output record field by field
  --scenario ID      validate: answer with this scenario (as the X-ACE-Scenario header does)

Environment: ${Object.keys(ENVIRONMENT).join(', ')}, ACE_MOCK_CONFIG (a YAML/JSON file).

Examples:
  npm start
  PORT=9000 ACE_MOCK_DB=:memory: npm start
  curl --data-binary @scenarios/samples/ae-add-1-line.txt -H 'Content-Type: text/plain' http://127.0.0.1:8080/v1/transmissions
  ace-mock validate scenarios/samples/ae-bad-check-digit.txt
  ace-mock scenarios lint scenarios/
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
        json: { type: 'boolean' },
        decode: { type: 'boolean' },
        scenario: { type: 'string' },
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
  const overrides = { host: values.host, port: values.port, db: values.db, lenient: values.lenient };

  if (command === 'serve') {
    const config = loadConfig(process.env, overrides);
    const mock = createAceMock(config);
    const address = await mock.http.listen({ host: config.host, port: config.port });
    mock.logger.info({ db: config.db, schemas: config.schemas }, `ace-mock ${VERSION} ready on ${address} — POST CATAIR to ${address}/v1/transmissions`);
    const stop = (signal: string): void => {
      mock.logger.info(`${signal}: closing`);
      mock.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
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

  if (command === 'scenarios') {
    const [sub, dir] = rest;
    if (sub === 'schema') {
      process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
      return;
    }
    if (sub === 'lint') {
      const config = loadConfig(process.env, { ...overrides, ...(dir !== undefined && { scenarios: dir }) });
      const set = loadScenarios(config.scenarios, loadCatalog(config.schemas));
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
