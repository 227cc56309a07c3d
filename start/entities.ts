/*
 * Loads every module's entity registrations (`app/<module>/entities.ts`) into `#core/entities/registry`.
 * A module joins by adding that file; nothing to list here. Runs in every environment (web, console,
 * test) so workers and tests see the same registry as the web server.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import app from '@adonisjs/core/services/app'

const appDir = app.makePath('app')

for (const module of readdirSync(appDir, { withFileTypes: true })) {
  if (!module.isDirectory()) continue
  const file = ['entities.ts', 'entities.js']
    .map((name) => join(appDir, module.name, name))
    .find((path) => existsSync(path))
  if (file) await import(pathToFileURL(file).href)
}
