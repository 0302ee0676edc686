/** Public entry point of the fake provider servers; see tests/fakes/README.md. */
export { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from './openai.js';
export { startFakeElevenLabs, type FakeElevenLabs, type FakeElevenLabsOptions } from './elevenlabs.js';
export { FixtureRegistry, type KnownAudio } from './fixtures-registry.js';
export { defaultAnalyze, transcriptLines, type Analyze, type AnalyzeRequest, type JsonSchema } from './analysis.js';
export { INJECTED_FAULTS, type FaultPatch, type FaultSettings, type InjectedFault, type OutageMode } from './faults.js';
export type { FakeServer, RecordedRequest, Violation, Outcome } from './server-core.js';
export { loadSpec, type SpecValidator, type Provider } from './spec-check.js';
export { capturingFetch, type CapturedExchange } from './capture.js';
export { truthText, callWords } from './transcript.js';
