/**
 * BENCH_PROFILE=1: a CDP CPU profile of one builder open (and of the gestures), written to
 * tmp/*.cpuprofile (open in Chrome DevTools → Performance) and summarised as the functions with
 * the most self time, so a regression shows where the time went without opening a tool.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { CDPSession } from 'playwright'
import { ROOT } from './builder_setup.js'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export async function profiled<T>(cdp: CDPSession, name: string, run: () => Promise<T>) {
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  const result = await run()
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile }
  mkdirSync(join(ROOT, 'tmp'), { recursive: true })
  const file = join(ROOT, 'tmp', `${name}.cpuprofile`)
  writeFileSync(file, JSON.stringify(profile))
  console.error(`bench: CPU profile of ${name} in ${file}`)
  console.error(summarize(profile))
  return result
}

/** Self time per function (ms), the top 30, with the script file it lives in. */
function summarize(profile: Profile, top = 30) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame
    const file = frame.url.split('/').pop()?.split('?')[0] ?? ''
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  const total = [...self.values()].reduce((s, v) => s + v, 0)
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([key, ms]) =>
        `${ms.toFixed(1).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${key}`
    )
    .join('\n')
}
