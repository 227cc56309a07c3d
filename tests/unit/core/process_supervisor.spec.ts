import { test } from '@japa/runner'
import { ProcessSupervisor, type ProcessSlot } from '#core/dev/process_supervisor'

/** A node child running `code`; it prints "ready" once its signal handlers are installed. */
function nodeSlot(name: string, code: string): ProcessSlot {
  return { name, command: process.execPath, args: ['-e', `${code}; console.log('ready')`] }
}

const KEEP_ALIVE = 'setInterval(() => {}, 1000)'
const EXIT_ON_SIGINT = `process.on('SIGINT', () => { console.log('bye'); process.exit(0) })`

function collect() {
  const lines: string[] = []
  const readyCount = () => lines.filter((line) => line.endsWith('] ready')).length
  /** Resolves once `count` children printed ready (each output line arrives as an event). */
  const untilReady = async (count: number) => {
    for (let i = 0; i < 400 && readyCount() < count; i++) {
      await new Promise((resolve) => setImmediate(resolve))
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }
  return { lines, write: (line: string) => lines.push(line), untilReady }
}

test.group('ProcessSupervisor', () => {
  test('prefixes output and stops the others when one exits with an error', async ({ assert }) => {
    const out = collect()
    const supervisor = new ProcessSupervisor({ cwd: process.cwd(), write: out.write }).start([
      nodeSlot('web', `${EXIT_ON_SIGINT}; ${KEEP_ALIVE}`),
      nodeSlot('worker', `${EXIT_ON_SIGINT}; ${KEEP_ALIVE}`),
      nodeSlot('broken', `setTimeout(() => process.exit(3), 50)`),
    ])
    const code = await supervisor.wait()

    assert.equal(code, 3)
    assert.deepEqual(supervisor.running, [])
    assert.include(out.lines, '[broken] exited (code 3)')
    assert.include(out.lines, '[dev] broken exited: stopping web, worker')
    // Output is line-prefixed with the slot name (printed before that child exits).
    assert.include(out.lines, '[broken] ready')
  }).timeout(10_000)

  test('stop() interrupts every child and resolves 0 when they exit cleanly', async ({
    assert,
  }) => {
    const out = collect()
    const supervisor = new ProcessSupervisor({ cwd: process.cwd(), write: out.write }).start([
      nodeSlot('web', `${EXIT_ON_SIGINT}; ${KEEP_ALIVE}`),
      nodeSlot('scheduler', `${EXIT_ON_SIGINT}; ${KEEP_ALIVE}`),
    ])
    await out.untilReady(2)
    supervisor.stop('received SIGINT')

    assert.equal(await supervisor.wait(), 0)
    assert.include(out.lines, '[web] bye')
    assert.include(out.lines, '[scheduler] bye')
  }).timeout(10_000)

  test('a child that ignores SIGINT is killed after the grace period', async ({ assert }) => {
    const out = collect()
    const supervisor = new ProcessSupervisor({
      cwd: process.cwd(),
      write: out.write,
      graceMs: 100,
    }).start([nodeSlot('stubborn', `process.on('SIGINT', () => {}); ${KEEP_ALIVE}`)])
    await out.untilReady(1)
    supervisor.stop()

    assert.equal(await supervisor.wait(), 0)
    assert.include(out.lines, '[stubborn] exited (SIGKILL)')
  }).timeout(10_000)
})
