/** An OpenAPI path template → Hono's router syntax: `/recordings/{id}/audio` → `/recordings/:id/audio`. */
export const routerPath = (template: string) => template.replace(/\{(\w+)\}/g, ':$1');
