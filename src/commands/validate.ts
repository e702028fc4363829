import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { decodeRecords, type DecodedRecord } from '../catair/decode.js';
import { frameRecords } from '../catair/framing.js';
import type { Config } from '../config.js';
import { createAceMock } from '../server.js';

export interface ValidateOptions {
  readonly json: boolean;
  readonly decode: boolean;
  readonly scenario?: string;
}

function describe(records: readonly DecodedRecord[]): string {
  return records
    .map((r) => {
      const head = `${String(r.position).padStart(4)} ${r.layout ?? '?'}${r.title ? `  ${r.title}` : ''}`;
      const fields = r.fields
        .filter((f) => f.value.trim() !== '')
        .map((f) => `       ${String(f.start).padStart(2)}-${String(f.start + f.length - 1).padEnd(2)} ${f.name} = "${f.value.trimEnd()}"${f.meaning ? ` (${f.meaning})` : ''}`);
      return [head, ...fields].join('\n');
    })
    .join('\n');
}

/**
 * `ace-mock validate FILE`: answers one transmission with a throw-away in-memory state and prints
 * the answer (with --decode, every input and output record field by field; with --json, the whole
 * exchange). Exit status 0 when accepted, 1 otherwise.
 */
export async function validate(file: string, config: Config, options: ValidateOptions): Promise<number> {
  const bytes = readFileSync(file);
  const mock = createAceMock(config, { logger: pino({ level: 'silent' }) });
  try {
    const exchange = await mock.pipeline.process({ bytes, transport: 'cli', ...(options.scenario !== undefined && { scenario: options.scenario }) });
    const input = decodeRecords(mock.catalog, frameRecords(bytes.toString('latin1'), true).records, 'in');
    const output = decodeRecords(mock.catalog, exchange.output, 'out');
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ ...exchange, decoded: { input, output } }, null, 2)}\n`);
    } else if (options.decode) {
      process.stdout.write(`Input\n${describe(input)}\n\nAnswer\n${describe(output)}\n`);
    } else {
      process.stdout.write(`${exchange.output.join('\n')}\n`);
    }
    const reasons = exchange.transactions.map((t) => `  ${t.filer}-${t.entryNumber} ${t.action}: ${t.disposition} — ${t.reason}`);
    process.stderr.write(`outcome: ${exchange.outcome}\n${reasons.join('\n')}${reasons.length ? '\n' : ''}`);
    return exchange.outcome === 'accepted' ? 0 : 1;
  } finally {
    await mock.close();
  }
}
