import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { checkJsonDepth } from '../limits.js';
import { invalid, lineAt } from './shared.js';

/**
 * JSON parsing that can say WHERE a problem is: syntax errors carry their offset, and a schema problem
 * is traced back through the parse tree to the line holding the offending value.
 */
export interface JsonSource {
  fileName: string;
  content: string;
  value: unknown;
  tree: Node;
}

export function parseJsonSource(fileName: string, content: string): JsonSource {
  checkJsonDepth(fileName, content);
  const errors: ParseError[] = [];
  const tree = parseTree(content, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first || !tree) {
    const at = first?.offset ?? 0;
    throw invalid(fileName, lineAt(content, at), `not valid JSON (${first ? printParseErrorCode(first.error) : 'empty file'})`);
  }
  return { fileName, content, value: JSON.parse(content) as unknown, tree };
}

/** Validate with zod; the error names the deepest node of the issue's path that exists in the file. */
export function validateJson<T>(src: JsonSource, schema: z.ZodType<T>, what: string): T {
  const r = schema.safeParse(src.value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  let node: Node | undefined;
  for (let n = path.length; n >= 0 && !node; n--) node = findNodeAtLocation(src.tree, path.slice(0, n));
  const where = path.length ? ` at ${path.join('.')}` : '';
  throw invalid(src.fileName, lineAt(src.content, node?.offset ?? 0), `not a valid ${what}${where}: ${issue.message}`);
}
