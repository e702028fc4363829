import { z } from 'zod';
import { ScenarioFile } from './format.js';

/** The JSON Schema of scenario files, for editors (`schemas/scenario.schema.json`, `npm run schema`). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ScenarioFile, { io: 'input' }),
    $id: 'https://ace-mock.local/schemas/scenario.schema.json',
    title: 'ace-mock scenario file',
  };
}
