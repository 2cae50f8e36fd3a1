// LangSmith run ingestion, pure: request bodies (multipart or the JSON batch) → NormalizedBatch.
export { readMultipartRuns } from './multipart.ts';
export { runsToBatch, type Run } from './runs.ts';

const LANGSMITH_API_VERSION = '0.16.0';

/** What GET /info answers: the fields the SDK reads (multipart on, no compression, batch limits). */
export function serverInfo(maxBodyBytes: number): Record<string, unknown> {
  return {
    // The LangSmith API level whose run ingestion this emulates; the SDK warns below the level
    // its newer calls need, and Spyglass's own version means nothing to it.
    version: LANGSMITH_API_VERSION,
    license_expiration_time: null,
    batch_ingest_config: {
      use_multipart_endpoint: true,
      scale_up_qsize_trigger: 1000,
      scale_up_nthreads_limit: 16,
      scale_down_nempty_trigger: 4,
      size_limit: 100,
      size_limit_bytes: maxBodyBytes,
    },
    instance_flags: { gzip_body_enabled: false, zstd_compression_enabled: false },
  };
}
