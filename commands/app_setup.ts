import { randomBytes } from 'node:crypto'
import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { createDatabaseIfMissing } from '#core/services/database_bootstrap'

/**
 * Idempotent first-run setup: create the database if missing, run pending migrations, seed the
 * demo tenant once (printing its fresh password). `node ace dev` runs it before starting servers.
 */
export default class AppSetup extends BaseCommand {
  static commandName = 'app:setup'
  static description = 'Create the database if missing, migrate, and seed the demo tenant once'
  static options: CommandOptions = { startApp: true }

  @flags.boolean({ description: 'Skip the demo seed' })
  declare noSeed: boolean

  async run() {
    const created = await createDatabaseIfMissing()
    if (created) this.logger.success(`created database "${created}"`)

    const migrate = await this.kernel.exec('migration:run', ['--force'])
    if (migrate.exitCode !== 0) {
      this.logger.error('migrations failed (see above)')
      this.exitCode = 1
      return
    }
    if (this.noSeed) return

    // Imported here: the seed module loads models, which need the booted app.
    const { seedDemo } = await import('#database/seeders/demo_seed')
    const { DEMO_EMAIL } = await import('#database/seeders/demo_context')
    const password = randomBytes(12).toString('base64url')
    const outcome = await seedDemo(password, (message) => this.logger.info(message))
    if (outcome.status === 'exists') {
      this.logger.info(
        `demo user exists (${DEMO_EMAIL}); forgot its password? node ace demo:password`
      )
      return
    }
    for (const failure of outcome.failures) {
      this.logger.error(`demo seeder ${failure.file} failed: ${String(failure.error)}`)
    }
    this.logger.success(`demo user created — sign in as ${DEMO_EMAIL} / ${password}`)
  }
}
