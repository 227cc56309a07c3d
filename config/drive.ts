import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'

/**
 * Uploaded documents live on the local disk under storage/ (never public: downloads go through a
 * controller that checks the tenant). Tests use a separate folder so they never touch real files.
 */
const driveConfig = defineConfig({
  default: 'documents',
  services: {
    documents: services.fs({
      location: app.makePath(app.inTest ? 'tmp/test-storage/documents' : 'storage/documents'),
      visibility: 'private',
      serveFiles: false,
    }),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
