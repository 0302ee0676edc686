import type { HandlerMap } from '../../contract/registry.js';
import type { CoreContext } from '../../core-types.js';
import { SavedFilters } from './saved-filters.js';
import { redactSnippet } from './snippet-redact.js';
import type { RubricRow } from '../../../db/schema/index.js';

/** Every criterion id of every rubric with its question, the newest version's wording winning. */
function criterionQuestions(rubrics: RubricRow[]): { id: string; question: string }[] {
  const byId = new Map<string, string>();
  for (const r of rubrics) for (const c of r.criteria) byId.set(c.id, c.question);
  return [...byId].map(([id, question]) => ({ id, question }));
}

type CallHandlers = Pick<HandlerMap, 'calls.list' | 'calls.facets' | 'calls.filters.list' | 'calls.filters.save' | 'calls.filters.delete'>;

/** The Calls list, its filter dropdown values and saved filters. */
export function callHandlers(core: CoreContext): CallHandlers {
  const dao = core.daos.calls;
  const saved = new SavedFilters(core.daos.appSettings);
  return {
    'calls.list': ({ redact, ...input }) => {
      const list = dao.list(input);
      if (!redact) return list;
      const categories = core.config.settings.redactCategories;
      return { ...list, items: list.items.map((r) => (r.match ? { ...r, match: { ...r.match, snippet: redactSnippet(r.match.snippet, categories) } } : r)) };
    },
    'calls.facets': ({ agent }) => ({ ...dao.facets(agent ?? null), criteria: criterionQuestions(core.daos.rubrics.list()) }),
    'calls.filters.list': () => saved.list(),
    'calls.filters.save': (input) => saved.save(input),
    'calls.filters.delete': ({ id }) => ({ deleted: saved.delete(id) }),
  };
}
