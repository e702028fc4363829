import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const samples = fileURLToPath(new URL('../scenarios/samples/', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'latin1', env: { ...process.env, LOG_LEVEL: 'silent' } });

t.test('--help explains the commands, options and environment', async (t) => {
  const r = run('--help');
  t.equal(r.status, 0);
  t.match(r.stdout, /ace-mock serve/);
  t.match(r.stdout, /ace-mock validate FILE/);
  t.match(r.stdout, /ACE_MOCK_DB/);
  t.match(r.stdout, /curl --data-binary/);
});

t.test('validate prints the answer and exits by outcome', async (t) => {
  const ok = run('validate', `${samples}ae-add-1-line.txt`);
  t.equal(ok.status, 0);
  t.match(ok.stdout, /^A2704B76 {6}112526 {5}AX/);
  t.match(ok.stdout, /E1A 995   SUMMARY HAS BEEN ADDED/);
  t.match(ok.stderr, /outcome: accepted/);
  const bad = run('validate', `${samples}ae-bad-check-digit.txt`);
  t.equal(bad.status, 1);
  t.match(bad.stdout, /E1 FB16   ENTRY NUMBER CHECK DIGIT MISMATCH/);
  const json = run('validate', '--json', `${samples}batch-missing-z.txt`);
  t.equal(JSON.parse(json.stdout).outcome, 'batch-rejected');
  t.equal(JSON.parse(json.stdout).decoded.output[1].layout, 'B.fallback');
});

t.test('validate --decode shows every field, the password masked; --scenario scripts the answer', async (t) => {
  const decoded = run('validate', '--decode', `${samples}ae-add-1-line.txt`);
  t.equal(decoded.status, 0);
  t.match(decoded.stdout, /^Input\n {3}1 A {2}Batch Control Header\n/);
  t.match(decoded.stdout, /34-35 entryType = "01" \(Consumption - Free and Dutiable\)/);
  t.match(decoded.stdout, /9-14 password = "\*\*\*\*\*\*"/);
  t.notMatch(decoded.stdout, /PASSWD/);
  t.match(decoded.stdout, /\nAnswer\n/);
  const scripted = run('validate', '--scenario', 'importer-unknown', `${samples}ae-add-1-line.txt`);
  t.equal(scripted.status, 1);
  t.match(scripted.stdout, /E1 F101   IMPORTER UNKNOWN/);
  t.match(scripted.stderr, /named by X-ACE-Scenario; step 1 for transmission 1/);
});

t.test('mistakes get a readable message and exit 2', async (t) => {
  const missing = run('validate');
  t.equal(missing.status, 2);
  t.match(missing.stderr, /validate needs a FILE/);
  const nofile = run('validate', '/nonexistent.txt');
  t.equal(nofile.status, 2);
  t.match(nofile.stderr, /cannot read \/nonexistent.txt/);
  const unknown = run('frobnicate');
  t.equal(unknown.status, 2);
  t.match(unknown.stderr, /unknown command "frobnicate"/);
  const badFlag = run('--colour');
  t.equal(badFlag.status, 2);
  t.match(badFlag.stderr, /--help/);
  const sendNothing = run('send');
  t.equal(sendNothing.status, 2);
  t.match(sendNothing.stderr, /send needs a FILE/);
  const sendBoth = run('send', `${samples}ae-add-1-line.txt`, '--mq', '--http', 'http://127.0.0.1:1');
  t.equal(sendBoth.status, 2);
  t.match(sendBoth.stderr, /exactly one of --http URL and --mq/);
  const badPort = spawnSync(process.execPath, ['--import', 'tsx', cli, 'serve'], { encoding: 'utf8', env: { ...process.env, PORT: 'x' } });
  t.equal(badPort.status, 2);
  t.match(badPort.stderr, /port \(PORT\)/);
});

t.test('scenarios lint reports bad files with their position and exits 1', async (t) => {
  const good = run('scenarios', 'lint');
  t.equal(good.status, 0, good.stderr);
  t.match(good.stdout, /^\d+ scenario\(s\) valid, 0 problem\(s\)/);
  const dir = mkdtempSync(join(tmpdir(), 'ace-mock-lint-'));
  writeFileSync(join(dir, 'bad.yaml'), 'id: bad\ntitle: Bad\nsteps:\n  - answer:\n      outcome: maybe\n');
  const bad = run('scenarios', 'lint', dir);
  t.equal(bad.status, 1);
  t.match(bad.stderr, /bad\.yaml:5:16: steps\.0\.answer\.outcome: /);
  const schema = run('scenarios', 'schema');
  t.equal(JSON.parse(schema.stdout).title, 'ace-mock scenario file');
});

t.test('serve logs one line when ready, answers, and closes cleanly on SIGTERM', async (t) => {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--port', '0', '--db', ':memory:'], {
    env: { ...process.env, LOG_LEVEL: 'info', ACE_MOCK_WATCH: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const address = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const ready = /ready on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (ready?.[1]) resolve(ready[1]);
    });
    child.on('exit', () => reject(new Error(`exited before ready: ${log}`)));
  });
  const res = await fetch(`${address}/v1/transmissions`, { method: 'POST', body: 'A'.padEnd(80) });
  t.equal(res.status, 200);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  t.equal(await exited, 0, 'exit status 0 after SIGTERM');
  t.match(log, /SIGTERM: finishing the work in hand/);
});
