/**
 * The engine bench measures workers as they are deployed: compiled JavaScript from `node ace build`
 * (build/), not TypeScript transpiled at load time. The source loader alone costs a worker about
 * 90 MB of resident memory (a loader thread with its own heap and the transpiler).
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Builds the app into `<root>/build` (skipped with BENCH_REUSE_BUILD=1 when a build exists) and
 * lets it run from this checkout: its dependencies (a deployment runs `npm ci --omit=dev` there)
 * and its `.env`. Returns the build directory.
 */
export function ensureProductionBuild(root: string): string {
  const build = join(root, 'build')
  const reuse = process.env.BENCH_REUSE_BUILD === '1' && existsSync(join(build, 'ace.js'))
  if (!reuse) {
    execFileSync(process.execPath, ['ace.js', 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
  }
  if (!existsSync(join(build, 'node_modules'))) {
    symlinkSync(join(root, 'node_modules'), join(build, 'node_modules'), 'dir')
  }
  if (existsSync(join(root, '.env'))) copyFileSync(join(root, '.env'), join(build, '.env'))
  return build
}
