// npm run demo -- [--url http://127.0.0.1:4318] [--fast]
// Runs the example agents (examples/) offline against the bundled fake OpenAI-compatible server,
// sending their traces to a running Spyglass collector: a support agent (explicit lifecycle), a
// research agent (wrappers, step order, a destructive tool), a multi-agent run with parallel tool
// calls, a failure and retry, and a ~10 s run that grows live. Builds the SDK first if needed.
import { startFakeOpenAI } from '../examples/fake-openai/server.ts';
// @ts-expect-error plain .mjs helper without declarations
import { ensureSdkBuilt } from '../sdk/scripts/ensureBuilt.mjs';

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const collectorUrl = (argValue('--url') ?? process.env.SPYGLASS_URL ?? 'http://127.0.0.1:4318').replace(
  /\/+$/,
  '',
);
const fast = process.argv.includes('--fast');

async function collectorIsUp(): Promise<boolean> {
  try {
    const response = await fetch(`${collectorUrl}/api/health`, { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}

if (!(await collectorIsUp())) {
  console.error(
    `No Spyglass collector answers at ${collectorUrl}.\nStart one with \`npm start\` (desktop) or \`npm run serve\` (headless), or pass --url http://127.0.0.1:PORT.`,
  );
  process.exit(1);
}

ensureSdkBuilt();
// Imported after the build: the examples load @spyglass/sdk from sdk/dist.
const examples = [
  {
    title: 'Support agent (explicit lifecycle, streamed answer)',
    module: await import('../examples/support-agent.ts'),
    stepDelayMs: 300,
  },
  {
    title: 'Research agent (wrappers, step order, destructive tool)',
    module: await import('../examples/research-agent.ts'),
    stepDelayMs: 300,
  },
  {
    title: 'Multi-agent run (Promise.all, parallel tool calls)',
    module: await import('../examples/multi-agent.ts'),
    stepDelayMs: 200,
  },
  {
    title: 'Instrumented Anthropic client, two turns of one session',
    module: await import('../examples/instrumented-agent.ts'),
    stepDelayMs: 150,
  },
  { title: 'Failure and retry', module: await import('../examples/flaky-agent.ts'), stepDelayMs: 200 },
  {
    title: 'Long run (~10 s, watch it grow live)',
    module: await import('../examples/long-run.ts'),
    stepDelayMs: 1100,
  },
];

const fake = await startFakeOpenAI({ latencyMs: fast ? 0 : 80 });
console.log(`Fake OpenAI-compatible server at ${fake.url}; sending traces to ${collectorUrl}\n`);
try {
  for (const example of examples) {
    process.stdout.write(`• ${example.title} ... `);
    const { traceIds } = await example.module.run({
      collectorUrl,
      openaiBaseUrl: fake.url,
      stepDelayMs: fast ? 0 : example.stepDelayMs,
    });
    console.log(traceIds.join(', '));
  }
  console.log(`\nDone: open Spyglass (${collectorUrl}/ in headless mode) to browse the traces.`);
} finally {
  await fake.close();
}
