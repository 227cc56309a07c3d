import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'

/**
 * Fresh clone: writes `.env` from `.env.example` with a new random APP_KEY. Never overwrites an
 * existing file; returns whether it created one.
 */
export async function ensureEnvFile(root: string): Promise<boolean> {
  if (process.env.ENV_PATH || existsSync(`${root}/.env`)) return false
  const example = await readFile(`${root}/.env.example`, 'utf8')
  const key = randomBytes(24).toString('base64url')
  await writeFile(`${root}/.env`, example.replace(/^APP_KEY=.*$/m, `APP_KEY=${key}`), {
    flag: 'wx',
  })
  return true
}
