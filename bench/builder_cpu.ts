/**
 * CPU time used by the Chromium processes this benchmark started (browser, renderers, GPU,
 * utility), from Linux /proc. On a shared machine wall-clock figures stretch with the load;
 * CPU time is the work the page cost, nearly independent of how busy the other cores are.
 */
import { readdirSync, readFileSync } from 'node:fs'

const TICKS_PER_SECOND = 100

interface ProcStat {
  pid: number
  ppid: number
  comm: string
  cpuMs: number
}

function readStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const close = text.lastIndexOf(')')
    const comm = text.slice(text.indexOf('(') + 1, close)
    const fields = text.slice(close + 2).split(' ')
    return {
      pid,
      ppid: Number(fields[1]),
      comm,
      cpuMs: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND,
    }
  } catch {
    return null // exited meanwhile
  }
}

/** CPU ms of every Chromium process descending from this one; NaN where /proc is missing. */
export function chromiumCpuMs(): number {
  let stats: ProcStat[]
  try {
    stats = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map((name) => readStat(Number(name)))
      .filter((s): s is ProcStat => s !== null)
  } catch {
    return Number.NaN
  }
  const children = new Map<number, ProcStat[]>()
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s])
  let total = 0
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      if (/chrom/i.test(child.comm)) total += child.cpuMs
      walk(child.pid)
    }
  }
  walk(process.pid)
  return total
}
