import type { HandlerMap } from '../../contract/registry.js';
import type { Core } from '../../core.js';
import { servicesFor } from '../analysis/core-services.js';

type RubricHandlers = Pick<HandlerMap, 'rubrics.list' | 'rubrics.save'>;

export function rubricHandlers(core: Core): RubricHandlers {
  const { rubrics } = servicesFor(core);
  return {
    'rubrics.list': () => rubrics.list(),
    'rubrics.save': (input, ctx) => {
      const saved = rubrics.save(input);
      core.daos.audit.record({ actor: ctx.actor, entity: 'rubric', entityId: String(saved.id), action: 'save', newValue: { name: saved.name, version: saved.version } });
      return saved;
    },
  };
}
