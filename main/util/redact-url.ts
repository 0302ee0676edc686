/** A URL with its password replaced by *** (for messages, logs and the settings view). */
export function redactUrlPassword(url: string): string {
  try {
    const u = new URL(url);
    if (!u.password) return url;
    u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^@/]*)@/, '//***@');
  }
}
