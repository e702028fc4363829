import { hostname } from 'node:os';

const LOOPBACK_ADDRESS = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;
const LOOPBACK_NAME = /^(localhost|.+\.localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/** A client connected from this machine. */
export const isLoopbackAddress = (address: string | undefined): boolean => LOOPBACK_ADDRESS.test(address ?? '');

/** The host name of a Host header, lower-cased, without its port: `LOCALHOST:8080` → `localhost`, `[::1]:80` → `[::1]`. */
export function hostNameOf(host: string): string {
  const name = host.trim().toLowerCase();
  return name.startsWith('[') ? name.slice(0, name.indexOf(']') + 1) : name.replace(/:\d*$/, '');
}

/** Names a loopback client may use for this server: the loopback names, this machine's own name, and the configured ones. */
export function servedName(name: string, allowed: readonly string[]): boolean {
  return LOOPBACK_NAME.test(name) || name === hostname().toLowerCase() || allowed.includes(name);
}
