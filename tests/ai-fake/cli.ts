import { FAKE_AI_KEY, FAKE_AI_MODEL, startFakeAi } from './server';

// `npx tsx tests/ai-fake/cli.ts [--port 8766]`: the fake model for trying the assistant by hand.
const i = process.argv.indexOf('--port');
const port = i > 0 ? Number(process.argv[i + 1]) : 8766;
const fake = await startFakeAi({ port, chunkDelayMs: 40 });
console.log(
  `Fake OpenAI-compatible endpoint: ${fake.baseUrl}\nModel: ${FAKE_AI_MODEL}\nAPI key: ${FAKE_AI_KEY}`,
);
