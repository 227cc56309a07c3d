/**
 * What the builder benchmark needs before a browser can open the page: its environment, fresh
 * production assets, its own migrated database, the tenant/user/workflow fixture, and an app
 * server process (production mode serving the built assets, or development mode with Vite).
 */
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import knex from 'knex'
import type { WorkflowGraph } from '#workflows/engine/graph'
import { APP_ROOT } from './app.js'

export const ROOT = fileURLToPath(APP_ROOT)
export const BENCH_PASSWORD = 'bench-password-1'

/**
 * Every variable start/env.ts requires, so the bench runs without a `.env` (fresh clone). Values
 * already in the environment win; the database and Redis db are the bench's own.
 */
export function benchEnv(): Record<string, string> {
  const defaults: Record<string, string> = {
    TZ: 'UTC',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    APP_KEY: randomBytes(24).toString('base64url'),
    SESSION_DRIVER: 'cookie',
    DB_HOST: '127.0.0.1',
    DB_PORT: '5432',
    DB_USER: 'postgres',
    DB_PASSWORD: '',
    REDIS_HOST: '127.0.0.1',
    REDIS_PORT: '6379',
    LIMITER_STORE: 'memory',
    MAIL_MAILER: 'smtp',
    MAIL_FROM_NAME: 'LogiAccounting',
    MAIL_FROM_ADDRESS: 'workflow@logiaccounting.test',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: '1025',
    LOCK_STORE: 'memory',
  }
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(defaults)) env[key] = process.env[key] ?? value
  // The server's own port and URL are set when it starts; these satisfy the other processes.
  env.PORT = process.env.BENCH_BUILDER_PORT ?? '3390'
  env.APP_URL = `http://${env.HOST}:${env.PORT}`
  env.DB_DATABASE = process.env.BENCH_DATABASE ?? 'logiaccounting_bench'
  env.REDIS_DB = process.env.BENCH_REDIS_DB ?? '15'
  return env
}

/** Newest modification time under `path` (files only), in ms. */
function newestMtime(path: string): number {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = 0
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)))
  return newest
}

const MANIFEST = join(ROOT, 'public/assets/.vite/manifest.json')
/** Everything the client bundle is built from. */
const ASSET_SOURCES = [
  'inertia',
  'app/workflows/engine',
  'app/workflows/nodes/types.ts',
  'app/core/events/catalog.ts',
  'app/core/roles.ts',
  'vite.config.ts',
  'package-lock.json',
]

/**
 * Builds the production client bundle (`vite build` → public/assets, what `node ace build`
 * ships) when it is missing or older than its sources. Returns whether it built.
 */
export function ensureProductionAssets(force = false): boolean {
  if (!force && existsSync(MANIFEST)) {
    const built = statSync(MANIFEST).mtimeMs
    const sources = ASSET_SOURCES.map((p) => join(ROOT, p)).filter((p) => existsSync(p))
    if (Math.max(...sources.map(newestMtime)) <= built) return false
  }
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  return true
}

/** Creates the bench database when missing and runs the migrations. */
export async function prepareDatabase(env: Record<string, string>) {
  const client = knex({
    client: 'pg',
    connection: {
      host: env.DB_HOST,
      port: Number(env.DB_PORT),
      user: env.DB_USER,
      password: env.DB_PASSWORD || undefined,
      database: 'postgres',
    },
  })
  try {
    await client.raw(`CREATE DATABASE "${env.DB_DATABASE.replaceAll('"', '')}"`)
  } catch (error) {
    if ((error as { code?: string }).code !== '42P04') throw error
  } finally {
    await client.destroy()
  }
  try {
    execFileSync(process.execPath, ['ace.js', 'migration:run', '--force'], {
      cwd: ROOT,
      env: { ...process.env, ...env, NODE_ENV: 'production' },
      stdio: 'pipe',
    })
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer }
    throw new Error(`migrating ${env.DB_DATABASE} failed:\n${stdout ?? ''}${stderr ?? ''}`)
  }
}

/**
 * A tenant with an owner and the large workflow as its draft. Boots the app in this process
 * (console environment) so the models hash the password and fill the columns as in production.
 */
export async function createFixture(env: Record<string, string>, graph: WorkflowGraph) {
  Object.assign(process.env, env, { NODE_ENV: 'production' })
  const { bootApp } = await import('./app.js')
  const app = await bootApp()
  try {
    const { default: Tenant } = await import('#core/models/tenant')
    const { default: User } = await import('#core/models/user')
    const { default: Membership } = await import('#core/models/membership')
    const { workflowService } = await import('#workflows/services/workflow_service')
    const { validateGraph } = await import('#workflows/engine/validation')
    const { nodeRegistry } = await import('#workflows/nodes/registry')
    const issues = validateGraph(graph, nodeRegistry.publicList())
    if (issues.length) throw new Error(`bench workflow is invalid: ${JSON.stringify(issues[0])}`)
    const suffix = randomUUID().slice(0, 8)
    const tenant = await Tenant.create({
      name: `Builder bench ${suffix}`,
      slug: `builder-bench-${suffix}`,
      timezone: 'UTC',
      currency: 'USD',
    })
    const user = await User.create({
      email: `builder-bench-${suffix}@bench.test`,
      fullName: 'Builder bench',
      password: BENCH_PASSWORD,
      timezone: 'UTC',
      theme: 'light',
      currentTenantId: tenant.id,
    })
    await Membership.create({ tenantId: tenant.id, userId: user.id, role: 'owner' })
    const workflow = await workflowService.create(tenant.id, user.id, {
      name: 'Invoice handling (500 nodes)',
      graph,
    })
    return { tenantId: tenant.id, email: user.email, workflowId: workflow.id }
  } finally {
    await app.terminate()
  }
}

/**
 * Puts the workflow's draft back to `graph` (the gestures move nodes, and autosave keeps them), so
 * every open starts from the same canvas.
 */
export async function resetDraft(
  env: Record<string, string>,
  workflowId: number,
  graph: WorkflowGraph
) {
  const client = knex({
    client: 'pg',
    connection: {
      host: env.DB_HOST,
      port: Number(env.DB_PORT),
      user: env.DB_USER,
      password: env.DB_PASSWORD || undefined,
      database: env.DB_DATABASE,
    },
  })
  try {
    await client('workflows')
      .where('id', workflowId)
      .update({ draft_graph: JSON.stringify(graph) })
  } finally {
    await client.destroy()
  }
}

export interface AppServer {
  url: string
  stop(): Promise<void>
}

/**
 * Starts `bin/server.ts` on `port`. `production`: NODE_ENV=production, assets from the build.
 * `development`: the Vite dev server in the same process, as `node ace serve` runs it.
 */
export async function startServer(
  env: Record<string, string>,
  port: number,
  mode: 'production' | 'development'
): Promise<AppServer> {
  const url = `http://${env.HOST}:${port}`
  const modeEnv: Record<string, string> =
    mode === 'production'
      ? { NODE_ENV: 'production' }
      : {
          NODE_ENV: 'development',
          DEV_MODE: 'true',
          VITE_HMR_PORT: String(port + 1),
          VITE_CACHE_DIR: 'node_modules/.vite-bench',
        }
  const child = spawn(process.execPath, ['--import=@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, ...modeEnv, PORT: String(port), APP_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    // `node ace serve`-style servers ignore SIGTERM while Vite runs; SIGINT stops both.
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT')
    await exited
  }
  for (let attempt = 0; attempt < 600; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`)
    try {
      const response = await fetch(`${url}/login`)
      if (response.ok) return { url, stop }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await stop()
  throw new Error(`server did not answer on ${url}:\n${output}`)
}
