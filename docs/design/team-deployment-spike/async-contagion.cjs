// Option B survey: which functions in /work/main would have to become async if the store methods did.
// Seeds: every method of the store classes and store interfaces. For each call of a seed, the enclosing
// function must await; if it is not async already, it becomes async and its own callers are visited in turn.
// Stops at callbacks handed to GroupCommit.run (already a Promise boundary).
const ts = require('/work/main/node_modules/typescript');
const path = require('path');
const ROOT = '/work/main';
const cfg = ts.getParsedCommandLine ? null : null;
const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(ROOT + '/tsconfig.json', ts.sys.readFile).config, ts.sys, ROOT);
const files = parsed.fileNames;
const host = {
  getScriptFileNames: () => files, getScriptVersion: () => '1',
  getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f)) : undefined),
  getCurrentDirectory: () => ROOT, getCompilationSettings: () => parsed.options, getDefaultLibFileName: ts.getDefaultLibFilePath,
  fileExists: ts.sys.fileExists, readFile: ts.sys.readFile, readDirectory: ts.sys.readDirectory, directoryExists: ts.sys.directoryExists, getDirectories: ts.sys.getDirectories,
};
const ls = ts.createLanguageService(host, ts.createDocumentRegistry());
const program = ls.getProgram();
const rel = (f) => path.relative(ROOT, f);

const SEED_FILES = ['src/store/journal.ts', 'src/store/outbox.ts', 'src/store/scenario-state.ts', 'src/store/entries.ts', 'src/store/cargo-releases.ts',
  'src/store/entry-filings.ts', 'src/store/session-clocks.ts', 'src/store/notices.ts', 'src/schedule/schedule.ts', 'src/transports/mq/deferred-replies.ts',
  'src/applications/entry-summary/entry-store.ts', 'src/applications/cargo-release/release-store.ts', 'src/applications/entry-summary-query/filing-store.ts',
  'src/clock/session-clocks.ts', 'src/store/retention.ts'];
const SKIP_METHODS = new Set(['constructor', 'handle']); // registration at start-up, not I/O
const seeds = [];
for (const f of SEED_FILES) {
  const sf = program.getSourceFile(path.join(ROOT, f));
  const visit = (n) => {
    if ((ts.isMethodDeclaration(n) || ts.isMethodSignature(n)) && n.name && ts.isIdentifier(n.name)) {
      const cls = n.parent.name ? n.parent.name.text : '?';
      const isPrivate = n.modifiers?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
      // interfaces in the seed files that are not stores (data shapes) have no methods; in clock/session-clocks.ts only SessionClockStore counts
      if (f === 'src/clock/session-clocks.ts' && cls !== 'SessionClockStore') return;
      if (!SKIP_METHODS.has(n.name.text) && !isPrivate) seeds.push({ file: f, name: `${cls}.${n.name.text}`, node: n.name });
    }
    if (ts.isFunctionDeclaration(n) && n.name && f === 'src/store/retention.ts' && n.name.text === 'applyRetention') seeds.push({ file: f, name: 'applyRetention', node: n.name });
    ts.forEachChild(n, visit);
  };
  visit(sf);
}
// SessionClocks (src/clock/session-clocks.ts class) writes through to the store on advance/set: its methods that call the store are found by contagion.

function enclosingFunction(node) {
  let n = node.parent;
  while (n && !ts.isFunctionLike(n)) n = n.parent;
  return n;
}
function nameOf(fn) {
  if (!fn) return '<module>';
  if (fn.name && ts.isIdentifier(fn.name)) {
    const owner = fn.parent && (ts.isClassDeclaration(fn.parent) || ts.isClassExpression(fn.parent) || ts.isObjectLiteralExpression(fn.parent)) && fn.parent.name ? fn.parent.name.text + '.' : '';
    return owner + fn.name.text;
  }
  if (ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  if (ts.isPropertyAssignment(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  if (ts.isPropertyDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  return null; // anonymous callback
}
function nameNode(fn) {
  if (fn.name && ts.isIdentifier(fn.name)) return fn.name;
  if ((ts.isVariableDeclaration(fn.parent) || ts.isPropertyAssignment(fn.parent) || ts.isPropertyDeclaration(fn.parent)) && ts.isIdentifier(fn.parent.name)) return fn.parent.name;
  return null;
}
const isAsync = (fn) => fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
const isCommitBoundary = (fn) => {
  // arrow passed to something.run(...) on a GroupCommit, or commits.run
  const p = fn.parent;
  if (p && ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && p.expression.name.text === 'run') {
    const t = program.getTypeChecker().getTypeAtLocation(p.expression.expression);
    return t.symbol && t.symbol.name === 'GroupCommit';
  }
  return false;
};

const callSites = new Map(); // key file:line -> {file, line, callee, caller}
const mustAsync = new Map(); // caller key -> {file, name, line, reason}
const visited = new Set();
const queue = seeds.map((s) => ({ ...s, level: 0 }));
let anonymousCallbacks = 0;
while (queue.length) {
  const s = queue.shift();
  const key = s.file + ':' + s.name;
  if (visited.has(key)) continue;
  visited.add(key);
  const refs = ls.findReferences(path.join(ROOT, s.file), s.node.getStart()) ?? [];
  for (const group of refs) for (const ref of group.references) {
    if (ref.isDefinition) continue;
    const sf = program.getSourceFile(ref.fileName);
    const tok = ts.getTokenAtPosition ? ts.getTokenAtPosition(sf, ref.textSpan.start) : null;
    if (!tok) continue;
    // only calls: x.method( ... ) or method(...)
    let call = tok.parent;
    if (ts.isPropertyAccessExpression(call)) call = call.parent;
    if (!ts.isCallExpression(call)) continue;
    const line = sf.getLineAndCharacterOfPosition(ref.textSpan.start).line + 1;
    const file = rel(ref.fileName);
    const site = `${file}:${line}`;
    let fn = enclosingFunction(tok);
    // climb out of anonymous callbacks (map/forEach/filter) to the named function they are in
    let viaCallback = false;
    while (fn && nameOf(fn) === null && !isCommitBoundary(fn)) { viaCallback = true; fn = enclosingFunction(fn); }
    const boundary = fn && isCommitBoundary(fn);
    if (viaCallback) anonymousCallbacks++;
    if (!callSites.has(site)) callSites.set(site, { file, line, callee: s.name, caller: boundary ? '<GroupCommit.run callback>' : nameOf(fn), level: s.level, viaCallback });
    if (!fn || boundary) continue;
    const fsf = fn.getSourceFile();
    const ffile = rel(fsf.fileName);
    const fname = nameOf(fn);
    const fkey = ffile + ':' + fname;
    if (!mustAsync.has(fkey)) mustAsync.set(fkey, { file: ffile, name: fname, line: fsf.getLineAndCharacterOfPosition(fn.getStart()).line + 1, alreadyAsync: !!isAsync(fn), level: s.level + 1 });
    if (!isAsync(fn)) {
      const nn = nameNode(fn);
      if (nn) queue.push({ file: ffile, name: fname, node: nn, level: s.level + 1 });
    }
  }
}
const area = (f) => f.startsWith('test/') ? 'test' : f.startsWith('bench/') ? 'bench' : f.split('/').slice(0, 2).join('/');
const byArea = {};
for (const c of callSites.values()) { const a = area(c.file); byArea[a] ??= { callSites: 0, functions: 0, files: new Set() }; byArea[a].callSites++; byArea[a].files.add(c.file); }
for (const m of mustAsync.values()) { const a = area(m.file); byArea[a] ??= { callSites: 0, functions: 0, files: new Set() }; if (!m.alreadyAsync) byArea[a].functions++; }
console.log(`seeds (store methods): ${seeds.length}`);
console.log(`call sites that would need await: ${callSites.size} (of which inside anonymous callbacks such as map/forEach: ${anonymousCallbacks})`);
console.log(`functions that would turn async (not async today): ${[...mustAsync.values()].filter((m) => !m.alreadyAsync).length}; already async, only gain awaits: ${[...mustAsync.values()].filter((m) => m.alreadyAsync).length}`);
console.log('\nby area: call sites / functions turned async / files');
for (const [a, v] of Object.entries(byArea).sort()) console.log(`  ${a.padEnd(40)} ${String(v.callSites).padStart(4)} ${String(v.functions).padStart(4)} ${String(v.files.size).padStart(4)}`);
const fs = require('fs');
fs.writeFileSync('/tmp/pgspike/async-callsites.txt',
  [...callSites.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line).map((c) => `${c.file}:${c.line}\t${c.callee}\tin ${c.caller}${c.viaCallback ? ' (inside a callback)' : ''}`).join('\n') + '\n');
fs.writeFileSync('/tmp/pgspike/async-functions.txt',
  [...mustAsync.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line).map((m) => `${m.file}:${m.line}\t${m.name}\t${m.alreadyAsync ? 'already async' : 'becomes async'}\tdepth ${m.level}`).join('\n') + '\n');
