// The critical path: the chain of work that decided when the trace finished. Walking back from
// a span's end, the child that finished last was what the span waited for; before that child
// started, the next child to finish was, and so on. Time no child covers is the span's own.
// Parallel siblings that finished earlier than the one waited on are off the path: shortening
// them would not have made the run any faster. (Jaeger's critical-path rule, done iteratively.)
import type { SpanNode, TraceTree } from './traceTree.ts';
import { spanEnd, spanStart } from './spanTiming.ts';

export interface CriticalSegment {
  spanId: string;
  /** Epoch ms. */
  start: number;
  end: number;
}

export interface CriticalPath {
  segments: CriticalSegment[];
  spanIds: Set<string>;
}

interface Task {
  node: SpanNode;
  windowStart: number;
  windowEnd: number;
}

export function criticalPath(tree: TraceTree, now: number): CriticalPath {
  const segments: CriticalSegment[] = [];
  const spanIds = new Set<string>();
  const start = (n: SpanNode) => spanStart(n.span, tree.startTime);
  const end = (n: SpanNode) => spanEnd(n.span, tree.startTime, now);

  const stack: Task[] = [];
  for (const root of tree.roots) stack.push({ node: root, windowStart: start(root), windowEnd: end(root) });

  while (stack.length > 0) {
    const { node, windowStart, windowEnd } = stack.pop()!;
    spanIds.add(node.span.spanId);
    const byEnd = [...node.children].sort((a, b) => end(b) - end(a));
    let cursor = windowEnd;
    for (const child of byEnd) {
      if (cursor <= windowStart) break;
      // A child starting after the cursor ran while the parent waited on something else.
      if (start(child) >= cursor) continue;
      const childEnd = Math.min(end(child), cursor);
      if (childEnd <= windowStart) break;
      if (childEnd < cursor) segments.push({ spanId: node.span.spanId, start: childEnd, end: cursor });
      const childStart = Math.max(start(child), windowStart);
      stack.push({ node: child, windowStart: childStart, windowEnd: childEnd });
      cursor = childStart;
    }
    if (cursor > windowStart) segments.push({ spanId: node.span.spanId, start: windowStart, end: cursor });
    else if (node.children.length === 0)
      segments.push({ spanId: node.span.spanId, start: windowStart, end: windowEnd });
  }
  segments.sort((a, b) => a.start - b.start);
  return { segments, spanIds };
}
