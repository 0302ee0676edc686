import { RubricsDao } from '../../../db/dao/rubrics-dao.js';
import type { RubricRow } from '../../../db/schema/index.js';
import { RubricInput, RubricView, type RubricInput as RubricInputType } from '../../../preload/contract/schemas/rubrics.js';
import { DEFAULT_RUBRIC } from '../../analysis/default-rubric.js';
import { AppError } from '../../errors.js';

export const toRubricView = (r: RubricRow): RubricView => ({
  id: r.id, name: r.name, description: r.description, version: r.version, criteria: r.criteria, isDefault: r.isDefault, builtin: r.builtin, updatedAt: r.updatedAt,
});

/** Told, in the edit's transaction, that a rubric's wording may have changed (the call projection). */
export interface RubricListener { rubricChanged(rubricId: number): number }

/** Rubrics: the shipped default is created on first use; edits bump the version. */
export class RubricService {
  constructor(private readonly dao: RubricsDao, private readonly calls: RubricListener) {}

  ensureDefault(): RubricView {
    const current = this.dao.getDefault();
    if (current) return toRubricView(current);
    const existing = this.dao.findByName(DEFAULT_RUBRIC.name);
    if (existing) return toRubricView(this.dao.update(existing.id, { name: existing.name, description: existing.description, criteria: existing.criteria, isDefault: true })!);
    return toRubricView(this.dao.insert({ ...DEFAULT_RUBRIC, isDefault: true, builtin: true }));
  }

  list(): RubricView[] {
    this.ensureDefault();
    return this.dao.list().map(toRubricView);
  }

  /** The named rubric, or the default one. */
  resolve(id?: number): RubricView {
    if (id === undefined) return this.ensureDefault();
    const row = this.dao.get(id);
    if (!row) throw new AppError('not_found', `There is no rubric #${id}.`, 'List the rubrics (GET /api/v1/rubrics) and pick one of their ids.');
    return toRubricView(row);
  }

  /** Create, or — when a rubric of that name exists — save a new version of it. */
  save(input: RubricInputType): RubricView {
    const parsed = RubricInput.parse(input);
    this.ensureDefault();
    const existing = this.dao.findByName(parsed.name);
    const fields = { name: parsed.name, description: parsed.description, criteria: parsed.criteria };
    if (!existing) return toRubricView(this.dao.insert({ ...fields, isDefault: parsed.makeDefault }));
    return this.dao.transaction(() => {
      const updated = toRubricView(this.dao.update(existing.id, { ...fields, ...(parsed.makeDefault ? { isDefault: true } : {}) })!);
      this.calls.rubricChanged(existing.id);
      return updated;
    });
  }
}
