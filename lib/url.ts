/**
 * The host ("api.example.com:8443") of a base URL, for per-host limits in the rounds and for
 * naming a site in messages. Text that does not parse is returned as it is, so an unparsable URL
 * gets a limit bucket of its own and a message still names what the user typed.
 */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
