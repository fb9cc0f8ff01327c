/**
 * A JSON number written exactly as given ("8500.000"), because JSON.stringify would turn it into
 * a binary double first and drop the form the provider really sends.
 */
export class RawNumber {
  constructor(readonly text: string) {
    if (!/^-?\d+(\.\d+)?$/.test(text)) throw new RangeError(`not a JSON number: ${text}`);
  }
}

export function num(text: string): RawNumber {
  return new RawNumber(text);
}

export function stringifyJson(value: unknown): string {
  if (value instanceof RawNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(stringifyJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const parts = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([key, item]) => `${JSON.stringify(key)}:${stringifyJson(item)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value);
}
