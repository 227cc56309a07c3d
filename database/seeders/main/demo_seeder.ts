import { randomBytes } from 'node:crypto'
import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { seedDemo } from '#database/seeders/demo_seed'
import { DEMO_EMAIL } from '#database/seeders/demo_context'

/**
 * `node ace db:seed`: the demo tenant on first run (with a fresh random password, printed once),
 * "demo user exists" afterwards. `node ace dev` does the same through `app:setup`.
 */
export default class DemoSeeder extends BaseSeeder {
  static environment = ['development', 'test']

  async run() {
    const password = randomBytes(12).toString('base64url')
    const outcome = await seedDemo(password, (message) => console.log(`  ${message}`))
    if (outcome.status === 'exists') {
      console.log(`demo user exists (${DEMO_EMAIL}); its password was printed when it was created`)
      return
    }
    for (const failure of outcome.failures) {
      console.error(`demo seeder ${failure.file} failed:`, failure.error)
    }
    console.log(`demo user created: ${DEMO_EMAIL} / ${password}`)
  }
}
