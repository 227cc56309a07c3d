import { spawn } from 'node:child_process'
import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { ensureEnvFile } from '#core/dev/env_file'
import { ProcessSupervisor, type ProcessSlot } from '#core/dev/process_supervisor'

/**
 * `npm run dev`: everything for development in one terminal. Creates `.env` on a fresh clone,
 * runs `app:setup` (database, migrations, demo tenant once), then supervises the web server
 * (`serve --hmr`) and — once the workflow module registers them — the worker and the scheduler.
 * Ctrl-C stops them all. Does not boot the app itself: `.env` may not exist yet.
 */
export default class Dev extends BaseCommand {
  static commandName = 'dev'
  static description = 'Set up (idempotent) and run the web server, worker and scheduler'
  static options: CommandOptions = { startApp: false, staysAlive: true }

  async run() {
    const root = this.app.makePath()
    if (await ensureEnvFile(root)) {
      this.logger.success('created .env from .env.example with a new APP_KEY')
    }

    const setupCode = await this.#runAce(root, ['app:setup'])
    if (setupCode !== 0) {
      this.logger.error('setup failed; fix the error above and run npm run dev again')
      this.exitCode = setupCode
      return
    }

    const slots: ProcessSlot[] = [this.#aceSlot('web', ['serve', '--hmr'])]
    for (const [name, command] of [
      ['worker', 'workflow:work'],
      ['scheduler', 'workflow:schedule'],
    ] as const) {
      if (this.kernel.getCommand(command)) slots.push(this.#aceSlot(name, [command]))
      else this.logger.info(`${name} slot empty: "${command}" is not registered yet`)
    }

    const supervisor = new ProcessSupervisor({ cwd: root }).start(slots)
    const onSignal = (signal: NodeJS.Signals) => supervisor.stop(`received ${signal}`)
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
    this.exitCode = await supervisor.wait()
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await this.terminate()
  }

  #aceSlot(name: string, args: string[]): ProcessSlot {
    return { name, command: process.execPath, args: ['ace', ...args], env: { FORCE_COLOR: '1' } }
  }

  #runAce(root: string, args: string[]) {
    return new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['ace', ...args], { cwd: root, stdio: 'inherit' })
      child.on('exit', (code) => resolve(code ?? 1))
      child.on('error', () => resolve(1))
    })
  }
}
