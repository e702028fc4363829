export const CONN = 'postgresql://postgres@127.0.0.1:54329/postgres';
export const SOCK = 'postgresql://postgres@/postgres?host=/tmp/pgspike&port=54329';
export const SETUP = `
DROP TABLE IF EXISTS kv; DROP TABLE IF EXISTS hist;
CREATE TABLE kv (k text PRIMARY KEY, v integer NOT NULL, body text NOT NULL);
CREATE TABLE hist (id bigserial PRIMARY KEY, k text NOT NULL, v integer NOT NULL);
INSERT INTO kv SELECT 'k' || g, 0, repeat('x', 200) FROM generate_series(1, 10000) g;
`;
export function stats(name, samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return { name, n: s.length, mean_us: +(mean * 1000).toFixed(1), p50_us: +(q(0.5) * 1000).toFixed(1), p99_us: +(q(0.99) * 1000).toFixed(1) };
}
export async function time(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); await fn(i); out.push(performance.now() - t); }
  return out;
}
export function timeSync(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); fn(i); out.push(performance.now() - t); }
  return out;
}
