import { randomBytes } from 'node:crypto'
import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/** The demo password is only ever printed; this gives the demo users a new one. */
export default class DemoPassword extends BaseCommand {
  static commandName = 'demo:password'
  static description = 'Set and print a new random password for the demo users'
  static options: CommandOptions = { startApp: true }

  async run() {
    const { default: User } = await import('#core/models/user')
    const { DEMO_EMAIL, DEMO_ROLE_USERS } = await import('#database/seeders/demo_context')
    const emails = [DEMO_EMAIL, ...DEMO_ROLE_USERS.map((spec) => spec.email)]
    const users = await User.query().whereIn('email', emails)
    if (users.length === 0) {
      this.logger.error('no demo users: run node ace app:setup first')
      this.exitCode = 1
      return
    }
    const password = randomBytes(12).toString('base64url')
    for (const user of users) {
      user.password = password
      await user.save()
    }
    this.logger.success(`demo users' new password: ${password} (${DEMO_EMAIL} and role users)`)
  }
}
