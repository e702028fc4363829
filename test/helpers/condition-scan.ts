import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Finds the condition codes the source raises, by the shapes rules write them in. Shared by the
 * dictionary-membership and the explanation tests.
 */
export const srcDir = fileURLToPath(new URL('../../src', import.meta.url));
const CODE = `'([A-Z0-9]{3})'`;
export const CODE_PATTERNS: readonly RegExp[] = [
  new RegExp(`\\bcode\\s*:\\s*${CODE}`, 'g'), // { code: 'B16', … }
  new RegExp(`\\b(?:add|flag)\\(\\s*${CODE}`, 'g'), // add('X05', …), flag('X34', …)
  new RegExp(`\\breturn\\s+${CODE}`, 'g'), // return 'X35'
  new RegExp(`\\bcodes\\.push\\(\\s*${CODE}`, 'g'), // codes.push('B47') (a rule's list of codes)
  new RegExp(`\\?\\s*${CODE}\\s*:\\s*${CODE}`, 'g'), // remote ? 'B12' : 'B53', last ? 'X42' : 'X40'
  new RegExp(`${CODE}\\s*\\|\\s*${CODE}`, 'g'), // 'X35' | 'X36' (a function's possible results)
  /'(99[5-9])'/g, // dispositions 995-998, batch rejected 999
];

export function sourceFiles(): string[] {
  return (readdirSync(srcDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(srcDir, f));
}

/** The codes of one text, by the patterns above. */
export function codesIn(text: string): string[] {
  return CODE_PATTERNS.flatMap((p) => [...text.matchAll(p)].flatMap((m) => m.slice(1).filter((c): c is string => c !== undefined)));
}

/** Code → the source files (relative to src/) that raise it. */
export function scanSource(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const file of sourceFiles()) {
    for (const code of codesIn(readFileSync(file, 'utf8'))) {
      const where = found.get(code) ?? new Set<string>();
      where.add(file.slice(srcDir.length + 1));
      found.set(code, where);
    }
  }
  return found;
}
