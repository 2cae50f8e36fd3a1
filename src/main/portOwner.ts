// When the collector's port is taken, the user is told which program holds it. Plain Node (no
// electron import) so it is tested directly. Each platform has its own tool; any failure just
// means "unknown program", never an error, because this only decorates a message.
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';

export interface PortOwner {
  pid: number | null;
  command: string | null;
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: 3000, windowsHide: true }, (_error, stdout) => resolve(stdout ?? ''));
  });
}

/** lsof (macOS, most Linux): `-F pc` prints one field per line, p<pid> then c<command>. */
async function viaLsof(port: number): Promise<PortOwner | null> {
  const out = await run('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-F', 'pc']);
  const pid = /^p(\d+)$/m.exec(out)?.[1];
  const command = /^c(.+)$/m.exec(out)?.[1];
  return pid ? { pid: Number(pid), command: command ?? null } : null;
}

/** ss (Linux without lsof): users:(("node",pid=1234,fd=20)) */
async function viaSs(port: number): Promise<PortOwner | null> {
  const out = await run('ss', ['-Hltnp', `sport = :${port}`]);
  const match = /users:\(\("([^"]+)",pid=(\d+)/.exec(out);
  return match ? { pid: Number(match[2]), command: match[1] ?? null } : null;
}

/** netstat + tasklist (Windows). */
async function viaNetstat(port: number): Promise<PortOwner | null> {
  const out = await run('netstat', ['-ano', '-p', 'tcp']);
  const line = out.split(/\r?\n/).find((l) => new RegExp(`:${port}\\s+\\S+\\s+LISTENING`).test(l));
  const pid = line?.trim().split(/\s+/).pop();
  if (!pid) return null;
  const list = await run('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH']);
  const command = /^"([^"]+)"/.exec(list.trim())?.[1] ?? null;
  return { pid: Number(pid), command };
}

/**
 * The executable's name from the full command line: lsof and ss report the thread name
 * (e.g. "MainThread" for a Node worker pool), which would not help the user.
 */
async function executableName(pid: number): Promise<string | null> {
  const args = (await run('ps', ['-p', String(pid), '-o', 'args='])).trim();
  const executable = args.split(/\s+/)[0];
  return executable ? (executable.split('/').pop() ?? null) : null;
}

export async function findPortOwner(port: number, platform = process.platform): Promise<PortOwner> {
  const probes = platform === 'win32' ? [viaNetstat] : [viaLsof, viaSs];
  for (const probe of probes) {
    const owner = await probe(port).catch(() => null);
    if (!owner) continue;
    if (platform !== 'win32' && owner.pid !== null)
      owner.command = (await executableName(owner.pid)) ?? owner.command;
    return owner;
  }
  return { pid: null, command: null };
}

export function describePortOwner(port: number, owner: PortOwner): string {
  if (owner.pid === null) return `Port ${port} is already in use by another program.`;
  return `Port ${port} is already in use by ${owner.command ?? 'a program'} (pid ${owner.pid}).`;
}

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** The first free port after `port` (the OTLP neighbours first, as users expect 4319, 4320...). */
export async function findFreePort(port: number, host = '127.0.0.1', attempts = 50): Promise<number | null> {
  for (let candidate = port + 1; candidate < port + 1 + attempts && candidate < 65536; candidate++) {
    if (await isFree(candidate, host)) return candidate;
  }
  return null;
}
