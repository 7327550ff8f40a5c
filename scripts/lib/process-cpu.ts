/**
 * CPU time of the processes behind a measurement, read from /proc (Linux): the built Worker's
 * workerd, wrangler's proxy workerd in front of it, wrangler's Node process, the libSQL endpoint
 * and this process (the load generator). Divided by the requests served, it says where each
 * request's CPU goes, which throughput alone cannot on a machine shared with other work.
 * Elsewhere than Linux every figure is null.
 */
import { readdirSync, readFileSync } from 'node:fs';

export type CpuRole = 'worker' | 'proxy' | 'wrangler' | 'database' | 'loadgen';
export type CpuSnapshot = Partial<Record<CpuRole, number>>; // ms of CPU (user + system)

const TICK_MS = 10; // USER_HZ is 100 on every Linux this runs on

function stat(pid: number): { ppid: number; ms: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return null;
  }
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** The processes to watch: wrangler (`workerPid`) and its descendants, the endpoint, this one. */
export function cpuRoles(workerPid: number, databasePid: number | null): Map<number, CpuRole> {
  const roles = new Map<number, CpuRole>();
  if (process.platform !== 'linux') return roles;
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (s) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  const walk = (pid: number) => {
    const line = cmdline(pid);
    // wrangler runs two workerd: the Worker (with an inspector) and a proxy on the public port.
    if (line.includes('workerd')) roles.set(pid, line.includes('--inspector-addr') ? 'worker' : 'proxy');
    else roles.set(pid, 'wrangler');
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(workerPid);
  if (databasePid) roles.set(databasePid, 'database');
  return roles;
}

export function cpuSnapshot(roles: Map<number, CpuRole>): CpuSnapshot {
  const out: CpuSnapshot = {};
  for (const [pid, role] of roles) {
    const s = stat(pid);
    if (s) out[role] = (out[role] ?? 0) + s.ms;
  }
  const own = process.cpuUsage(); // all threads of this process, autocannon's workers included
  out.loadgen = (own.user + own.system) / 1000;
  return out;
}

/** CPU ms per request for each role between two snapshots. */
export function cpuPerRequest(before: CpuSnapshot, after: CpuSnapshot, requests: number): CpuSnapshot {
  const out: CpuSnapshot = {};
  if (requests <= 0) return out;
  for (const role of Object.keys(after) as CpuRole[]) {
    out[role] = ((after[role] ?? 0) - (before[role] ?? 0)) / requests;
  }
  return out;
}
