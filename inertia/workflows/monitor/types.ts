/** Shapes the monitor pages receive: the server's JSON-safe view types. */
export type * from '../../../app/workflows/monitoring/view_types'
