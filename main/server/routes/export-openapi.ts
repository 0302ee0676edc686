import type { ExportDef } from '../../exports/definitions.js';

/** OpenAPI fragments for the export routes: the file's media type and an example (parameters come from the query schema). */
const examples: Record<string, { type: string; example: string; description: string }> = {
  'calls.csv': { type: 'text/csv', description: 'One row per call: metadata, AI and final scores, flags, one column per criterion. Formula-like text cells start with an apostrophe.', example: '\uFEFFrecording_id,file_name,call_at,agent,...\r\n12,2024-05-02_dana_4411.wav,2024-05-02T10:15:00,Dana Ruiz,...\r\n' },
  'calls.xlsx': { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', description: 'Sheets "Calls" (one row per call) and "Criteria" (one row per call × criterion).', example: '(binary XLSX)' },
  'calls.json': { type: 'application/json', description: 'Streamed JSON array of full normalized records (metadata, transcript, analysis, overrides, final score).', example: '[\n{"id":12,"fileName":"2024-05-02_dana_4411.wav","scores":{"aiScorePct":80,"finalScorePct":85,"autoFailed":false},"transcript":{...},"analysis":{...}}\n]' },
  'report.pdf': { type: 'application/pdf', description: 'Per-call scorecard report (final score, criteria with evidence, transcript appendix).', example: '(binary PDF)' },
  'evidence.html': { type: 'text/html', description: 'Self-contained evidence pack; opens offline; evidence links play the audio from the quoted moment.', example: '<!doctype html><html>…</html>' },
  'transcript.txt': { type: 'text/plain', description: 'Transcript with speaker names.', example: '[00:01] Dana (Agent): Thank you for calling Northwind.\n' },
  'transcript.srt': { type: 'application/x-subrip', description: 'SubRip subtitles with speakers.', example: '1\n00:00:01,000 --> 00:00:04,500\nDana: Thank you for calling Northwind.\n' },
  'transcript.vtt': { type: 'text/vtt', description: 'WebVTT with voice spans per speaker.', example: 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.500\n<v Dana>Thank you for calling Northwind.</v>\n' },
  'transcript.docx': { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', description: 'Word transcript: speaker names and timestamps per turn, reviewer corrections applied.', example: '(binary DOCX)' },
  'agent.pdf': { type: 'application/pdf', description: 'Agent report for a date range: score over time, criteria strengths and weaknesses, example moments.', example: '(binary PDF)' },
  'team.pdf': { type: 'application/pdf', description: 'Team summary for a date range: daily trend, agents, criteria pass rates.', example: '(binary PDF)' },
};

export function exportOpenApi(def: ExportDef): Record<string, unknown> {
  const ex = examples[def.kind]!;
  const binary = ex.example.startsWith('(binary');
  return {
    operationId: `exports.${def.kind.replace('.', '_')}`,
    summary: ex.description,
    tags: ['exports'],
    responses: {
      200: {
        description: `${ex.description} Content-Disposition names the file.`,
        headers: { 'Content-Disposition': { schema: { type: 'string' }, example: `attachment; filename="example.${def.kind.split('.')[1]}"` } },
        content: { [ex.type]: binary ? { schema: { type: 'string', format: 'binary' } } : { schema: { type: 'string' }, example: ex.example } },
      },
      400: { $ref: '#/components/responses/Error' },
      401: { $ref: '#/components/responses/Error' },
      404: { $ref: '#/components/responses/Error' },
    },
  };
}
