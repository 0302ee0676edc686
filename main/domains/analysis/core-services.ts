import type { Core } from '../../core.js';
import { providerServices, type ProviderServices } from './services.js';

/** The provider services of a core (the same instance for handlers and step runners). */
export function servicesFor(core: Pick<Core, 'db' | 'logger' | 'config' | 'settings'>): ProviderServices {
  return providerServices({ db: core.db, logger: core.logger, settings: () => core.config.settings, secret: (n) => core.settings.secret(n) });
}
