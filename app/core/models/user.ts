import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, beforeSave, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import Membership from '#core/models/membership'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['email'],
  passwordColumnName: 'password',
})

export default class User extends compose(BaseModel, AuthFinder) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare fullName: string | null

  @column()
  declare email: string

  @column({ serializeAs: null })
  declare password: string

  @column()
  declare timezone: string

  /** 'light' | 'dark', persisted so the choice follows the user between devices. */
  @column()
  declare theme: 'light' | 'dark'

  /** The tenant the user is working in; chosen with the tenant switcher. */
  @column()
  declare currentTenantId: number | null

  @hasMany(() => Membership)
  declare memberships: HasMany<typeof Membership>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** One account per address whatever its capitalisation: stored trimmed and lower-case. */
  @beforeSave()
  static normalizeEmail(user: User) {
    if (user.$dirty.email) user.email = user.email.trim().toLowerCase()
  }

  get initials() {
    const source = this.fullName ?? this.email
    const [first, second] = source.split(/[\s@.]+/)
    return `${first?.charAt(0) ?? ''}${second?.charAt(0) ?? ''}`.toUpperCase()
  }
}
