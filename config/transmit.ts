import { defineConfig } from '@adonisjs/transmit'

/**
 * No Transmit transport: messages travel between processes through our own batched Redis fan-out
 * (app/core/realtime/fan_out.ts), which only web processes listen to.
 */
export default defineConfig({
  pingInterval: '30s',
  transport: null,
})
