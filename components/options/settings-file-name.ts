/**
 * The name an exported settings file is saved under. Only the page names the file (the background
 * returns the text), so this lives with the page rather than with the settings-file format.
 * The date keeps several backups from overwriting each other.
 */
export function settingsFileName(now: Date): string {
  return `balance-watch-settings-${now.toISOString().slice(0, 10)}.json`;
}
