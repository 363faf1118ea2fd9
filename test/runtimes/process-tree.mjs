/**
 * What a server process and its children use, read from /proc (Linux): resident memory and CPU
 * time, for scripts/bench-runtimes.mjs. The tree matters for workerd, which Miniflare's Node
 * process starts as a child.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK = 100; // USER_HZ: /proc CPU times are in 1/100 s

/** The pids of a process and its descendants (fixed once the server listens). */
export function treePids(rootPid) {
  const children = new Map();
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // gone
    }
  }
  const pids = [];
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop();
    pids.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return pids;
}

export function rssOf(pids) {
  let total = 0;
  for (const pid of pids) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}
export function cpuOf(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone
    }
  }
  return ticks / TICK;
}

/** Samples a process tree's RSS every 10 ms until stopped; returns the peak. */
export function sampleRss(pids) {
  let peak = rssOf(pids);
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pids))), 10);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssOf(pids));
  };
}
