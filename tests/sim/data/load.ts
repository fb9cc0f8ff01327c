import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type SimData, simDataSchema } from './schema';

export const DEMO_DATA_PATH = fileURLToPath(new URL('./demo.json', import.meta.url));

/** Validates the whole file first so a typo fails at start with the account and field named. */
export function parseSimData(json: unknown): SimData {
  const result = simDataSchema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid simulator data: ${problems}`);
  }
  return result.data;
}

export function loadSimData(path: string = DEMO_DATA_PATH): SimData {
  return parseSimData(JSON.parse(readFileSync(path, 'utf8')));
}
