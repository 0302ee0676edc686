import type { HttpRoute } from './http-route.js';
import { audioRoute } from './routes/audio-route.js';
import { calibrationExportRoutes } from './routes/calibration-export-routes.js';
import { exportRoutes } from './routes/export-routes.js';
import { transcriptUploadRoute } from './routes/transcript-upload-route.js';
import { uploadRoute } from './routes/upload-route.js';

/** Every route of browser mode outside the JSON contract, in one list (served and documented from it). */
export const httpRoutes: HttpRoute[] = [uploadRoute, transcriptUploadRoute, ...exportRoutes, audioRoute, ...calibrationExportRoutes];
