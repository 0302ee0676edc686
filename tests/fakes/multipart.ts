import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';

/** One uploaded file part of a multipart/form-data request. */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface ParsedForm {
  /** Text parts in arrival order; names are raw (`timestamp_granularities[]`, `chunking_strategy[type]`). */
  fields: [name: string, value: string][];
  files: UploadedFile[];
}

/** Reads a whole multipart body; rejects on malformed input so the caller can answer 400. */
export function readMultipart(req: IncomingMessage): Promise<ParsedForm> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: 200 * 1024 * 1024 } });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    const form: ParsedForm = { fields: [], files: [] };
    parser.on('field', (name, value) => form.fields.push([name, value]));
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () =>
        form.files.push({ field, filename: info.filename ?? '', contentType: info.mimeType, data: Buffer.concat(chunks) }),
      );
    });
    parser.on('error', reject);
    parser.on('close', () => resolve(form));
    req.pipe(parser);
  });
}

/**
 * Turns form parts into the JSON object the spec describes, following the conventions the SDKs use:
 * openai-node sends arrays as `key[]` and objects as `key[prop]`; the ElevenLabs SDK repeats a plain
 * key for arrays. `arrayFields` names plain keys the schema declares as arrays. Files become a
 * placeholder string (the spec types them `string`, format `binary`). Values stay strings: the spec
 * validator coerces them to the declared types like the providers' form parsers do.
 */
export function formToObject(form: ParsedForm, arrayFields: ReadonlySet<string> = new Set()): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const put = (path: string[], value: unknown, append: boolean): void => {
    let node = out;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      node = (next && typeof next === 'object' && !Array.isArray(next) ? next : (node[key] = {})) as Record<string, unknown>;
    }
    const last = path[path.length - 1] as string;
    if (append) {
      const prev = node[last];
      node[last] = Array.isArray(prev) ? [...prev, value] : prev === undefined ? [value] : [prev, value];
    } else if (node[last] !== undefined) {
      // A repeated plain key: keep every value so validation can see the duplicate.
      const prev = node[last];
      node[last] = Array.isArray(prev) ? [...prev, value] : [prev, value];
    } else node[last] = value;
  };
  const entries: [string, unknown][] = [
    ...form.fields,
    ...form.files.map((f): [string, unknown] => [f.field, `<binary ${f.filename} ${f.data.length} bytes>`]),
  ];
  for (const [name, value] of entries) {
    const isArray = name.endsWith('[]');
    const bare = isArray ? name.slice(0, -2) : name;
    const path = bare.split(/\[|\]\[|\]/).filter((p) => p !== '');
    put(path, value, isArray || arrayFields.has(bare));
  }
  return out;
}
