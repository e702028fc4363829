import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { readCompose } from './compose-rules.js';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** Each MQSC command on one line: a trailing `+` or `-` continues it on the next; `*` lines are comments. */
function mqscCommands(text: string): string[] {
  const lines = text.split(/\r?\n/).filter((line) => !line.trimStart().startsWith('*'));
  const commands: string[] = [];
  let pending = '';
  for (const line of lines) {
    const trimmed = line.trim();
    if (/[+-]$/.test(trimmed)) pending += `${trimmed.slice(0, -1).trim()} `;
    else if (pending !== '' || trimmed !== '') {
      commands.push(pending + trimmed);
      pending = '';
    }
  }
  return commands;
}

const commands = mqscCommands(read('docker/mqsc/ace-mock.mqsc'));
const definition = (queue: string) => commands.find((c) => new RegExp(`^DEFINE\\s+QLOCAL\\('${queue.replace(/\./g, '\\.')}'\\)`, 'i').test(c));

t.test('ACE.REQUEST hardens its backout count and moves poison messages to ACE.BACKOUT after 3', async (t) => {
  const request = definition('ACE.REQUEST') ?? '';
  t.match(request, /\sHARDENBO(\s|$)/, 'HARDENBO: the backout count survives a queue manager restart');
  t.notMatch(request, /NOHARDENBO/);
  t.match(request, /\sBOQNAME\('ACE\.BACKOUT'\)/);
  t.match(request, /\sBOTHRESH\(3\)/);
  t.ok(definition('ACE.BACKOUT'), 'the backout queue is defined');
});

t.test('every queue the compose file gives ace-mock is defined', async (t) => {
  const env = readCompose(fileURLToPath(new URL('../../docker/docker-compose.yml', import.meta.url))).services['ace-mock']?.environment ?? {};
  const queues = Object.entries(env).filter(([key]) => /^ACE_MOCK_MQ_\w+_QUEUE$/.test(key));
  t.ok(queues.length >= 3, 'request, reply and notification queues');
  for (const [key, queue] of queues) t.ok(definition(String(queue)), `${key} ${String(queue)} is defined in docker/mqsc/ace-mock.mqsc`);
});

t.test('the continuation rule reads MQSC as runmqsc does', async (t) => {
  t.same(mqscCommands("* note\nDEFINE QLOCAL('A') +\n  BOTHRESH(3) -\n  HARDENBO\nDEFINE QLOCAL('B')\n"), ["DEFINE QLOCAL('A') BOTHRESH(3) HARDENBO", "DEFINE QLOCAL('B')"]);
});
