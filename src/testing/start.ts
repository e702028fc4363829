import type { AddressInfo } from 'node:net';
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
  // Demo mode is exactly a throwaway database: a fresh temporary folder, removed at close (or at exit).
  const config = loadConfig({ LOG_LEVEL: 'silent', ACE_MOCK_WATCH: '0', ...options.env }, { host: '127.0.0.1', port: 0, demo: true, scenarios: options.scenarios });
  const mock = createAceMock(config);
  try {
    await mock.http.listen({ host: config.host, port: 0 });
  } catch (error) {
    await mock.close();
    throw error;
  }
  const { port } = mock.http.server.address() as AddressInfo;
  const running = mock;
  return new AceMockClient(`http://127.0.0.1:${port}`, {
    ...(running.config.adminToken !== undefined && { adminToken: running.config.adminToken }),
    onClose: () => running.close(),
  });
}
