/** The viewer's pure run-state logic lives with the server code (unit-tested there). */
export * from '../../../app/workflows/monitoring/run_state'
