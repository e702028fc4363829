import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DCLinter } from 'dclint';
import { parse } from 'yaml';
import { ENVIRONMENT } from '../../src/config.js';

/** A published IBM MQ container tag: MQ's V.R.M.F and the image revision, e.g. 10.0.0.0-r4. */
const PINNED_MQ_IMAGE = /^icr\.io\/ibm-messaging\/mq:\d+\.\d+\.\d+\.\d+-r\d+$/;

/**
 * dclint checks the file against the Compose Specification's JSON schema (shipped in the package)
 * before any rule; the rules kept are those about correctness, not key order.
 */
const LINTER = new DCLinter({
  rules: {
    'no-build-and-image': 2,
    'no-duplicate-container-names': 2,
    'no-duplicate-exported-ports': 2,
    'no-unbound-port-interfaces': 2,
    'no-version-field': 2,
    'require-project-name-field': 2,
    'service-image-require-explicit-tag': 2,
    'no-quotes-in-volumes': 0,
    'require-quotes-in-ports': 0,
    'service-container-name-regex': 0,
    'service-dependencies-alphabetical-order': 0,
    'service-keys-order': 0,
    'service-ports-alphabetical-order': 0,
    'services-alphabetical-order': 0,
    'top-level-properties-order': 0,
  },
  quiet: true,
  debug: false,
  exclude: [],
});

interface Service {
  readonly image?: string;
  readonly platform?: string;
  readonly environment?: Record<string, string | number | boolean | null>;
  readonly secrets?: (string | { source: string })[];
  readonly volumes?: (string | { type?: string; source?: string })[];
  readonly depends_on?: string[] | Record<string, { condition?: string }>;
  readonly healthcheck?: { test?: string | string[] };
}

export interface ComposeFile {
  readonly services: Record<string, Service>;
  readonly secrets?: Record<string, { file?: string }>;
}

export function readCompose(path: string): ComposeFile {
  return parse(readFileSync(path, 'utf8')) as ComposeFile;
}

/**
 * What is wrong with a compose file by ace-mock's rules: valid against the Compose Specification,
 * every service on linux/amd64, the MQ image pinned to a release tag, ace-mock healthy only when
 * ready and started after MQ is healthy, its ACE_MOCK_* variables known to src/config.ts, its MQ
 * password file one of its secrets, and every bind-mounted file present. Empty when all hold.
 */
export function composeProblems(path: string): string[] {
  const problems: string[] = [];
  for (const result of LINTER.lintFiles([path], false)) {
    for (const m of result.messages) problems.push(`dclint ${m.rule} (line ${m.line}): ${m.message}`);
  }
  if (problems.length > 0) return problems;

  const compose = readCompose(path);
  for (const [name, service] of Object.entries(compose.services)) {
    if (service.platform !== 'linux/amd64') problems.push(`${name}: platform is ${service.platform ?? 'unset'}, not linux/amd64 (no arm64 IBM MQ client or image)`);
    for (const volume of service.volumes ?? []) {
      const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
      if (source?.startsWith('.') && !existsSync(resolve(dirname(path), source))) problems.push(`${name}: mounts ${source}, which does not exist`);
    }
  }

  const mq = compose.services['mq'];
  if (!PINNED_MQ_IMAGE.test(mq?.image ?? '')) problems.push(`mq: image ${mq?.image ?? 'unset'} is not icr.io/ibm-messaging/mq pinned to a release tag (V.R.M.F-rN)`);

  const ace = compose.services['ace-mock'];
  if (ace === undefined) return [...problems, 'no ace-mock service'];
  const test = [ace.healthcheck?.test ?? []].flat().join(' ');
  if (!test.includes('/health/ready')) problems.push('ace-mock: the healthcheck does not ask the readiness endpoint /health/ready');
  const dependsOn = ace.depends_on;
  if (Array.isArray(dependsOn) || dependsOn?.['mq']?.condition !== 'service_healthy') problems.push('ace-mock: does not wait for mq to be healthy (depends_on.mq.condition: service_healthy)');
  for (const key of Object.keys(ace.environment ?? {})) {
    if (key.startsWith('ACE_MOCK_') && !(key in ENVIRONMENT)) problems.push(`ace-mock: ${key} is not a variable src/config.ts reads`);
  }
  const passwordFile = ace.environment?.['ACE_MOCK_MQ_PASSWORD_FILE'];
  const secrets = new Set((ace.secrets ?? []).map((s) => (typeof s === 'string' ? s : s.source)));
  const secret = typeof passwordFile === 'string' ? /^\/run\/secrets\/([\w.-]+)$/.exec(passwordFile)?.[1] : undefined;
  if (secret === undefined || !secrets.has(secret)) problems.push(`ace-mock: ACE_MOCK_MQ_PASSWORD_FILE (${String(passwordFile)}) is not /run/secrets/<one of its secrets>`);
  return problems;
}
