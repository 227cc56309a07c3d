/** JSON tree helpers live with the server code (unit-tested there). */
export * from '../../../app/workflows/monitoring/json_search'
