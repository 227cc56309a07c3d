/**
 * Keeps a worker's resident memory near its live heap (issue 4: worker RSS ≤ 250 MB).
 *
 * A busy worker keeps ≈ 50 MB alive, but with V8's defaults it peaked at ≈ 360 MB: the young
 * generation grows to 64 MB of semi-spaces, and after each full GC the old generation is allowed
 * to grow to several times what survived before the next one. Two settings bound both:
 * - the young generation: `--max-semi-space-size=16`, which V8 only reads at start-up, so it is
 *   a command-line flag of `npm run worker` (package.json);
 * - the old generation's growth after a full GC: `--heap-growing-percent`, which V8 reads at
 *   every GC, so the worker sets it itself (WORKFLOW_HEAP_GROWING_PERCENT, default 50: the next
 *   full GC when the heap is 1.5 × what survived the last one).
 * Measured with `npm run bench` (bench/RESULTS.md): peak RSS ≈ 360 → ≈ 190 MB, no measurable
 * change in CPU per execution (full GCs of a 50 MB heap are short and mostly concurrent).
 */
import v8 from 'node:v8'

const DEFAULT_HEAP_GROWING_PERCENT = 50

export function tuneWorkerHeap(env: NodeJS.ProcessEnv = process.env) {
  const percent = Number(env.WORKFLOW_HEAP_GROWING_PERCENT ?? DEFAULT_HEAP_GROWING_PERCENT)
  if (Number.isInteger(percent) && percent > 0) {
    v8.setFlagsFromString(`--heap-growing-percent=${percent}`)
  }
}

/** False when the process was started without a bound on the young generation. */
export function youngGenerationBounded(): boolean {
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? '']
  return flags.some((flag) => flag.includes('--max-semi-space-size'))
}
