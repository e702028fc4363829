import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where a demo-mode server keeps its database: a fresh temporary folder, removed when it stops. */
export interface DemoFolder {
  readonly db: string;
  remove(): void;
}

/** A new empty folder under the system's temporary directory, with the database path inside it. */
export function createDemoFolder(): DemoFolder {
  const dir = mkdtempSync(join(tmpdir(), 'ace-mock-demo-'));
  return {
    db: join(dir, 'ace-mock.db'),
    // SQLite's -wal and -shm files live beside the database: the whole folder goes.
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
