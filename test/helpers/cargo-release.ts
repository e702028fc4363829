import { scenarioApplications } from '../../src/applications/registry.js';
import { CARGO_RELEASE_SCENARIOS } from '../../src/applications/cargo-release/scenario-support.js';
import type { TxRecord } from '../../src/applications/shared/record.js';
import type { Catalog } from '../../src/catair/catalog.js';
import { identifyLayout } from '../../src/catair/decode.js';
import type { ScenarioApplications } from '../../src/scenarios/support.js';

/**
 * What scenario files may use, the cargo release application (SE) included: until the registry
 * (src/applications/registry.ts) offers SE (issue 11), its scenarios load with the support it
 * declares (src/applications/cargo-release/scenario-support.ts).
 */
export function withCargoRelease(): ScenarioApplications {
  return new Map([...scenarioApplications(), ['SE', CARGO_RELEASE_SCENARIOS]]);
}

/**
 * The SE transactions of a transmission (one record a line), each as its records in input order,
 * read with the SE layouts as the cargo release grammar names them (SE. records, shared PGA ones);
 * a transaction opens with each SE10 (SE-22).
 */
export function seTransactions(catalog: Catalog, text: string): TxRecord[][] {
  const transactions: TxRecord[][] = [];
  text.split('\n').forEach((line, i) => {
    const record = line.padEnd(80);
    if (line === '' || /^[ABYZ]/.test(record)) return;
    const layout = identifyLayout(catalog, record, 'in', 'SE');
    if (!layout) throw new Error(`line ${i + 1}: no layout for ${record.slice(0, 4)}`);
    if (layout.id === 'SE10') transactions.push([]);
    transactions.at(-1)?.push({ id: layout.id, text: record, position: i + 1, layout, problems: [] });
  });
  return transactions;
}
