/** Poll `fn` every 250 ms until it returns something other than null; fail after `ms` naming `what`. */
export async function waitFor<T>(what: string, fn: () => Promise<T | null> | T | null, ms = 90_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
