import { DockerfileParser, type Instruction } from 'dockerfile-ast';

/** Node 22 LTS on Debian bookworm: the major (`22-bookworm`) or a pinned release (`22.12.0-bookworm-slim`). */
const NODE_22_BOOKWORM = /^22(\.\d+){0,2}-bookworm(-slim)?$/;
const ROOT = new Set(['root', '0']);

/** The instructions of each stage, in order: a stage starts at its FROM. */
function stages(instructions: readonly Instruction[]): Instruction[][] {
  const out: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.getKeyword() === 'FROM') out.push([]);
    out.at(-1)?.push(instruction);
  }
  return out;
}

/**
 * What is wrong with a Dockerfile by ace-mock's rules: Node 22 bookworm bases with a tag, a non-root
 * USER in the final stage, a HEALTHCHECK on the liveness endpoint, `npm ci` in a stage (the MQ client
 * download), and MQIJS_NOREDIST set nowhere (it would skip that download). Empty when all hold.
 */
export function dockerfileProblems(text: string): string[] {
  const dockerfile = DockerfileParser.parse(text);
  const problems: string[] = [];
  const stageNames = new Set<string>();
  for (const from of dockerfile.getFROMs()) {
    const image = from.getImage() ?? '';
    const line = from.getRange().start.line + 1;
    if (stageNames.has(image)) continue;
    if (from.getImageName() !== 'node' || from.getRegistry() !== null) problems.push(`line ${line}: FROM ${image} is not the official node image`);
    else if (!NODE_22_BOOKWORM.test(from.getImageTag() ?? '')) problems.push(`line ${line}: FROM ${image} is not Node 22 on bookworm (node:22-bookworm[-slim] or node:22.x.y-bookworm[-slim])`);
    const stage = from.getBuildStage();
    if (stage !== null) stageNames.add(stage);
  }

  const all = stages(dockerfile.getInstructions());
  const final = all.at(-1) ?? [];
  const users = final.filter((i) => i.getKeyword() === 'USER');
  const user = users.at(-1)?.getArgumentsContent()?.split(':')[0];
  if (user === undefined) problems.push('the final stage has no USER: it would run as root');
  else if (ROOT.has(user)) problems.push(`the final stage runs as ${user}`);

  const healthcheck = final.filter((i) => i.getKeyword() === 'HEALTHCHECK').at(-1)?.getArgumentsContent() ?? '';
  if (healthcheck === '' || /^NONE\b/i.test(healthcheck)) problems.push('the final stage has no HEALTHCHECK');
  else if (!/\/health(?![/\w])/.test(healthcheck)) problems.push('the HEALTHCHECK does not ask the liveness endpoint /health');

  if (!all.some((stage) => stage.some((i) => i.getKeyword() === 'RUN' && /\bnpm ci\b/.test(i.getArgumentsContent() ?? '')))) {
    problems.push('no stage runs `npm ci` (which installs ibmmq and downloads the MQ client)');
  }
  for (const instruction of dockerfile.getInstructions()) {
    if (/MQIJS_NOREDIST/i.test(instruction.getArgumentsContent() ?? '')) {
      problems.push(`line ${instruction.getRange().start.line + 1}: ${instruction.getKeyword()} names MQIJS_NOREDIST; the image must download the MQ client`);
    }
  }
  return problems;
}
