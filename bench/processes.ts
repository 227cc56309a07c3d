/** Worker child processes and their resource usage (Linux /proc). */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { APP_ROOT } from './app.js'

export interface WorkerProcess {
  child: ChildProcess
  ready: Promise<void>
  stop(): Promise<void>
}

/**
 * The command line of `npm run worker` (package.json), node flags included, so the bench runs
 * workers exactly as they are deployed.
 */
function workerCommand(root: string): string[] {
  const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts
  const [program, ...args] = String(scripts.worker).trim().split(/\s+/)
  if (program !== 'node') throw new Error(`unexpected worker script: ${scripts.worker}`)
  return args
}

/**
 * A `workflow:work` process. `root` is the app to run: the compiled build (what production runs)
 * or, when absent, this checkout's sources.
 */
export function spawnWorker(env: Record<string, string>, root?: string): WorkerProcess {
  const cwd = root ?? fileURLToPath(APP_ROOT)
  // BENCH_WORKER_FLAGS: extra node flags for a diagnostic run (e.g. `--cpu-prof`).
  const flags = (process.env.BENCH_WORKER_FLAGS ?? '').split(/\s+/).filter(Boolean)
  const child = spawn(process.execPath, [...flags, ...workerCommand(cwd), '--no-relay'], {
    cwd,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('WORKER_READY')) resolve()
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', onData)
    void exited.then(() => reject(new Error(`worker exited early:\n${output}`)))
  })
  return {
    child,
    ready,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}

const TICKS_PER_SECOND = 100

/** CPU seconds (user + system) used so far by a process. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
}

/** Peak resident set size (VmHWM) of a process, in MB. */
export function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith('VmHWM:'))
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : Number.NaN
}
