import type { HandlerMap } from '../../contract/registry.js';
import type { CoreContext } from '../../core-types.js';

export function mediaHandlers(core: CoreContext): Pick<HandlerMap, 'media.audioUrl'> {
  return { 'media.audioUrl': ({ id }) => core.services.audio.signedUrl(id) };
}
