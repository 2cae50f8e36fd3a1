// Compact digests of traces for a model's context and for the terminal (the MCP tools and the
// CLI share them). Pure: data in, text out; the size budget lives in budget.ts.
export * from './budget.ts';
export * from './format.ts';
export { buildSpanTree, criticalPath, ancestry, type SpanTree } from './spanTree.ts';
export {
  digestTree,
  spanLine,
  errorLine,
  traceHeader,
  type DigestLine,
  type LineTone,
  type TreeDigest,
} from './tree.ts';
export { digestSpan, spanBody, spanHeader } from './span.ts';
export { readablePayload } from './payload.ts';
export { failureContexts, digestFailures, type FailureContext, type FailureDigestInput } from './failures.ts';
export { digestTraceList, traceListLine } from './list.ts';
export { digestSearch, searchWords, snippet, spanHits, type SearchHit, type SearchResult } from './search.ts';
export { digestComparison, describePair } from './compare.ts';
