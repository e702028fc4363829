import { scenarioApplications } from '../../src/applications/registry.js';
import { CARGO_RELEASE_SCENARIOS } from '../../src/applications/cargo-release/scenario-support.js';
import type { TxRecord } from '../../src/applications/shared/record.js';
import { type Catalog, DEFAULT_SCHEMA_DIR } from '../../src/catair/catalog.js';
import { loadTransactionGrammar } from '../../src/catair/grammar.js';
import { type GroupingResult, groupTransactions, recordsOf } from '../../src/catair/grouping.js';
import { checkRecord } from '../../src/catair/record.js';
import type { ScenarioApplications } from '../../src/scenarios/support.js';

/**
 * What scenario files may use, the cargo release application (SE) included: until the registry
 * (src/applications/registry.ts) offers SE (issue 11), its scenarios load with the support it
 * declares (src/applications/cargo-release/scenario-support.ts).
 */
export function withCargoRelease(): ScenarioApplications {
  return new Map([...scenarioApplications(), ['SE', CARGO_RELEASE_SCENARIOS]]);
}

const grammar = loadTransactionGrammar(DEFAULT_SCHEMA_DIR, 'cargo-release');

/** A transmission's SE block (one record a line) grouped by the cargo release grammar (SE-22). */
export function groupCargoRelease(text: string): GroupingResult {
  const lines = text.split('\n').filter((l) => l !== '');
  const b = lines.findIndex((l) => l.startsWith('B'));
  const y = lines.findIndex((l) => l.startsWith('Y'));
  return groupTransactions(
    lines.slice(b + 1, y).map((line, i) => ({ text: line.padEnd(80), position: b + i + 2 })),
    grammar,
  );
}

/**
 * The SE transactions of a transmission, each as its records in input order, read with the layouts
 * the grammar names (SE. records, the shared PGA ones), with what their layout check finds.
 */
export function seTransactions(catalog: Catalog, text: string): TxRecord[][] {
  return groupCargoRelease(text).transactions.map((tx) =>
    [...recordsOf(tx)].map(({ node, record }) => {
      const layout = catalog.layout(node.id);
      return { id: layout.id, text: record.text, position: record.position, layout, problems: checkRecord(layout, record.text, catalog) };
    }),
  );
}
