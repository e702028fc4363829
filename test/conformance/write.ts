import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { conformanceReport, START } from './report.js';

/** Rewrites the generated part of docs/conformance.md (everything after its START marker). */
const path = fileURLToPath(new URL('../../docs/conformance.md', import.meta.url));
const text = readFileSync(path, 'utf8');
const at = text.indexOf(START);
if (at < 0) throw new Error(`${path} has no line "${START}"`);
writeFileSync(path, text.slice(0, at) + conformanceReport());
console.log(`wrote ${path}`);
