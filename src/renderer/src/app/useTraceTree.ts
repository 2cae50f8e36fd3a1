// The execution tree of the open trace's spans. The first tree of a trace is built in slices
// (lib/slicedTask): at 100,000 spans, built cold, it takes longer than a frame, and opening a
// trace should not freeze the app. Until it is ready the workspace says "Loading trace…". Later
// trees (live spans arriving, a refetch) are made at once from the newest spans, so a stream of
// updates can never keep cancelling a build and starve the views: by applying the change to the
// tree (model/traceTreeUpdate.ts) when the spans can tell what changed (state/traceSpans.ts), else
// by building it again.
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Span } from '../../../shared/types.ts';
import { runSlice, runSliced } from '../lib/slicedTask.ts';
import { buildTraceTree, buildTraceTreeSliced, type TraceTree } from '../model/traceTree.ts';
import { updateTraceTree } from '../model/traceTreeUpdate.ts';
import { TraceSpans } from '../state/traceSpans.ts';
import { viewDebug } from '../components/canvas/debugHook.ts';

const EMPTY_TREE: TraceTree = buildTraceTree([]);

/**
 * Work between two pauses while the first tree is built. The view says "Loading trace…" and
 * waits for nothing else, and each pause hands the thread to a frame: at 100,000 spans, slices
 * of 8 ms made 67 ms of work take 138-233 ms; slices of 30 ms take 80-87 ms, each still far
 * from a long task.
 */
const FIRST_TREE_SLICE_MS = 30;

export function useTraceTree(spans: ReadonlyMap<string, Span>): { tree: TraceTree; ready: boolean } {
  const [first, setFirst] = useState<Built | null>(null);
  const latest = useRef(spans);
  latest.current = spans;
  // The first tree with spans in it is the one that may be large (a trace is opened before its
  // skeleton arrives, with no spans yet).
  const waiting = first === null || (first.tree.byId.size === 0 && spans.size > 0);
  useLayoutEffect(() => {
    if (!waiting) return;
    const from = latest.current;
    const task = buildTraceTreeSliced([...from.values()]);
    // A small trace is done in the first slice, before the browser paints.
    const done = runSlice(task);
    if (done) {
      setFirst({ spans: from, tree: done.value });
      return;
    }
    const controller = new AbortController();
    runSliced(task, { signal: controller.signal, sliceMs: FIRST_TREE_SLICE_MS }).then(
      (tree) => {
        if (!controller.signal.aborted) setFirst({ spans: from, tree });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setFirst(() => {
          throw error;
        });
      },
    );
    return () => controller.abort();
  }, [waiting]);
  // The newest tree made since the first, and from which spans: the next change is applied to it.
  const newest = useRef<{ since: Built; built: Built } | null>(null);
  const tree = useMemo(() => {
    if (first === null) return EMPTY_TREE;
    if (waiting || first.spans === spans) return first.tree;
    const from = newest.current?.since === first ? newest.current.built : first;
    const built = { spans, tree: followSpans(from, spans) };
    newest.current = { since: first, built };
    return built.tree;
  }, [first, spans, waiting]);
  return { tree, ready: !waiting };
}

interface Built {
  spans: ReadonlyMap<string, Span>;
  tree: TraceTree;
}

/**
 * The tree of `spans`, from the tree `from` built of an earlier version: the changes in between
 * applied to it when they are known and it can take them, else a new build.
 */
function followSpans(from: Built, spans: ReadonlyMap<string, Span>): TraceTree {
  if (from.spans === spans) return from.tree;
  const changes = spans instanceof TraceSpans ? spans.changesSince(from.spans) : null;
  const updated = changes && updateTraceTree(from.tree, changes);
  // For the browser tests: how the trees after the first were made.
  const debug = viewDebug('traceTree');
  const counter = updated ? 'updates' : 'builds';
  debug[counter] = ((debug[counter] as number | undefined) ?? 0) + 1;
  return updated ?? buildTraceTree([...spans.values()]);
}
