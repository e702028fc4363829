#!/bin/bash
# Runs every approach over TCP loopback and the Unix socket; prints one table.
cd /tmp/pgspike
N=${N:-3000}
rm -f out-*.json
N=$N node bench-sqlite.mjs > out-sqlite.json
for s in "" 1; do
  tag=$([ -n "$s" ] && echo sock || echo tcp)
  SOCKET=$s N=$N node bench-native.mjs > out-native-$tag.json
  SOCKET=$s N=$N node bench-pg.mjs > out-pg-$tag.json
  SOCKET=$s N=$N node bench-synckit.mjs > out-synckit-$tag.json
done
node -e '
const fs=require("fs");
for (const f of fs.readdirSync(".").filter(f=>f.startsWith("out-")&&f.endsWith(".json")).sort()) {
  const j=JSON.parse(fs.readFileSync(f)); console.log(`${j.approach} — ${j.url}`);
  for (const r of j.results) console.log(`   ${r.name.padEnd(48)} mean ${String(r.mean_us).padStart(7)} µs  p50 ${String(r.p50_us).padStart(7)} µs  p99 ${String(r.p99_us).padStart(8)} µs`);
}'
