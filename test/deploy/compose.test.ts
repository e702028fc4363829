import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { stringify } from 'yaml';
import { composeProblems, readCompose } from './compose-rules.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COMPOSE = join(ROOT, 'docker/docker-compose.yml');

t.test('docker/docker-compose.yml is valid Compose and keeps the rules', async (t) => {
  t.same(composeProblems(COMPOSE), []);
});

t.test('its secret files live in docker/secrets, are git-ignored, and the README says how to make them', async (t) => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const secrets = Object.entries(readCompose(COMPOSE).secrets ?? {});
  t.ok(secrets.length > 0, 'the compose file has secrets');
  for (const [name, { file }] of secrets) {
    t.match(file, /^\.\/secrets\/[\w.-]+$/, `${name} is a file in docker/secrets`);
    const path = `docker/secrets/${(file ?? '').slice('./secrets/'.length)}`;
    // check-ignore exits 0 when the path is ignored, 1 when it is not (which throws here).
    t.doesNotThrow(() => execFileSync('git', ['check-ignore', '--quiet', '--no-index', path], { cwd: ROOT }), `${path} is git-ignored`);
    t.ok(readme.includes(`> ${path}`), `the README writes ${path}`);
  }
  t.match(readme, /chmod 0444 docker\/secrets\//, 'the README makes them readable by the containers’ users');
});

t.test('the rules catch what they are for', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'ace-mock-compose-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // Beside the copies, the files the real one mounts, so that each copy is wrong only where edited.
  cpSync(join(ROOT, 'docker/mqsc'), join(dir, 'mqsc'), { recursive: true });
  /** The problems of a copy of the real file, edited (as plain data: the edits break its shape on purpose). */
  const broken = (name: string, edit: (compose: Record<string, any>) => void): string[] => {
    const compose = structuredClone(readCompose(COMPOSE)) as Record<string, any>;
    edit(compose);
    const path = join(dir, `${name}.yml`);
    writeFileSync(path, stringify(compose));
    return composeProblems(path);
  };

  t.match(broken('misspelt', (c) => { c['services']['mq']['platfrom'] = 'linux/amd64'; }), [/dclint invalid-schema.*additional properties/], 'the Compose schema');
  t.match(broken('latest', (c) => { c['services']['mq']['image'] = 'icr.io/ibm-messaging/mq:latest'; }), [/dclint service-image-require-explicit-tag/]);
  t.match(broken('mount', (c) => { c['services']['mq']['volumes'][0] = './mqsc/gone.mqsc:/etc/mqm/30-ace-mock.mqsc:ro'; }), [/mq: mounts \.\/mqsc\/gone\.mqsc, which does not exist/]);
  t.match(broken('major-only', (c) => { c['services']['mq']['image'] = 'icr.io/ibm-messaging/mq:10'; }), [/mq: image icr\.io\/ibm-messaging\/mq:10 is not .* pinned/]);

  const ace = broken('ace', (c) => {
    const service = c['services']['ace-mock'];
    delete service['platform'];
    service['healthcheck']['test'] = ['CMD', 'curl', '-f', 'http://127.0.0.1:8080/health'];
    service['depends_on'] = ['mq'];
    service['environment']['ACE_MOCK_MQ_PASWORD_FILE'] = service['environment']['ACE_MOCK_MQ_PASSWORD_FILE'];
    delete service['environment']['ACE_MOCK_MQ_PASSWORD_FILE'];
  });
  t.match(ace, [
    /ace-mock: platform is unset/,
    /readiness endpoint/,
    /does not wait for mq/,
    /ACE_MOCK_MQ_PASWORD_FILE is not a variable/,
    /ACE_MOCK_MQ_PASSWORD_FILE \(undefined\)/,
  ]);
  t.equal(ace.length, 5);
});
