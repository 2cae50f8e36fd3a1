// The inspector's Markdown parse (markdownTree.ts over markdown-it): a realistic 20 KB model
// answer, and the two inputs that froze or crashed the old hand-written reader (100,000
// unmatched `[`: 15.8 s; 20,000 nested `>`: stack overflow). Linearity is shown as the ratio
// against the same input at a quarter of the size, measured in the same run (about 4 when
// linear, 16 when quadratic).
//
//   node bench/markdown.bench.ts
import { parseMarkdown } from '../src/renderer/src/components/markdown/markdownTree.ts';
import { median, report, sample, settleHeap } from './lib.ts';

/** A model answer of about 20 KB: headings, prose with inline marks, tables, nested and task lists, code. */
function realisticAnswer(): string {
  const parts: string[] = [];
  for (let step = 1; parts.join('').length < 20_000; step++)
    parts.push(
      `## Step ${step}\n\nHere is **bold**, *emphasis*, \`code\` and a [link](https://example.com/${step}).\n\n`,
      `| Col A | Col B | Col C |\n|---|:--:|--:|\n| a${step} | **b** | \`c\` |\n| d | e | f |\n\n`,
      '- item one\n  - nested *two*\n    - deeper three\n- [ ] task open\n- [x] task done\n\n1. first\n2. second\n\n',
      `\`\`\`ts\nconst x${step} = ${step};\nfunction f() { return x${step} * 2; }\n\`\`\`\n\n> a quote with <b>html</b>\n\n`,
    );
  return parts.join('');
}

async function medianMs(source: string, runs: number): Promise<number> {
  settleHeap();
  return median(await sample(() => parseMarkdown(source), runs));
}

const answer = realisticAnswer();
const answerMs = await medianMs(answer, 30);
const brackets25kMs = await medianMs('['.repeat(25_000), 7);
const brackets100kMs = await medianMs('['.repeat(100_000), 7);
const quotes5kMs = await medianMs(`${'>'.repeat(5_000)} x`, 7);
const quotes20kMs = await medianMs(`${'>'.repeat(20_000)} x`, 7);

report('Markdown parse (markdown-it → tree)', [
  { label: `realistic answer, ${(answer.length / 1000).toFixed(1)} KB, median`, value: answerMs, unit: 'ms' },
  { label: '100,000 unmatched [, median', value: brackets100kMs, unit: 'ms' },
  {
    label: '100,000 [ against 25,000 [ (4 linear, 16 quadratic)',
    value: brackets100kMs / brackets25kMs,
    unit: '×',
    goal: { max: 10 },
  },
  { label: '20,000 nested > (shown as plain text), median', value: quotes20kMs, unit: 'ms' },
  {
    label: '20,000 nested > against 5,000 (4 linear, 16 quadratic)',
    value: quotes20kMs / quotes5kMs,
    unit: '×',
    goal: { max: 10 },
  },
]);
