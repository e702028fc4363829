import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { createAceMock } from '../server.js';
import { AceMockClient } from './client.js';

export interface StartOptions {
  /** Folder of scenario files to load instead of the shipped library (searched recursively). */
  readonly scenarios?: string;
  /**
   * Settings by their environment variable names, as the README's Configuration table lists them
   * (e.g. `{ ACE_MOCK_ACTION_POLICY: 'strict' }`, `{ LOG_LEVEL: 'info' }`). The test process's own
   * environment is not read, so a PORT or ACE_MOCK_DB set for something else cannot leak in.
   */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Starts ace-mock in this process on 127.0.0.1 and a free port, with a database of its own in a
 * temporary folder and the shipped (or given) scenarios, silent unless LOG_LEVEL says otherwise.
 * close() stops it and removes the database.
 */
export async function start(options: StartOptions = {}): Promise<AceMockClient> {
  const folder = mkdtempSync(join(tmpdir(), 'ace-mock-'));
  const removeFolder = () => rmSync(folder, { recursive: true, force: true });
  let mock;
  try {
    const config = loadConfig(
      { LOG_LEVEL: 'silent', ACE_MOCK_WATCH: '0', ...options.env },
      { host: '127.0.0.1', port: 0, db: join(folder, 'ace-mock.db'), scenarios: options.scenarios },
    );
    mock = createAceMock(config);
    await mock.http.listen({ host: config.host, port: 0 });
  } catch (error) {
    await mock?.close();
    removeFolder();
    throw error;
  }
  const { port } = mock.http.server.address() as AddressInfo;
  const running = mock;
  return new AceMockClient(`http://127.0.0.1:${port}`, {
    ...(running.config.adminToken !== undefined && { adminToken: running.config.adminToken }),
    onClose: async () => {
      await running.close();
      removeFolder();
    },
  });
}
