// What the Node bundles in dist/ leave out and load from node_modules at run time (one list: the
// build uses it, and scripts/runtime-modules.mjs keeps exactly these and their dependencies in an image).
//
// Node entries bundle their dependencies (one file loads much faster than hundreds of modules:
// start-up is a measured target) except what must stay a real package on disk: native addons,
// packages that locate binaries, workers or data files relative to their own folder (piscina starts
// its worker.js from there; sentiment loads its language files by computed path), and dev-only
// pretty logs.
// The provider SDKs and exceljs are loaded with import() on first use (main/providers/sdk.ts):
// kept out of the bundle so start-up neither parses nor evaluates them.
// The OpenTelemetry SDK, exporters and instrumentation load only when tracing is on (main/observability/tracing.ts);
// the small API package is bundled (it is a no-op until an SDK registers, and shares its global across copies).
export const otelSdk = ['sdk-trace-node', 'sdk-trace-base', 'resources', 'instrumentation', 'instrumentation-undici', 'exporter-trace-otlp-http', 'exporter-trace-otlp-proto'].map((p) => `@opentelemetry/${p}`);
// zxcvbn-ts's dictionaries (several MB) load on the first password set, not with the bundle.
// bullmq/ioredis load only with CCA_QUEUE=redis (and in `npm run worker`).
export const keepExternal = ['electron', 'better-sqlite3', 'bullmq', 'ioredis', '@node-rs/argon2', '@zxcvbn-ts/*', 'piscina', 'pino-pretty', 'sentiment', 'openai', '@elevenlabs/elevenlabs-js', 'exceljs', 'docx', '@ffmpeg-installer/*', '@ffprobe-installer/*', ...otelSdk];

// Everything dist/ needs from node_modules at run time: the externals, and what main/exports/pdf/doc.ts
// loads by a runtime require (pdfkit, which reads its font metrics next to its code) or reads as files
// (the reports' Inter fonts). A package added that way belongs here too: tests/containers checks a PDF.
export const runtimePackages = [...keepExternal, 'pdfkit', '@expo-google-fonts/inter'];
