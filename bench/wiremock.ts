import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * WireMock standalone (the jar the npm `wiremock` package ships) as a yardstick for the HTTP bench.
 *
 * The JVM runs with its defaults except a fixed 512 MB heap (-Xms512m -Xmx512m), so the figure does
 * not depend on how much memory the machine happens to have. WireMock runs with its request journal
 * off and request logging off (its own advice for performance testing) and with response templating
 * on: the best case for WireMock, while ace-mock keeps its durable journal.
 *
 * The one stub, a fair stand-in for "recognising a CATAIR transmission":
 * - matches POST /v1/transmissions whose whole body is 80-column records opening with an A record
 *   and closing with a Z record, and whose B record names application AE (two Java regexes);
 * - answers 200 text/plain with a Handlebars template that copies the A, B, Y and Z records out of
 *   the request with regexExtract (324 bytes; ace-mock's answer to the 5-line sample is 486).
 * It does not validate fields, keep entry state, pick a scenario or write anything to disk.
 */
const TRANSMISSION_STUB = {
  request: {
    method: 'POST',
    urlPath: '/v1/transmissions',
    bodyPatterns: [{ matches: 'A.{79}\\n(?:.{80}\\n)*Z.{79}\\n?' }, { matches: '(?s).*\\nB  .{7}AE.*' }],
  },
  response: {
    status: 200,
    headers: { 'Content-Type': 'text/plain' },
    body: ['^A.{79}', '(?m)^B.{79}', '(?m)^Y.{79}', '(?m)^Z.{79}']
      .map((record) => `{{{regexExtract request.body '${record}'}}}\n`)
      .join(''),
    transformers: ['response-template'],
  },
};

const JVM_FLAGS = ['-Xms512m', '-Xmx512m'];
const READY_TIMEOUT_MS = 60_000;

type WireMockStart =
  | { readonly address: string; readonly child: ChildProcess; readonly version: string }
  | { readonly skipped: string };

/** The standalone jar inside the installed npm package, or why it cannot be run. */
function runnableJar(): { jar: string; version: string } | { skipped: string } {
  const java = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (java.error !== undefined || java.status !== 0) {
    return { skipped: `no working \`java\` on PATH (${java.error?.message ?? `exit ${java.status}`}); install a JRE 11+ (Debian: apt-get install default-jre-headless)` };
  }
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('wiremock/package.json'));
  } catch {
    return { skipped: 'the npm package `wiremock` is not installed; run npm ci' };
  }
  const jar = readdirSync(join(packageDir, 'build')).find((name) => /^wiremock-standalone-.*\.jar$/.test(name));
  if (jar === undefined) return { skipped: `no wiremock-standalone jar in ${packageDir}/build; reinstall the npm package wiremock` };
  return { jar: join(packageDir, 'build', jar), version: jar.replace(/^wiremock-standalone-|\.jar$/g, '') };
}

/** Starts WireMock on a free loopback port with the transmission stub; resolves once it answers. */
export async function startWireMock(): Promise<WireMockStart> {
  const found = runnableJar();
  if ('skipped' in found) return found;

  // Its own root directory, so nothing from the working directory is loaded beside the stub.
  const root = mkdtempSync(join(tmpdir(), 'ace-mock-bench-wiremock-'));
  mkdirSync(join(root, 'mappings'));
  writeFileSync(join(root, 'mappings', 'transmission.json'), JSON.stringify(TRANSMISSION_STUB));

  const args = [...JVM_FLAGS, '-jar', found.jar, '--port', '0', '--bind-address', '127.0.0.1', '--root-dir', root,
    '--no-request-journal', '--disable-request-logging', '--disable-banner'];
  const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const address = `http://127.0.0.1:${await listeningPort(child)}`;
    await untilHealthy(address);
    await expectOnlyTheStub(address);
    return { address, child, version: found.version };
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  } finally {
    // The stub is loaded (or WireMock is gone): with the request journal off it writes nothing there.
    rmSync(root, { recursive: true, force: true });
  }
}

/** With --port 0 WireMock picks the port and prints it as `port: N` once it listens. */
function listeningPort(child: ChildProcess): Promise<number> {
  const seen: string[] = [];
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      seen.push(line);
      const port = /^port:\s+(\d+)$/.exec(line)?.[1];
      if (port !== undefined) resolve(Number(port));
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`WireMock exited (code ${code}) before it listened:\n${seen.join('\n')}`)));
  });
}

async function untilHealthy(address: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const healthy = await fetch(`${address}/__admin/health`).then((response) => response.ok, () => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WireMock at ${address} did not report healthy within ${READY_TIMEOUT_MS / 1000} s`);
}

/** A stub WireMock failed to parse would leave every request a 404 and the figure meaningless. */
async function expectOnlyTheStub(address: string): Promise<void> {
  const { meta } = (await (await fetch(`${address}/__admin/mappings`)).json()) as { meta: { total: number } };
  if (meta.total !== 1) throw new Error(`WireMock loaded ${meta.total} mappings, expected the one transmission stub`);
}
