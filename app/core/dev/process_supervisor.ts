import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface ProcessSlot {
  /** Short label printed before each output line: `[web] …`. */
  name: string
  command: string
  args: string[]
  env?: NodeJS.ProcessEnv
}

export interface SupervisorOptions {
  cwd: string
  /** Where prefixed output goes (tests capture it). */
  write?: (line: string) => void
  /** How long a child gets after SIGINT before SIGKILL. */
  graceMs?: number
}

/**
 * Runs several long-lived processes side by side for development: prefixes their output, and
 * when one exits (or `stop()` is called, e.g. on Ctrl-C) stops all the others. Each child runs in
 * its own process group and is stopped with SIGINT to the whole group — `node ace serve` ignores
 * SIGTERM and has children of its own (the app server, Vite).
 */
export class ProcessSupervisor {
  #children = new Map<string, ChildProcess>()
  #stopping = false
  #exitCode = 0
  #done: Promise<number>
  #resolveDone!: (code: number) => void

  constructor(private options: SupervisorOptions) {
    this.#done = new Promise((resolve) => (this.#resolveDone = resolve))
  }

  start(slots: ProcessSlot[]) {
    for (const slot of slots) this.#spawn(slot)
    return this
  }

  /** Resolves with the first non-zero exit code (0 when all stopped cleanly). */
  wait() {
    return this.#done
  }

  get running() {
    return [...this.#children.keys()]
  }

  stop(reason?: string) {
    if (this.#stopping) return
    this.#stopping = true
    if (reason) this.#write(`[dev] ${reason}: stopping ${this.running.join(', ') || 'nothing'}`)
    for (const [name, child] of this.#children) {
      this.#signal(child, 'SIGINT')
      const timer = setTimeout(() => {
        if (this.#children.has(name)) this.#signal(child, 'SIGKILL')
      }, this.options.graceMs ?? 8000)
      timer.unref()
    }
    this.#resolveIfIdle()
  }

  #spawn(slot: ProcessSlot) {
    const child = spawn(slot.command, slot.args, {
      cwd: this.options.cwd,
      env: { ...process.env, ...slot.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    this.#children.set(slot.name, child)
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => this.#write(`[${slot.name}] ${line}`))
    }
    child.on('error', (error) => this.#write(`[${slot.name}] failed to start: ${error.message}`))
    child.on('exit', (code, signal) => {
      this.#children.delete(slot.name)
      const failed = !this.#stopping && (code ?? 1) !== 0
      if (failed && this.#exitCode === 0) this.#exitCode = code ?? 1
      this.#write(`[${slot.name}] exited (${signal ?? `code ${code}`})`)
      if (!this.#stopping) this.stop(`${slot.name} exited`)
      this.#resolveIfIdle()
    })
  }

  #signal(child: ChildProcess, signal: NodeJS.Signals) {
    try {
      if (child.pid) process.kill(-child.pid, signal)
    } catch {
      // Already gone.
    }
  }

  #resolveIfIdle() {
    if (this.#stopping && this.#children.size === 0) this.#resolveDone(this.#exitCode)
  }

  #write(line: string) {
    ;(this.options.write ?? ((text: string) => process.stdout.write(`${text}\n`)))(line)
  }
}
