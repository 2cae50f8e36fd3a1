// @spyglass/sdk: trace AI agents into a local Spyglass collector.
export { Spyglass } from './client.ts';
export type { SpyglassStats } from './client.ts';
export type { SpyglassOptions, ReplayOptions } from './config.ts';
export { ReplayError, ReplayDivergenceError, ReplayLoadError } from './replayErrors.ts';
export type { ReplayCallDescription } from './replayErrors.ts';
export type { ReplayReport } from './replayController.ts';
export { exportFixture } from './fixtures.ts';
export type { ExportFixtureOptions } from './fixtures.ts';
export { DEFAULT_URL } from './config.ts';
export type { MaskFunction, MaskOptions } from './mask.ts';
export type { SpanHandle, TracedOptions, WrapOptions } from './wrappers.ts';
export type { InstrumentOptions } from './instrument.ts';
export type { ObserveOptions } from './observe.ts';
export type { SpanOptions, SpanResult, TraceOptions, TraceResult, TraceUpdate } from './types.ts';
export { newSpanId, newTraceId } from './ids.ts';
export { PROTOCOL_VERSION } from './protocol.ts';
export type * from './protocol.ts';
