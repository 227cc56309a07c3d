import { readdir } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { BaseSeeder } from '@adonisjs/lucid/seeders'
import Tenant from '#core/models/tenant'
import User from '#core/models/user'
import Membership from '#core/models/membership'
import {
  DEMO_EMAIL,
  DEMO_ROLE_USERS,
  DEMO_TENANT_SLUG,
  SECOND_TENANT_SLUG,
} from '#database/seeders/demo_context'

export type SeedOutcome =
  { status: 'exists' } | { status: 'seeded'; failures: { file: string; error: unknown }[] }

type Log = (message: string) => void

/**
 * Seeds the demo tenant once. "Seeded" means demo@ exists; then nothing is touched. The password is
 * the caller's (printed by it, stored only as a hash). Module demo data comes from
 * `database/seeders/demo/*.ts`, run in name order; one failing file is reported and the others
 * still run, so a half-finished module never blocks the app from starting.
 */
export async function seedDemo(password: string, log: Log): Promise<SeedOutcome> {
  if (await User.findBy('email', DEMO_EMAIL)) return { status: 'exists' }

  await db.transaction(async (trx) => {
    const tenant = await Tenant.create(
      {
        name: 'Northwind Logistics',
        slug: DEMO_TENANT_SLUG,
        timezone: 'Europe/Berlin',
        currency: 'EUR',
      },
      { client: trx }
    )
    const second = await Tenant.create(
      {
        name: 'Northwind Subsidiary',
        slug: SECOND_TENANT_SLUG,
        timezone: 'America/New_York',
        currency: 'USD',
      },
      { client: trx }
    )
    const owner = await User.create(
      {
        email: DEMO_EMAIL,
        fullName: 'Dana Demo',
        password,
        timezone: 'Europe/Berlin',
        theme: 'light',
        currentTenantId: tenant.id,
      },
      { client: trx }
    )
    await Membership.createMany(
      [
        { tenantId: tenant.id, userId: owner.id, role: 'owner' },
        { tenantId: second.id, userId: owner.id, role: 'owner' },
      ],
      { client: trx }
    )
    for (const spec of DEMO_ROLE_USERS) {
      const user = await User.create(
        {
          email: spec.email,
          fullName: spec.fullName,
          password,
          timezone: 'UTC',
          theme: 'light',
          currentTenantId: tenant.id,
        },
        { client: trx }
      )
      await Membership.create(
        { tenantId: tenant.id, userId: user.id, role: spec.role },
        { client: trx }
      )
    }
  })

  const failures: { file: string; error: unknown }[] = []
  for (const file of await demoSeederFiles()) {
    try {
      const { default: Seeder } = (await import(pathToFileURL(file).href)) as {
        default: new (client: ReturnType<typeof db.connection>) => BaseSeeder
      }
      await new Seeder(db.connection()).run()
      log(`seeded ${app.relativePath(file)}`)
    } catch (error) {
      failures.push({ file: app.relativePath(file), error })
    }
  }
  return { status: 'seeded', failures }
}

async function demoSeederFiles(): Promise<string[]> {
  const directory = app.makePath('database/seeders/demo')
  const names = await readdir(directory).catch(() => [] as string[])
  return names
    .filter((name) => /\.(ts|js)$/.test(name) && !name.endsWith('.d.ts') && !name.startsWith('_'))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => `${directory}/${name}`)
}
