import type { z } from 'zod';
import type { SettingDef } from '../../../../preload/contract/schemas/settings.js';

/** One setting rendered from its zod schema: select for enums, checkboxes for enum lists, text/number otherwise. */
export function SettingField(props: {
  name: string;
  def: SettingDef;
  value: unknown;
  locked: string | null;
  onChange(value: unknown): void;
}) {
  const { name, def, value, locked } = props;
  const schema = def.schema as z.ZodType & { options?: string[]; element?: z.ZodType & { options?: string[] } };
  const id = `setting-${name}`;
  const type = schema.def.type;
  let control;
  if (type === 'enum' && schema.options) {
    control = (
      <select id={id} value={String(value)} disabled={!!locked} onChange={(e) => props.onChange(e.target.value)}>
        {schema.options.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    );
  } else if (type === 'array' && schema.element?.options) {
    const selected = new Set(value as string[]);
    control = (
      <fieldset id={id} className="checks" disabled={!!locked} aria-label={def.label}>
        {schema.element.options.map((o) => (
          <label key={o}>
            <input
              type="checkbox"
              checked={selected.has(o)}
              onChange={(e) => props.onChange(schema.element!.options!.filter((x) => (x === o ? e.target.checked : selected.has(x))))}
            />
            {o.replace(/_/g, ' ')}
          </label>
        ))}
      </fieldset>
    );
  } else if (type === 'array') {
    control = (
      <input id={id} type="text" value={(value as string[]).join(', ')} disabled={!!locked}
        onChange={(e) => props.onChange(e.target.value.split(',').map((s) => s.trim()).filter(Boolean))} />
    );
  } else if (type === 'number') {
    control = <input id={id} type="number" value={String(value)} disabled={!!locked} onChange={(e) => props.onChange(e.target.value === '' ? '' : Number(e.target.value))} />;
  } else {
    control = <input id={id} type="text" value={String(value)} disabled={!!locked} onChange={(e) => props.onChange(e.target.value)} />;
  }
  return (
    <div className="field">
      <label htmlFor={id}>{def.label}</label>
      {control}
      <p className="muted small">
        {def.description}
        {locked ? <span className="badge">{locked}</span> : null}
        {def.restart ? <span className="badge">restart to apply</span> : null}
      </p>
    </div>
  );
}
