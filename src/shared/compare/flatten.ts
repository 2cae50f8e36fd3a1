// A run's spans → its steps in execution order: depth first, siblings by stepOrder when every
// sibling has one (the SDK's explicit order), otherwise by start time. Iterative with an explicit
// stack, so a 10,000-deep chain cannot overflow; a span whose parent is missing (an orphan) starts
// its own subtree, and spans caught in a parent cycle are appended at the end rather than lost.
import type { Step, StepInput } from './types.ts';

const byStart = (x: StepInput, y: StepInput): number =>
  (x.startTime ?? Infinity) - (y.startTime ?? Infinity) ||
  (x.stepOrder ?? Infinity) - (y.stepOrder ?? Infinity);
const byStepOrder = (x: StepInput, y: StepInput): number =>
  x.stepOrder! - y.stepOrder! || (x.startTime ?? Infinity) - (y.startTime ?? Infinity);

function ordered(siblings: StepInput[]): StepInput[] {
  const explicit = siblings.every((s) => s.stepOrder !== null && s.stepOrder !== undefined);
  // Array.prototype.sort is stable, so ties keep the order the spans were given in.
  return siblings.sort(explicit ? byStepOrder : byStart);
}

export function flattenRun(spans: readonly StepInput[]): Step[] {
  const ids = new Set(spans.map((s) => s.spanId));
  const children = new Map<string, StepInput[]>();
  const roots: StepInput[] = [];
  for (const span of spans) {
    const parent = span.parentSpanId;
    if (parent === null || parent === span.spanId || !ids.has(parent)) {
      roots.push(span);
    } else {
      const list = children.get(parent);
      if (list) list.push(span);
      else children.set(parent, [span]);
    }
  }

  const steps: Step[] = [];
  const visited = new Set<string>();
  const walk = (starts: StepInput[]): void => {
    // Pushed in reverse so the first sibling is popped (visited) first.
    const stack: Array<{ span: StepInput; depth: number }> = [];
    for (let i = starts.length - 1; i >= 0; i--) stack.push({ span: starts[i]!, depth: 0 });
    while (stack.length) {
      const { span, depth } = stack.pop()!;
      if (visited.has(span.spanId)) continue;
      visited.add(span.spanId);
      steps.push({ index: steps.length, depth, span });
      const kids = children.get(span.spanId);
      if (!kids) continue;
      const sorted = ordered(kids);
      for (let i = sorted.length - 1; i >= 0; i--) stack.push({ span: sorted[i]!, depth: depth + 1 });
    }
  };
  walk(ordered(roots));
  // Whatever is left hangs off a cycle (a → b → a) and has no root; keep it, in start order.
  const rest = spans.filter((s) => !visited.has(s.spanId));
  if (rest.length) walk(ordered([...rest]));
  return steps;
}
