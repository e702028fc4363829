import { readFileSync } from 'node:fs';
import t from 'tap';
import { dockerfileProblems } from './dockerfile-rules.js';

const DOCKERFILE = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');

t.test('the Dockerfile keeps the rules', async (t) => {
  t.same(dockerfileProblems(DOCKERFILE), []);
});

t.test('the rules catch what they are for', async (t) => {
  const broken = [
    'FROM node:latest AS build',
    'ENV MQIJS_NOREDIST=1',
    'RUN npm install',
    'FROM node:20-bookworm-slim',
    'COPY --from=build /app /app',
    'USER root',
    'CMD ["node", "dist/cli.js", "serve"]',
  ].join('\n');
  const problems = dockerfileProblems(broken);
  t.match(problems, [
    /line 1: FROM node:latest is not Node 22/,
    /line 4: FROM node:20-bookworm-slim is not Node 22/,
    /the final stage runs as root/,
    /no HEALTHCHECK/,
    /no stage runs `npm ci`/,
    /line 2: ENV names MQIJS_NOREDIST/,
  ]);
  t.equal(problems.length, 6);

  t.match(dockerfileProblems('FROM node:22-bookworm-slim\nCMD ["node"]'), [/no USER/, /no HEALTHCHECK/, /npm ci/]);
  t.match(dockerfileProblems('FROM node:22-bookworm\nRUN npm ci\nUSER node\nHEALTHCHECK CMD curl -f http://127.0.0.1/health/ready'), [/does not ask the liveness endpoint/]);
  t.match(dockerfileProblems('FROM example.com/node:22-bookworm\nRUN npm ci\nUSER 1000\nHEALTHCHECK CMD curl -f http://127.0.0.1/health'), [/not the official node image/]);
});
