import type { HandlerMap } from '../../contract/registry.js';
import type { CoreContext } from '../../core-types.js';

type RubricHandlers = Pick<HandlerMap, 'rubrics.list' | 'rubrics.save'>;

export function rubricHandlers(core: CoreContext): RubricHandlers {
  const { rubrics } = core.services.providers;
  return {
    'rubrics.list': () => rubrics.list(),
    'rubrics.save': (input, ctx) => {
      const saved = rubrics.save(input);
      core.daos.audit.record({ actor: ctx.actor, entity: 'rubric', entityId: String(saved.id), action: 'save', newValue: { name: saved.name, version: saved.version } });
      return saved;
    },
  };
}
