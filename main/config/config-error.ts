/** Exit code for a configuration error (sysexits.h EX_CONFIG), so scripts can tell it apart. */
export const EXIT_CONFIG = 78;

/** A setting that cannot be used: names the setting, the value seen, the rule and the fix. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    readonly value: string,
    readonly rule: string,
    readonly fix: string,
  ) {
    super(`Invalid setting ${setting}: value ${value} ${rule}. Fix: ${fix}`);
    this.name = 'ConfigError';
  }
}
